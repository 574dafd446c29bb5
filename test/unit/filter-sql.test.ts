// The filter-to-SQL compiler, tested as kysely tests its compiler: the SQL
// text, the bound parameters, and the rows a real SQLite database returns.
// Rows are written through a collection (so payloads are stored exactly as
// the server stores them) and selected through a second connection opened
// with Storage.open, so the compiled SQL is what is under test. The expected
// rows are stated by hand and cross-checked with the reference evaluator.

import { describe, expect, it, onTestFinished } from 'vitest';
import { pointIdFromKey } from '../../core/point-id.js';
import type { Payload } from '../../core/types.js';
import { parseFilter } from '../../engine/filter/ast.js';
import { matchesFilter } from '../../engine/filter/reference.js';
import { compileFilterSql } from '../../engine/filter/sql.js';
import { Storage } from '../../storage/storage.js';
import { tempEngine } from '../support/engine.js';

/** Points 1..n with the given payloads, and a way to select them with a compiled filter. */
async function database(payloads: (Payload | null)[]): Promise<{ select(raw: unknown): number[]; reference(raw: unknown): number[]; rows(): number }> {
  const env = await tempEngine();
  onTestFinished(() => env.dispose());
  await env.engine.createCollection('c', { vectors: { size: 2, distance: 'Euclid' } });
  const collection = env.engine.collection('c');
  collection.upsert({ points: payloads.map((payload, i) => ({ id: i + 1, vector: [i, 1], payload })) }, true);
  const storage = Storage.open({ dir: env.dir, sync: 'normal' });
  onTestFinished(() => storage.close());
  return {
    select: (raw) => storage.points.pidsWhere(collection.id, compileFilterSql(parseFilter(raw))).map((pid) => Number(pointIdFromKey(pid))),
    reference: (raw) => {
      const f = parseFilter(raw)!;
      return payloads.flatMap((payload, i) => (matchesFilter(f, { pid: pidOf(i + 1), payload }) ? [i + 1] : []));
    },
    rows: () => storage.points.count(collection.id),
  };
}

function pidOf(id: number): string {
  return `n${String(id).padStart(20, '0')}`;
}

function compile(raw: unknown): { sql: string; params: unknown[] } {
  return compileFilterSql(parseFilter(raw));
}

/** One `?` per bound parameter. */
function placeholders(sql: string): number {
  return sql.split('?').length - 1;
}

/** The SQL text with the fixed type-name literals removed: no quote, comment or statement separator may remain. */
function withoutTypeLiterals(sql: string): string {
  return sql.replace(/'(text|integer|real|true|false|null)'/g, '');
}

const PAYLOADS: (Payload | null)[] = [
  /* 1 */ { color: 'red', n: 1, tags: ['a', 'b'], meta: { year: 2020 }, t: '2024-01-01T00:00:00Z', ok: true },
  /* 2 */ { color: 'blue', n: 2, tags: [], meta: { year: 2021 }, ok: false },
  /* 3 */ { color: ['red', 'green'], n: 2.5, tags: ['b'], t: '2024-06-01T12:00:00+02:00' },
  /* 4 */ { color: null, n: null, tags: null },
  /* 5 */ {},
  /* 6 */ null,
  /* 7 */ { color: 'RED', n: -3, meta: [{ year: 2019 }, { year: [2022, 2023] }], t: 'not a date' },
  /* 8 */ { color: 5, n: '2', tags: [null], ok: 'true', t: 1704067200000 },
  /* 9 */ { 'my key': 'spaced', 'a.b': 'literal', a: { b: 'nested' } },
];

