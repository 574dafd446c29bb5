// The SQL and LanceDB translations select exactly the rows the evaluator does.
// SQL is checked on plain SQLite (better-sqlite3, always installed) and, when
// the bench peers are installed, inside sqlite-vec's vec0 KNN and in LanceDB.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { peerInstalled } from '../lib/peers.js';
import { SqliteVecSystem } from '../systems/sqlite-vec.js';
import { LanceDbSystem } from '../systems/lancedb.js';
import type { BenchSystem } from '../systems/system.js';
import { FILTERS, tinyDataset } from '../test/fixtures.js';
import { referenceKnn } from '../test/reference.js';
import { selectRows } from './evaluate.js';
import { buildPayloadTable } from './payload-table.js';
import { isVec0Pushable, quoteIdent, sqlSchemaOf, toSqlWhere } from './to-sql.js';
import { toLanceWhere } from './to-lance.js';

const ds = tinyDataset();
const table = buildPayloadTable(ds.payloads);
const schema = sqlSchemaOf(table, (f) => `points_${f}`);

describe('toSqlWhere', () => {
  it('renders SQL and bound parameters (integers as BigInt)', () => {
    const w = toSqlWhere({ must: [{ key: 'genre', match: { any: ['jazz', 'pop'] } }, { key: 'year', range: { gte: 1970, lt: 1990 } }] }, schema);
    expect(w.sql).toBe('("genre" IN (?, ?) AND ("year" >= ? AND "year" < ?))');
    expect(w.params).toEqual(['jazz', 'pop', 1970n, 1990n]);
    const t = toSqlWhere({ must_not: [{ key: 'tags', match: { value: 'a' } }] }, schema);
    expect(t.sql).toBe('NOT IFNULL("id" IN (SELECT id FROM "points_tags" WHERE value IN (?)), 0)');
    expect(t.params).toEqual(['a']);
  });

  it('selects the same rows as the evaluator on plain SQLite', () => {
    const db = new Database(':memory:');
    const scalar = [...schema.fields].filter(([, t]) => t !== 'text[]');
    db.exec(`CREATE TABLE points (id INTEGER PRIMARY KEY${scalar.map(([n, t]) => `, ${quoteIdent(n)} ${t}`).join('')})`);
    db.exec('CREATE TABLE points_tags (id INTEGER, value TEXT)');
    const ins = db.prepare(`INSERT INTO points VALUES (?${scalar.map(() => ', ?').join('')})`);
    const tag = db.prepare('INSERT INTO points_tags VALUES (?, ?)');
    ds.payloads.forEach((p, r) => {
      ins.run(r, ...scalar.map(([n]) => (p[n] === undefined ? null : (p[n] as string | number))));
      for (const t of (p.tags as string[]) ?? []) tag.run(r, t);
    });
    for (const f of FILTERS) {
      const w = toSqlWhere(f, schema);
      const rows = db.prepare(`SELECT id FROM points WHERE ${w.sql} ORDER BY id`).pluck().all(...w.params);
      expect(rows, JSON.stringify(f)).toEqual([...selectRows(f, table)]);
    }
    db.close();
  });

  it('pushes down only plain conjunctions of scalar conditions into vec0', () => {
    expect(isVec0Pushable({ must: [{ key: 'genre', match: { value: 'jazz' } }, { key: 'year', range: { gte: 1 } }] }, schema)).toBe(true);
    expect(isVec0Pushable({ must: [{ key: 'tags', match: { value: 'a' } }] }, schema)).toBe(false);
    expect(isVec0Pushable({ should: [{ key: 'genre', match: { value: 'jazz' } }] }, schema)).toBe(false);
    expect(isVec0Pushable({ must: [{ key: 'genre', match: { except: ['jazz'] } }] }, schema)).toBe(false);
  });
});

describe('toLanceWhere', () => {
  it('renders DataFusion SQL with escaped literals', () => {
    expect(toLanceWhere({ must: [{ key: 'genre', match: { value: "o'brien" } }, { key: 'tags', match: { any: ['a', 'b'] } }] }, table)).toBe(
      "(genre = 'o''brien' AND array_has_any(tags, ['a', 'b']))",
    );
    expect(toLanceWhere({ must_not: [{ key: 'year', range: { gte: 1960 } }] }, table)).toBe('NOT coalesce(year >= 1960, false)');
    expect(toLanceWhere({ must: [{ key: 'missing_field', match: { value: 'x' } }] }, table)).toBe('false');
  });
});

/** Builds a peer system on a small dataset and checks filtered top-k (k = n, so every match) against the reference. */
async function checkPeer(system: BenchSystem, param: number): Promise<void> {
  // LanceDB's PQ training needs at least 256 rows.
  const ds = tinyDataset(400);
  const table = buildPayloadTable(ds.payloads);
  const workDir = mkdtempSync(join(tmpdir(), 'hqdb-bench-test-'));
  try {
    await system.build({ dataset: ds, table, workDir, past: [], progress: () => {}, log: () => {} });
    const query = ds.vectors.subarray(0, ds.dim);
    for (const f of FILTERS) {
      const got = Array.from(await system.search({ vector: query, filter: f, k: ds.n }, param)).sort((a, b) => a - b);
      const want = referenceKnn(ds, query, ds.n, f).sort((a, b) => a - b);
      expect(got, `${system.name} ${JSON.stringify(f)}`).toEqual(want);
    }
  } finally {
    await system.close();
    rmSync(workDir, { recursive: true, force: true });
  }
}

describe.skipIf(!peerInstalled('sqlite-vec'))('sqlite-vec peer (bench/peers installed)', () => {
  it('returns exactly the filtered rows, pushed down or not', async () => {
    await checkPeer(new SqliteVecSystem(), 0);
  });
});

describe.skipIf(!peerInstalled('@lancedb/lancedb'))('LanceDB peer (bench/peers installed)', () => {
  it('returns exactly the filtered rows with every partition probed', async () => {
    await checkPeer(new LanceDbSystem(), 1000);
  }, 120_000);
});

