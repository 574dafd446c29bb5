// The filter parser: every condition kind Qdrant's filter language has (and
// hqdb supports) becomes a frozen syntax tree; every malformed filter is
// refused with a stable code and the path of the offending part, so a client
// can point at it. Unsupported Qdrant conditions are UNSUPPORTED, not
// INVALID_FILTER: the filter is well-formed, hqdb just cannot run it.

import { describe, expect, it } from 'vitest';
import { HqdbError, type ErrorCode } from '../../core/errors.js';
import { pointKey } from '../../core/point-id.js';
import { DEFAULT_FILTER_LIMITS, filterKeys, parseFilter, type Condition, type Filter } from '../../engine/filter/ast.js';

/** The error parseFilter throws for `raw`; fails the test when it does not throw. */
function rejection(raw: unknown, path?: string): HqdbError {
  let thrown: unknown;
  try {
    parseFilter(raw, path);
  } catch (err) {
    thrown = err;
  }
  if (!(thrown instanceof HqdbError)) expect.fail(`parseFilter(${preview(raw)}) should throw an HqdbError, got ${thrown === undefined ? 'no error' : String(thrown)}`);
  return thrown;
}

function preview(raw: unknown): string {
  try {
    return JSON.stringify(raw).slice(0, 200);
  } catch {
    return '(too deep to print)';
  }
}

/** Asserts `raw` is refused with `code` at `path` (in the details and at the start of the message). */
function expectRejected(raw: unknown, code: ErrorCode, path: string, root?: string): void {
  const err = rejection(raw, root);
  expect(err.code).toBe(code);
  expect(err.message.startsWith(`${path}:`), `message "${err.message}" should start with "${path}:"`).toBe(true);
  if (code === 'INVALID_FILTER') expect(err.details?.path).toBe(path);
}

const invalid = (raw: unknown, path: string): void => expectRejected(raw, 'INVALID_FILTER', path);
const unsupported = (raw: unknown, path: string): void => expectRejected(raw, 'UNSUPPORTED', path);

function only(raw: unknown): Condition {
  const f = parseFilter(raw)!;
  expect(f.must).toHaveLength(1);
  return f.must[0];
}

/** A filter nested `depth` levels deep (the root counts as level 1). */
function nested(depth: number): Record<string, unknown> {
  let f: Record<string, unknown> = { must: [{ key: 'a', match: { value: 1 } }] };
  for (let i = 1; i < depth; i++) f = { must: [f] };
  return f;
}