describe('compileFilterSql: SQL text and parameters', () => {
  it('no filter is the constant true', () => {
    expect(compileFilterSql(undefined)).toEqual({ sql: '1', params: [] });
    expect(compile({})).toEqual({ sql: '1', params: [] });
  });

  it('match on a keyword binds the JSON path and the value, in the order the SQL reads them', () => {
    expect(compile({ must: [{ key: 'color', match: { value: 'red' } }] })).toEqual({
      sql: "(EXISTS (SELECT 1 FROM json_each(hqdb_values(payload, ?)) WHERE type = 'text' AND value = ?))",
      params: ['["color"]', 'red'],
    });
  });

  it('match on a boolean binds only the path', () => {
    expect(compile({ must: [{ key: 'ok', match: { value: true } }] })).toEqual({
      sql: "(EXISTS (SELECT 1 FROM json_each(hqdb_values(payload, ?)) WHERE type = 'true'))",
      params: ['["ok"]'],
    });
  });

  it('any on a dotted key goes through hqdb_values with the key parts and the list as JSON parameters', () => {
    expect(compile({ must: [{ key: 'meta.year', match: { any: [2020, 2021] } }] })).toEqual({
      sql: "(EXISTS (SELECT 1 FROM json_each(hqdb_values(payload, ?)) WHERE type IN ('integer', 'real') AND value IN (SELECT value FROM json_each(?))))",
      params: ['["meta","year"]', '[2020,2021]'],
    });
  });

  it('numeric and datetime ranges bind their bounds (datetimes as epoch milliseconds)', () => {
    expect(compile({ must: [{ key: 'n', range: { gte: 1, lt: 3 } }] })).toEqual({
      sql: "(EXISTS (SELECT 1 FROM json_each(hqdb_values(payload, ?)) WHERE type IN ('integer', 'real') AND CAST(value AS REAL) >= ? AND CAST(value AS REAL) < ?))",
      params: ['["n"]', 1, 3],
    });
    expect(compile({ must: [{ key: 't', range: { gte: '2024-01-01T00:00:00Z' } }] })).toEqual({
      sql: "(EXISTS (SELECT 1 FROM json_each(hqdb_values(payload, ?)) WHERE type = 'text' AND hqdb_datetime(value) >= ?))",
      params: ['["t"]', Date.UTC(2024, 0, 1)],
    });
  });

  it('should, must_not and has_id combine as OR, AND NOT and a bound id list', () => {
    expect(compile({ should: [{ has_id: [1, 2] }, { is_null: { key: 'color' } }], must_not: [{ is_empty: { key: 'tags' } }] })).toEqual({
      sql: "((pid IN (SELECT value FROM json_each(?))) OR (EXISTS (SELECT 1 FROM json_each(hqdb_values(payload, ?)) WHERE type = 'null'))) AND NOT ((NOT EXISTS (SELECT 1 FROM json_each(hqdb_values(payload, ?)) WHERE type != 'null')))",
      params: [JSON.stringify([pidOf(1), pidOf(2)]), '["color"]', '["tags"]'],
    });
  });

  it('except binds the path for each use and then the excluded list, in SQL order', () => {
    const { sql, params } = compile({ must: [{ key: 'color', match: { except: ['red'] } }] });
    expect(sql).toBe(
      "((NOT (hqdb_values(payload, ?) IS NOT NULL) OR NOT EXISTS (SELECT 1 FROM json_each(hqdb_values(payload, ?))) OR EXISTS (SELECT 1 FROM json_each(hqdb_values(payload, ?)) WHERE type != 'null' AND NOT (type = 'text' AND value IN (SELECT value FROM json_each(?))))))",
    );
    expect(params).toEqual(['["color"]', '["color"]', '["color"]', '["red"]']);
  });

  it('min_should sums CASE terms and binds min_count last', () => {
    const { sql, params } = compile({ min_should: { conditions: [{ key: 'tags', values_count: { gt: 1 } }, { key: 'n', range: { lt: 0 } }], min_count: 2 } });
    expect(sql).toBe(
      "((CASE WHEN (SELECT count(*) FROM json_each(hqdb_values(payload, ?))) > ? THEN 1 ELSE 0 END) + (CASE WHEN EXISTS (SELECT 1 FROM json_each(hqdb_values(payload, ?)) WHERE type IN ('integer', 'real') AND CAST(value AS REAL) < ?) THEN 1 ELSE 0 END)) >= ?",
    );
    expect(params).toEqual(['["tags"]', 1, '["n"]', 0, 2]);
  });

  it('values_count with two bounds binds the key path once per count', () => {
    const { sql, params } = compile({ must: [{ key: 'tags', values_count: { gte: 1, lte: 2 } }] });
    expect(placeholders(sql)).toBe(params.length);
    expect(params.filter((p) => p === '["tags"]')).toHaveLength(sql.split('hqdb_values(payload, ?)').length - 1);
  });

  it('one placeholder per parameter for every condition kind', () => {
    const filters = [
      { must: [{ key: 'a', match: { value: 'x' } }, { key: 'a.b', match: { value: 3 } }, { key: 'c', match: { value: false } }] },
      { should: [{ key: 'a', match: { any: ['x', 'y'] } }, { key: 'a.b', match: { except: [1] } }, { key: 'a', match: { except: [] } }] },
      { must_not: [{ key: 'a', range: { gt: 1, lte: 2 } }, { key: 'x.y', range: { lt: '2024-01-01' } }, { key: 'a', values_count: { gte: 1 } }] },
    { must: [{ key: 'a', values_count: { gt: 0, lt: 3 } }, { key: 'a.b', values_count: { gte: 1, lte: 2 } }] },
      { min_should: { conditions: [{ is_null: { key: 'a.b' } }, { is_empty: { key: 'a' } }, { has_id: [3] }, { must: [{ key: 'a', match: { value: 'x' } }] }], min_count: 1 } },
    ];
    for (const f of filters) {
      const { sql, params } = compile(f);
      expect(placeholders(sql), JSON.stringify(f)).toBe(params.length);
    }
  });
});

