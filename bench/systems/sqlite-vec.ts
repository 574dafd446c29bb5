// `sqlite-vec`: the sqlite-vec extension loaded into better-sqlite3, as a user
// would set it up: a vec0 table with the scalar payload fields every point has
// as metadata columns, plus ordinary tables of all payload fields (keyword
// arrays in side tables, indexed). A filter that is a plain conjunction over
// the metadata columns runs inside vec0's KNN scan; any other filter selects
// ids with SQL and orders them by vec_distance_l2. Both are exact scans:
// sqlite-vec has no ANN index, so there is nothing to sweep.

import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { vectorOf } from '../datasets/dataset.js';
import { isVec0Pushable, quoteIdent, sqlSchemaOf, toSqlWhere, type SqlSchema, type SqlType } from '../filter/to-sql.js';
import type { Column } from '../filter/payload-table.js';
import { diskUsage } from '../lib/disk.js';
import { importPeer } from '../lib/peers.js';
import type { BenchSystem, BuildContext, SearchRequest } from './system.js';

interface SqliteVecModule {
  load(db: Database.Database): void;
}

const VEC0_TYPES: Record<Exclude<SqlType, 'text[]'>, string> = { text: 'text', integer: 'integer', real: 'float' };
const SIMPLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function isComplete(col: Column): boolean {
  if (col.kind === 'number') return !col.values.some((v) => Number.isNaN(v));
  if (col.kind === 'keyword') return !col.codes.includes(-1);
  return false;
}

export class SqliteVecSystem implements BenchSystem {
  readonly name = 'sqlite-vec';
  readonly description = 'sqlite-vec 0.1.9 in better-sqlite3: vec0 table with metadata columns, exact KNN scan with metadata pre-filter';
  private db: Database.Database | undefined;
  /** Every usable field (relational tables); filters that are not pushable run against it. */
  private schema: SqlSchema | undefined;
  /** Only the vec0 metadata columns: filters entirely over these run inside the KNN scan. */
  private pushSchema: SqlSchema | undefined;
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
    const full = sqlSchemaOf(table, (field) => `points_${field}`);
    const usable = [...full.fields].filter(([name]) => SIMPLE_NAME.test(name));
    const scalar = usable.filter(([, type]) => type !== 'text[]') as [string, Exclude<SqlType, 'text[]'>][];
    const arrays = usable.filter(([, type]) => type === 'text[]').map(([name]) => name);
    // vec0 metadata columns cannot hold NULL: only fields every point has become metadata.
    const metadata = scalar.filter(([name]) => isComplete(table.columns.get(name)!));
    // Fields with names vec0 / SQL here cannot declare are left out, so filters on them match nothing.
    this.schema = { ...full, fields: new Map(usable) };
    this.pushSchema = { ...full, fields: new Map(metadata) };
    const meta = metadata.map(([name, type]) => `, ${name} ${VEC0_TYPES[type]}`).join('');
    db.exec(`CREATE VIRTUAL TABLE vec_points USING vec0(id INTEGER PRIMARY KEY, embedding float[${dataset.dim}] distance_metric=l2${meta})`);
    db.exec(`CREATE TABLE points (id INTEGER PRIMARY KEY${scalar.map(([name, type]) => `, ${name} ${type.toUpperCase()}`).join('')})`);
    for (const a of arrays) db.exec(`CREATE TABLE ${quoteIdent(`points_${a}`)} (id INTEGER NOT NULL, value TEXT NOT NULL)`);
    const insertVec = db.prepare(`INSERT INTO vec_points (id, embedding${metadata.map(([n]) => `, ${n}`).join('')}) VALUES (?, ?${metadata.map(() => ', ?').join('')})`);
    const insertRow = db.prepare(`INSERT INTO points (id${scalar.map(([n]) => `, ${n}`).join('')}) VALUES (?${scalar.map(() => ', ?').join('')})`);
    const insertArray = arrays.map((a) => db.prepare(`INSERT INTO ${quoteIdent(`points_${a}`)} (id, value) VALUES (?, ?)`));
    const sqlValue = (x: unknown, type: Exclude<SqlType, 'text[]'>): string | number | bigint | null => {
      if (x === undefined || x === null || typeof x === 'object') return null;
      return type === 'integer' ? BigInt(x as number) : type === 'text' ? String(x) : (x as number);
    };
    const batch = db.transaction((from: number, to: number) => {
      for (let r = from; r < to; r++) {
        const p = dataset.payloads[r];
        const v = vectorOf(dataset, r);
        insertVec.run(BigInt(r), Buffer.from(v.buffer, v.byteOffset, v.byteLength), ...metadata.map(([name, type]) => sqlValue(p[name], type)));
        insertRow.run(BigInt(r), ...scalar.map(([name, type]) => sqlValue(p[name], type)));
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
    for (const [name] of scalar) db.exec(`CREATE INDEX ${quoteIdent(`points_${name}`)} ON points (${name})`);
    db.pragma('wal_checkpoint(TRUNCATE)');
    this.db = db;
  }

  search(req: SearchRequest): Promise<ArrayLike<number>> {
    const query = Buffer.from(req.vector.buffer, req.vector.byteOffset, req.vector.byteLength);
    const k = BigInt(req.k);
    let sql: string;
    let params: unknown[];
    if (!req.filter || isVec0Pushable(req.filter, this.pushSchema!)) {
      const where = req.filter ? toSqlWhere(req.filter, this.pushSchema!) : undefined;
      sql = `SELECT id FROM vec_points WHERE embedding MATCH ? AND k = ?${where ? ` AND ${where.sql}` : ''} ORDER BY distance`;
      params = [query, k, ...(where?.params ?? [])];
    } else {
      // Anything else: the matching ids from the relational tables, then exact distances over them.
      const where = toSqlWhere(req.filter, this.schema!);
      sql = `SELECT id FROM vec_points WHERE id IN (SELECT id FROM points WHERE ${where.sql}) ORDER BY vec_distance_l2(embedding, ?) LIMIT ?`;
      params = [...where.params, query, k];
    }
    let stmt = this.cache.get(sql);
    if (!stmt) {
      stmt = this.db!.prepare(sql).pluck();
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
