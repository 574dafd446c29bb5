// `sqlite-vec`: the sqlite-vec extension loaded into better-sqlite3, as a user
// would set it up: a vec0 table with the scalar payload fields as metadata
// columns (keyword arrays in a side table). A filter that is a plain
// conjunction of scalar conditions runs inside vec0's KNN scan; any other
// filter runs as SQL (the side-table join) ordered by vec_distance_l2. Both
// are exact scans: sqlite-vec has no ANN index, so there is nothing to sweep.

import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { vectorOf } from '../datasets/dataset.js';
import { isVec0Pushable, quoteIdent, sqlSchemaOf, toSqlWhere, type SqlSchema, type SqlType } from '../filter/to-sql.js';
import { diskUsage } from '../lib/disk.js';
import { importPeer } from '../lib/peers.js';
import type { BenchSystem, BuildContext, SearchRequest } from './system.js';

interface SqliteVecModule {
  load(db: Database.Database): void;
}

const VEC0_TYPES: Record<Exclude<SqlType, 'text[]'>, string> = { text: 'text', integer: 'integer', real: 'float' };
const SIMPLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export class SqliteVecSystem implements BenchSystem {
  readonly name = 'sqlite-vec';
  readonly description = 'sqlite-vec 0.1.9 in better-sqlite3: vec0 table with metadata columns, exact KNN scan with metadata pre-filter';
  private db: Database.Database | undefined;
  private schema: SqlSchema | undefined;
  private file = '';
  private readonly cache = new Map<string, Database.Statement>();

  async build(ctx: BuildContext): Promise<void> {
    const sqliteVec = await importPeer<SqliteVecModule>('sqlite-vec');
    const { default: Sqlite } = await import('better-sqlite3');
    const { dataset, table } = ctx;
    this.file = join(ctx.workDir, 'sqlite-vec.db');
    const db = new Sqlite(this.file);
    db.pragma('journal_mode = WAL');
    sqliteVec.load(db);
    const schema = sqlSchemaOf(table, (field) => `points_${field}`);
    const scalar = [...schema.fields].filter(([name, type]) => type !== 'text[]' && SIMPLE_NAME.test(name)) as [string, Exclude<SqlType, 'text[]'>][];
    const arrays = [...schema.fields].filter(([name, type]) => type === 'text[]' && SIMPLE_NAME.test(name)).map(([name]) => name);
    // Fields with names vec0 cannot declare are left out, so filters on them match nothing here.
    this.schema = { ...schema, fields: new Map([...scalar, ...arrays.map((a) => [a, 'text[]'] as const)]) };
    const columns = scalar.map(([name, type]) => `${name} ${VEC0_TYPES[type]}`);
    db.exec(`CREATE VIRTUAL TABLE vec_points USING vec0(id INTEGER PRIMARY KEY, embedding float[${dataset.dim}] distance_metric=l2${columns.map((c) => `, ${c}`).join('')})`);
    for (const a of arrays) db.exec(`CREATE TABLE ${quoteIdent(`points_${a}`)} (id INTEGER NOT NULL, value TEXT NOT NULL)`);
    const insert = db.prepare(`INSERT INTO vec_points (id, embedding${scalar.map(([n]) => `, ${n}`).join('')}) VALUES (?, ?${scalar.map(() => ', ?').join('')})`);
    const insertArray = arrays.map((a) => db.prepare(`INSERT INTO ${quoteIdent(`points_${a}`)} (id, value) VALUES (?, ?)`));
    const batch = db.transaction((from: number, to: number) => {
      for (let r = from; r < to; r++) {
        const p = dataset.payloads[r];
        const v = vectorOf(dataset, r);
        const values = scalar.map(([name, type]) => {
          const x = p[name];
          if (x === undefined || typeof x === 'object') return null;
          return type === 'integer' ? BigInt(x as number) : type === 'text' ? String(x) : (x as number);
        });
        insert.run(BigInt(r), Buffer.from(v.buffer, v.byteOffset, v.byteLength), ...values);
        arrays.forEach((a, i) => {
          const list = p[a];
          if (Array.isArray(list)) for (const item of list) insertArray[i].run(BigInt(r), String(item));
        });
      }
    });
    for (let from = 0; from < dataset.n; from += 1000) {
      batch(from, Math.min(dataset.n, from + 1000));
      ctx.progress('sqlite-vec: insert', Math.min(dataset.n, from + 1000), dataset.n);
    }
    for (const a of arrays) db.exec(`CREATE INDEX ${quoteIdent(`points_${a}_value`)} ON ${quoteIdent(`points_${a}`)} (value, id)`);
    db.pragma('wal_checkpoint(TRUNCATE)');
    this.db = db;
  }

  search(req: SearchRequest): Promise<ArrayLike<number>> {
    const db = this.db!;
    const schema = this.schema!;
    const query = Buffer.from(req.vector.buffer, req.vector.byteOffset, req.vector.byteLength);
    const k = BigInt(req.k);
    let sql: string;
    let params: unknown[];
    if (!req.filter || isVec0Pushable(req.filter, schema)) {
      const where = req.filter ? toSqlWhere(req.filter, schema) : undefined;
      sql = `SELECT id FROM vec_points WHERE embedding MATCH ? AND k = ?${where ? ` AND ${where.sql}` : ''} ORDER BY distance`;
      params = [query, k, ...(where?.params ?? [])];
    } else {
      const where = toSqlWhere(req.filter, schema);
      sql = `SELECT id FROM vec_points WHERE ${where.sql} ORDER BY vec_distance_l2(embedding, ?) LIMIT ?`;
      params = [...where.params, query, k];
    }
    let stmt = this.cache.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql).pluck();
      this.cache.set(sql, stmt);
    }
    return Promise.resolve(stmt.all(...params) as number[]);
  }

  diskBytes(): Promise<number> {
    return Promise.resolve(diskUsage(this.file) + diskUsage(`${this.file}-wal`));
  }

  close(): Promise<void> {
    this.cache.clear();
    this.db?.close();
    this.db = undefined;
    return Promise.resolve();
  }
}