describe('compileFilterSql: values never enter the SQL text', () => {
  const HOSTILE = "'); DROP TABLE points; --";
  const HOSTILE_KEY = 'x" ) OR 1=1 --';
  const hostileFilters = [
    { must: [{ key: 'color', match: { value: HOSTILE } }] },
    { must: [{ key: 'color', match: { any: [HOSTILE, `${HOSTILE}2`] } }] },
    { must: [{ key: 'color', match: { except: [HOSTILE] } }] },
    { must: [{ key: HOSTILE, range: { gte: 123456789 } }] },
    { must: [{ key: HOSTILE_KEY, match: { any: ['v'] } }] },
    { must: [{ key: `${HOSTILE_KEY}.inner`, is_null: true }] },
    { must_not: [{ is_empty: { key: HOSTILE } }], should: [{ key: HOSTILE, values_count: { gt: 987654 } }] },
    { must: [{ key: 't', range: { lt: '2031-02-03T04:05:06Z' } }] },
    { min_should: { conditions: [{ key: 'color', match: { any: [HOSTILE] } }], min_count: 777 } },
  ];

  it.each(hostileFilters.map((f) => [JSON.stringify(f), f]))('%s', (_, f) => {
    const { sql, params } = compile(f);
    for (const text of [HOSTILE, HOSTILE_KEY, 'DROP', 'OR 1=1', '123456789', '987654', '777', '2031', String(Date.UTC(2031, 1, 3, 4, 5, 6))]) {
      expect(sql).not.toContain(text);
    }
    expect(withoutTypeLiterals(sql)).not.toMatch(/['";]|--/);
    expect(placeholders(sql)).toBe(params.length);
  });

  it('hostile keywords and keys select their rows and leave the table intact', async () => {
    const db = await database([{ color: HOSTILE, [HOSTILE]: 1, [HOSTILE_KEY]: 'v' }, { color: 'red', [HOSTILE]: 'one' }, { color: `${HOSTILE} ` }]);
    expect(db.select({ must: [{ key: 'color', match: { any: [HOSTILE] } }] })).toEqual([1]);
    expect(db.select({ must: [{ key: HOSTILE, range: { gte: 1 } }] })).toEqual([1]);
    expect(db.select({ must: [{ key: HOSTILE_KEY, match: { any: ['v'] } }] })).toEqual([1]);
    expect(db.select({ must: [{ key: HOSTILE, is_empty: true }] })).toEqual([3]);
    expect(db.rows()).toBe(3);
  });

  it('hostile values through match and except select their rows and leave the table intact', async () => {
    const db = await database([{ color: HOSTILE }, { color: 'red' }]);
    expect(db.select({ must: [{ key: 'color', match: { value: HOSTILE } }] })).toEqual([1]);
    expect(db.select({ must: [{ key: 'color', match: { except: [HOSTILE] } }] })).toEqual([2]);
    expect(db.rows()).toBe(2);
  });
});

describe('compileFilterSql: rows selected from SQLite', () => {
  const cases: [string, unknown, number[]][] = [
    ['everything', {}, [1, 2, 3, 4, 5, 6, 7, 8, 9]],
    ['match keyword (case-sensitive, array element, not a number)', { must: [{ key: 'color', match: { value: 'red' } }] }, [1, 3]],
    ['match integer (not 2.5, not "2")', { must: [{ key: 'n', match: { value: 2 } }] }, [2]],
    ['match integer on a dotted key through an array of objects', { must: [{ key: 'meta.year', match: { value: 2019 } }] }, [7]],
    ['match true (not "true")', { must: [{ key: 'ok', match: { value: true } }] }, [1]],
    ['match false', { must: [{ key: 'ok', match: { value: false } }] }, [2]],
    ['any keywords', { must: [{ key: 'color', match: { any: ['blue', 'green'] } }] }, [2, 3]],
    ['any integers on a dotted key, nested arrays', { must: [{ key: 'meta.year', match: { any: [2020, 2023] } }] }, [1, 7]],
    ['except keywords (absent keys match; null-only does not)', { must: [{ key: 'color', match: { except: ['red'] } }] }, [2, 3, 5, 6, 7, 8, 9]],
    ['except integers', { must: [{ key: 'n', match: { except: [1, 2] } }] }, [3, 5, 6, 7, 8, 9]],
    ['range gte/lt', { must: [{ key: 'n', range: { gte: 1, lt: 2.5 } }] }, [1, 2]],
    ['range gt/lte with negatives', { must: [{ key: 'n', range: { gt: -5, lte: 1 } }] }, [1, 7]],
    ['range on a dotted key', { must: [{ key: 'meta.year', range: { gte: 2021 } }] }, [2, 7]],
    ['datetime range across zones (ignores numbers and non-dates)', { must: [{ key: 't', range: { gte: '2024-01-01T00:00:00Z', lt: '2024-06-01T11:00:00Z' } }] }, [1, 3]],
    ['datetime range gt', { must: [{ key: 't', range: { gt: '2024-01-01T00:00:00Z' } }] }, [3]],
    ['is_null', { must: [{ is_null: { key: 'color' } }] }, [4]],
    ['is_null on an array holding null', { must: [{ is_null: { key: 'tags' } }] }, [4, 8]],
    ['is_empty: absent, [], null, [null]', { must: [{ is_empty: { key: 'tags' } }] }, [2, 4, 5, 6, 7, 8, 9]],
    ['values_count gte 1 (null counts once)', { must: [{ key: 'tags', values_count: { gte: 1 } }] }, [1, 3, 4, 8]],
    ['values_count gt 1', { must: [{ key: 'tags', values_count: { gt: 1 } }] }, [1]],
    ['values_count between two bounds', { must: [{ key: 'tags', values_count: { gte: 1, lt: 2 } }] }, [3, 4, 8]],
    ['values_count between two bounds on a dotted key', { must: [{ key: 'meta.year', values_count: { gt: 1, lte: 3 } }] }, [7]],
    ['has_id (unknown ids ignored)', { must: [{ has_id: [2, 4, 99] }] }, [2, 4]],
    ['a key with a space', { must: [{ key: 'my key', match: { any: ['spaced'] } }] }, [9]],
    ['a dotted key walks objects, never a literal "a.b" key', { must: [{ key: 'a.b', match: { any: ['literal'] } }] }, []],
    ['a dotted key into a nested object', { must: [{ key: 'a.b', match: { any: ['nested'] } }] }, [9]],
    ['must with must_not', { must: [{ key: 'n', range: { gte: 1 } }], must_not: [{ key: 'color', match: { any: ['blue'] } }] }, [1, 3]],
    ['should', { should: [{ has_id: [5] }, { key: 'ok', match: { value: true } }] }, [1, 5]],
    ['min_should', {
      min_should: {
        conditions: [{ key: 'color', match: { any: ['red'] } }, { key: 'n', range: { gte: 2 } }, { key: 'tags', values_count: { gte: 1 } }],
        min_count: 2,
      },
    }, [1, 3]],
    ['min_should with min_count above the number of conditions', { min_should: { conditions: [{ has_id: [1] }], min_count: 2 } }, []],
    ['nested filters at depth', {
      should: [
        { must: [{ key: 'n', range: { lt: 0 } }] },
        { must_not: [{ should: [{ is_empty: { key: 'tags' } }, { key: 'color', match: { any: ['red'] } }] }] },
      ],
    }, [7]],
  ];

  it.each(cases)('%s', async (_, filter, expected) => {
    const db = await database(PAYLOADS);
    expect(db.reference(filter), 'the stated rows are the reference semantics').toEqual(expected);
    expect(db.select(filter)).toEqual(expected);
  });

  it('a key holding an object is one value, not its members (as dotted keys and the reference treat it)', async () => {
    const db = await database([{ k: { a: 'x', b: 'y' } }, { k: {} }, { k: { a: 'x' }, d: { k: { a: 'x' } } }]);
    for (const [filter, expected] of [
      [{ must: [{ key: 'k', match: { any: ['x'] } }] }, []],
      [{ must: [{ key: 'k', values_count: { gte: 2 } }] }, []],
      [{ must: [{ key: 'k', is_empty: true }] }, []],
      [{ must: [{ key: 'd.k', match: { any: ['x'] } }] }, []],
      [{ must: [{ key: 'k', match: { except: ['x'] } }] }, [1, 2, 3]],
    ] as [unknown, number[]][]) {
      expect(db.reference(filter), JSON.stringify(filter)).toEqual(expected);
      expect.soft(db.select(filter), JSON.stringify(filter)).toEqual(expected);
    }
  });

  it('integers beyond 2^53 compare as doubles, as in the reference evaluator and the column cache', async () => {
    const db = await database([{ n: 9007199254740993n as unknown as number }, { n: 9007199254740992 }]);
    const filter = { must: [{ key: 'n', range: { gt: 9007199254740992 } }] };
    expect(db.reference(filter)).toEqual([]);
    expect(db.select(filter)).toEqual([]);
  });
});