describe('parseFilter accepts', () => {
  it('no filter as undefined', () => {
    expect(parseFilter(undefined)).toBeUndefined();
    expect(parseFilter(null)).toBeUndefined();
  });

  it('an empty filter and null clauses as match-everything', () => {
    expect(parseFilter({})).toEqual({ must: [], should: [], mustNot: [] });
    expect(parseFilter({ must: null, should: null, must_not: null, min_should: null })).toEqual({ must: [], should: [], mustNot: [] });
  });

  it('match on a keyword, an integer and a boolean', () => {
    expect(only({ must: [{ key: 'color', match: { value: 'red' } }] })).toEqual({ kind: 'match', key: 'color', parts: ['color'], value: 'red' });
    expect(only({ must: [{ key: 'n', match: { value: -7 } }] })).toMatchObject({ kind: 'match', value: -7 });
    expect(only({ must: [{ key: 'n', match: { value: Number.MAX_SAFE_INTEGER } }] })).toMatchObject({ kind: 'match', value: Number.MAX_SAFE_INTEGER });
    expect(only({ must: [{ key: 'ok', match: { value: false } }] })).toMatchObject({ kind: 'match', value: false });
    expect(only({ must: [{ key: 'empty', match: { value: '' } }] })).toMatchObject({ kind: 'match', value: '' });
  });

  it('match any and except, of keywords or of integers, without duplicates', () => {
    expect(only({ must: [{ key: 'c', match: { any: ['a', 'b', 'a'] } }] })).toEqual({ kind: 'any', key: 'c', parts: ['c'], values: ['a', 'b'] });
    expect(only({ must: [{ key: 'n', match: { any: [3, 1, 3] } }] })).toMatchObject({ kind: 'any', values: [3, 1] });
    expect(only({ must: [{ key: 'c', match: { except: ['a'] } }] })).toMatchObject({ kind: 'except', values: ['a'] });
    expect(only({ must: [{ key: 'n', match: { except: [1, 2] } }] })).toMatchObject({ kind: 'except', values: [1, 2] });
    // except [] is meaningful: "has some non-null value"; any [] is refused below.
    expect(only({ must: [{ key: 'c', match: { except: [] } }] })).toMatchObject({ kind: 'except', values: [] });
  });

  it('numeric ranges with any combination of bounds, null bounds ignored', () => {
    expect(only({ must: [{ key: 'p', range: { gt: 1, gte: 2, lt: 10.5, lte: 9 } }] })).toEqual({ kind: 'range', key: 'p', parts: ['p'], bounds: { gt: 1, gte: 2, lt: 10.5, lte: 9 } });
    expect(only({ must: [{ key: 'p', range: { gte: -1.5, lt: null } }] })).toMatchObject({ kind: 'range', bounds: { gte: -1.5 } });
    expect(only({ must: [{ key: 'p', range: {} }] })).toMatchObject({ kind: 'range', bounds: {} });
  });

  it('datetime ranges on RFC 3339 strings, as epoch milliseconds (UTC when no zone is given)', () => {
    const c = only({ must: [{ key: 't', range: { gte: '2024-01-02T03:04:05Z', lt: '2024-01-02T05:04:05+02:00' } }] });
    expect(c).toEqual({ kind: 'datetime_range', key: 't', parts: ['t'], bounds: { gte: Date.UTC(2024, 0, 2, 3, 4, 5), lt: Date.UTC(2024, 0, 2, 3, 4, 5) } });
    expect(only({ must: [{ key: 't', range: { gt: '2024-01-02' } }] })).toMatchObject({ bounds: { gt: Date.UTC(2024, 0, 2) } });
    expect(only({ must: [{ key: 't', range: { lte: '2024-01-02T03:04:05.250' } }] })).toMatchObject({ bounds: { lte: Date.UTC(2024, 0, 2, 3, 4, 5, 250) } });
    expect(only({ must: [{ key: 't', range: { lte: '2024-01-02 03:04:05Z' } }] })).toMatchObject({ bounds: { lte: Date.UTC(2024, 0, 2, 3, 4, 5) } });
  });

  it('is_null, is_empty (Qdrant form and field form), values_count', () => {
    expect(only({ must: [{ is_null: { key: 'a' } }] })).toEqual({ kind: 'is_null', key: 'a', parts: ['a'] });
    expect(only({ must: [{ is_empty: { key: 'a.b' } }] })).toEqual({ kind: 'is_empty', key: 'a.b', parts: ['a', 'b'] });
    expect(only({ must: [{ key: 'a', is_null: true }] })).toMatchObject({ kind: 'is_null', key: 'a' });
    expect(only({ must: [{ key: 'a', is_empty: true }] })).toMatchObject({ kind: 'is_empty', key: 'a' });
    expect(only({ must: [{ key: 'tags', values_count: { gte: 2, lt: 5 } }] })).toEqual({ kind: 'values_count', key: 'tags', parts: ['tags'], bounds: { gte: 2, lt: 5 } });
  });

  it('has_id with integers and UUIDs in any spelling, as storage keys', () => {
    const c = only({ must: [{ has_id: [1, 42, '550E8400-E29B-41D4-A716-446655440000', '{550e8400e29b41d4a716446655440001}'] }] });
    expect(c).toEqual({
      kind: 'has_id',
      pids: [pointKey(1), pointKey(42), pointKey('550e8400-e29b-41d4-a716-446655440000'), pointKey('550e8400-e29b-41d4-a716-446655440001')],
    });
    expect(only({ must: [{ has_id: [] }] })).toEqual({ kind: 'has_id', pids: [] });
  });

  it('dotted keys and [] array markers', () => {
    expect(only({ must: [{ key: 'a.b.c', match: { value: 1 } }] })).toMatchObject({ key: 'a.b.c', parts: ['a', 'b', 'c'] });
    expect(only({ must: [{ key: 'items[].name', match: { value: 'x' } }] })).toMatchObject({ key: 'items[].name', parts: ['items', 'name'] });
  });

  it('should, must_not, min_should and nested filters at any clause', () => {
    const f = parseFilter({
      must: [{ should: [{ key: 'a', match: { value: 1 } }, { must_not: [{ key: 'b', match: { value: 'x' } }] }] }],
      should: { key: 'c', match: { value: true } },
      must_not: [{ has_id: [7] }],
      min_should: { conditions: [{ key: 'd', range: { gt: 0 } }, { min_should: { conditions: [], min_count: 0 } }], min_count: 1 },
    })!;
    expect(f.must[0]).toMatchObject({ kind: 'filter', filter: { must: [], should: [{ kind: 'match' }, { kind: 'filter', filter: { mustNot: [{ kind: 'match', value: 'x' }] } }] } });
    expect(f.should).toEqual([{ kind: 'match', key: 'c', parts: ['c'], value: true }]);
    expect(f.mustNot).toEqual([{ kind: 'has_id', pids: [pointKey(7)] }]);
    expect(f.minShould).toMatchObject({ minCount: 1, conditions: [{ kind: 'range' }, { kind: 'filter', filter: { minShould: { conditions: [], minCount: 0 } } }] });
    expect([...filterKeys(f)].sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it(`nesting up to ${DEFAULT_FILTER_LIMITS.maxDepth} levels and lists up to ${DEFAULT_FILTER_LIMITS.maxValues} values`, () => {
    expect(parseFilter(nested(DEFAULT_FILTER_LIMITS.maxDepth))).toBeDefined();
    const many = Array.from({ length: DEFAULT_FILTER_LIMITS.maxValues }, (_, i) => i);
    expect(only({ must: [{ key: 'n', match: { any: many } }] })).toMatchObject({ kind: 'any' });
    expect(only({ must: [{ has_id: many } ] })).toMatchObject({ kind: 'has_id' });
  });

  it('returns a deeply frozen tree', () => {
    const f = parseFilter({ must: [{ should: [{ key: 'a', match: { any: ['x'] } }] }], min_should: { conditions: [{ key: 'b', range: { gt: 1 } }], min_count: 1 } })!;
    const frozen = (v: unknown): boolean => v === null || typeof v !== 'object' || (Object.isFrozen(v) && Object.values(v).every(frozen));
    expect(frozen(f)).toBe(true);
    expect(() => (f.must as Condition[]).push({ kind: 'has_id', pids: [] })).toThrow(TypeError);
    const inner = (f.must[0] as { filter: Filter }).filter.should[0] as unknown as { values: string[] };
    expect(() => inner.values.push('y')).toThrow(TypeError);
  });
});

describe('parseFilter refuses with INVALID_FILTER and the path of the problem', () => {
  it('a filter that is not an object', () => {
    invalid([], 'filter');
    invalid('must', 'filter');
    invalid(42, 'filter');
    expectRejected([1], 'INVALID_FILTER', 'searches[3].filter', 'searches[3].filter');
  });

  it('unknown clauses and unknown operators', () => {
    invalid({ filter: [] }, 'filter.filter');
    invalid({ must: [{ key: 'a', like: 'x%' }] }, 'filter.must[0].like');
    invalid({ should: [{ key: 'a', match: { regex: '.*' } }] }, 'filter.should[0].match.regex');
    invalid({ must_not: [{ key: 'a', range: { between: [1, 2] } }] }, 'filter.must_not[0].range.between');
    invalid({ must: [{ key: 'a', range: { gt: '2024-01-01', after: '2024-01-01' } }] }, 'filter.must[0].range.after');
    invalid({ must: [{ key: 'a', values_count: { eq: 1 } }] }, 'filter.must[0].values_count.eq');
    invalid({ must: [{ key: 'a', match: { value: 1, any: [1] } }] }, 'filter.must[0].match');
    invalid({ must: [{ key: 'a', match: {} }] }, 'filter.must[0].match');
    invalid({ must: [{ has_id: [1], key: 'a' }] }, 'filter.must[0].key');
    invalid({ min_should: { conditions: [], min_count: 0, max_count: 2 } }, 'filter.min_should.max_count');
  });

  it('unknown fields inside is_null and is_empty (as everywhere else in a filter)', () => {
    // A misspelt field must not be dropped silently: {is_null: {key, kye}} would otherwise test only `key`.
    invalid({ must: [{ is_null: { key: 'a', value: 1 } }] }, 'filter.must[0].is_null.value');
    invalid({ must: [{ is_empty: { key: 'a', kye: 'b' } }] }, 'filter.must[0].is_empty.kye');
  });

  it('non-object conditions', () => {
    invalid({ must: ['a'] }, 'filter.must[0]');
    invalid({ must: [{ key: 'a', match: { value: 1 } }, 42] }, 'filter.must[1]');
    invalid({ should: [null] }, 'filter.should[0]');
    invalid({ must_not: [[{ key: 'a', match: { value: 1 } }]] }, 'filter.must_not[0]');
    invalid({ must: true }, 'filter.must');
    invalid({ min_should: { conditions: [7], min_count: 1 } }, 'filter.min_should.conditions[0]');
    invalid({ must: [{ key: 'a', match: 'x' }] }, 'filter.must[0].match');
    invalid({ must: [{ key: 'a', range: 5 }] }, 'filter.must[0].range');
    invalid({ must: [{ is_empty: null }] }, 'filter.must[0].is_empty');
  });

  it('conditions without a kind, or with two', () => {
    invalid({ must: [{}] }, 'filter.must[0]');
    invalid({ must: [{ match: { value: 1 } }] }, 'filter.must[0]');
    invalid({ must: [{ key: 'a' }] }, 'filter.must[0]');
    invalid({ must: [{ key: 'a', match: { value: 1 }, range: { gt: 0 } }] }, 'filter.must[0]');
    invalid({ must: [{ key: 'a', is_empty: false }] }, 'filter.must[0].is_empty');
    invalid({ must: [{ key: 'a', is_null: 'yes' }] }, 'filter.must[0].is_null');
  });

  it('bad keys', () => {
    invalid({ must: [{ key: '', match: { value: 1 } }] }, 'filter.must[0].key');
    invalid({ must: [{ key: 3, match: { value: 1 } }] }, 'filter.must[0].key');
    invalid({ must: [{ key: 'a..b', match: { value: 1 } }] }, 'filter.must[0].key');
    invalid({ must: [{ key: '.a', match: { value: 1 } }] }, 'filter.must[0].key');
    invalid({ must: [{ key: 'x'.repeat(513), match: { value: 1 } }] }, 'filter.must[0].key');
    invalid({ must: [{ is_null: {} }] }, 'filter.must[0].is_null.key');
    invalid({ must: [{ is_empty: { key: null } }] }, 'filter.must[0].is_empty.key');
  });

  it('values of the wrong type', () => {
    invalid({ must: [{ key: 'a', match: { value: null } }] }, 'filter.must[0].match.value');
    invalid({ must: [{ key: 'a', match: { value: { x: 1 } } }] }, 'filter.must[0].match.value');
    invalid({ must: [{ key: 'a', match: { value: ['x'] } }] }, 'filter.must[0].match.value');
    invalid({ must: [{ key: 'a', match: { any: 'x' } }] }, 'filter.must[0].match.any');
    invalid({ must: [{ key: 'a', match: { except: { x: 1 } } }] }, 'filter.must[0].match.except');
    invalid({ must: [{ key: 'a', match: { any: [true, false] } }] }, 'filter.must[0].match.any');
    invalid({ must: [{ key: 'a', match: { any: [null] } }] }, 'filter.must[0].match.any');
    invalid({ must: [{ key: 'a', range: { gt: true } }] }, 'filter.must[0].range.gt');
    invalid({ must: [{ key: 'a', range: { lt: [1] } }] }, 'filter.must[0].range.lt');
    invalid({ must: [{ key: 'a', values_count: { gte: '2' } }] }, 'filter.must[0].values_count.gte');
    invalid({ has_id: [1] }, 'filter.has_id');
    invalid({ must: [{ has_id: 1 }] }, 'filter.must[0].has_id');
    invalid({ min_should: { conditions: {}, min_count: 1 } }, 'filter.min_should.conditions');
    invalid({ min_should: { conditions: [], min_count: -1 } }, 'filter.min_should.min_count');
    invalid({ min_should: { conditions: [], min_count: 1.5 } }, 'filter.min_should.min_count');
    invalid({ min_should: { conditions: [] } }, 'filter.min_should.min_count');
    invalid({ min_should: [] }, 'filter.min_should');
  });

  it('floats (and unsafe integers) in match, pointing at range', () => {
    const err = rejection({ must: [{ key: 'price', match: { value: 9.99 } }] });
    expect(err.code).toBe('INVALID_FILTER');
    expect(err.details?.path).toBe('filter.must[0].match.value');
    expect(err.message).toMatch(/range/);
    invalid({ must: [{ key: 'n', match: { value: 2 ** 53 } }] }, 'filter.must[0].match.value');
    invalid({ should: [{ key: 'n', match: { any: [1, 2.5] } }] }, 'filter.should[0].match.any');
    invalid({ must_not: [{ key: 'n', match: { except: [0.1] } }] }, 'filter.must_not[0].match.except');
  });

  it('non-finite bounds', () => {
    // JSON cannot carry these, but gRPC and the CLI reach the parser by other paths.
    invalid({ must: [{ key: 'a', range: { gt: Number.NaN } }] }, 'filter.must[0].range.gt');
    invalid({ must: [{ key: 'a', range: { lte: Number.POSITIVE_INFINITY } }] }, 'filter.must[0].range.lte');
    invalid({ must: [{ key: 'a', values_count: { lt: Number.NEGATIVE_INFINITY } }] }, 'filter.must[0].values_count.lt');
  });

  it('an empty any', () => {
    invalid({ must: [{ key: 'a', match: { any: [] } }] }, 'filter.must[0].match.any');
  });

  it('an any mixing keywords and integers', () => {
    invalid({ must: [{ key: 'a', match: { any: ['1', 1] } }] }, 'filter.must[0].match.any');
    invalid({ must: [{ key: 'a', match: { except: [1, 'one'] } }] }, 'filter.must[0].match.except');
  });

  it('bad datetimes and bounds mixing date-times and numbers', () => {
    invalid({ must: [{ key: 't', range: { gt: 'yesterday' } }] }, 'filter.must[0].range.gt');
    invalid({ must: [{ key: 't', range: { gt: '2024-13-45T00:00:00Z' } }] }, 'filter.must[0].range.gt');
    invalid({ must: [{ key: 't', range: { gt: '2024-01-01T25:00:00Z' } }] }, 'filter.must[0].range.gt');
    invalid({ must: [{ key: 't', range: { gt: '' } }] }, 'filter.must[0].range.gt');
    invalid({ must: [{ key: 't', range: { gte: '2024-01-01T00:00:00Z', lt: 1700000000 } }] }, 'filter.must[0].range.lt');
    invalid({ should: [{ key: 't', range: { lt: 5, gte: '2024-01-01' } }] }, 'filter.should[0].range.lt');
  });

  it(`nesting deeper than ${DEFAULT_FILTER_LIMITS.maxDepth} levels, without exhausting the stack`, () => {
    const depth = DEFAULT_FILTER_LIMITS.maxDepth + 1;
    const err = rejection(nested(depth));
    expect(err.code).toBe('INVALID_FILTER');
    // The path names the filter that is one level too deep.
    expect(err.details?.path).toBe(`filter${'.must[0]'.repeat(depth - 1)}`);
    expect(rejection(nested(100_000)).code).toBe('INVALID_FILTER');
    // Depth through min_should and should counts the same.
    let f: Record<string, unknown> = { should: [{ key: 'a', match: { value: 1 } }] };
    for (let i = 1; i < depth; i++) f = i % 2 ? { min_should: { conditions: [f], min_count: 1 } } : { should: [f] };
    expect(rejection(f).code).toBe('INVALID_FILTER');
  });

  it(`lists longer than ${DEFAULT_FILTER_LIMITS.maxValues} values`, () => {
    const n = DEFAULT_FILTER_LIMITS.maxValues + 1;
    const ints = Array.from({ length: n }, (_, i) => i);
    invalid({ must: [{ key: 'a', match: { any: ints } }] }, 'filter.must[0].match.any');
    invalid({ must: [{ key: 'a', match: { except: ints.map(String) } }] }, 'filter.must[0].match.except');
    invalid({ must: [{ has_id: ints }] }, 'filter.must[0].has_id');
    invalid({ must: [{ key: 'a', match: { any: Array.from({ length: 1_000_000 }, () => 'x') } }] }, 'filter.must[0].match.any');
  });

  it(`more than ${DEFAULT_FILTER_LIMITS.maxConditions} conditions`, () => {
    const conditions = Array.from({ length: DEFAULT_FILTER_LIMITS.maxConditions + 1 }, (_, i) => ({ key: 'a', match: { value: i } }));
    invalid({ should: conditions }, `filter.should[${DEFAULT_FILTER_LIMITS.maxConditions}]`);
    expect(parseFilter({ should: conditions.slice(1) })).toBeDefined();
  });

  it('paths under a caller-given root, through nested filters and min_should', () => {
    expectRejected({ must: [{ should: [{ key: 'a', match: { value: 0.5 } }] }] }, 'INVALID_FILTER', 'searches[2].filter.must[0].should[0].match.value', 'searches[2].filter');
    invalid({ min_should: { conditions: [{ key: 'a', match: { value: 1 } }, { must_not: { key: 'b', match: { any: [] } } }], min_count: 1 } }, 'filter.min_should.conditions[1].must_not.match.any');
  });

  it('bad point ids in has_id, with their own code and the path', () => {
    expectRejected({ must: [{ has_id: [1, 'not-a-uuid'] }] }, 'INVALID_POINT_ID', 'filter.must[0].has_id[1]');
    expectRejected({ must: [{ has_id: [-1] }] }, 'INVALID_POINT_ID', 'filter.must[0].has_id[0]');
  });
});

describe('parseFilter refuses conditions hqdb does not support with UNSUPPORTED', () => {
  it('geo conditions', () => {
    unsupported({ must: [{ key: 'loc', geo_radius: { center: { lon: 0, lat: 0 }, radius: 10 } }] }, 'filter.must[0]');
    unsupported({ should: [{ key: 'loc', geo_bounding_box: { top_left: { lon: 0, lat: 1 }, bottom_right: { lon: 1, lat: 0 } } }] }, 'filter.should[0]');
    unsupported({ must_not: [{ key: 'loc', geo_polygon: { exterior: { points: [] } } }] }, 'filter.must_not[0]');
  });

  it('nested (array-of-objects) conditions and has_vector', () => {
    unsupported({ must: [{ nested: { key: 'items', filter: { must: [{ key: 'x', match: { value: 1 } }] } } }] }, 'filter.must[0]');
    unsupported({ must: [{ has_vector: 'image' }] }, 'filter.must[0]');
  });

  it('full-text match', () => {
    unsupported({ must: [{ key: 'body', match: { text: 'hello' } }] }, 'filter.must[0].match.text');
    unsupported({ must: [{ key: 'body', match: { phrase: 'hello world' } }] }, 'filter.must[0].match.phrase');
    unsupported({ must: [{ key: 'body', match: { text_any: 'hello world' } }] }, 'filter.must[0].match.text_any');
  });
});
