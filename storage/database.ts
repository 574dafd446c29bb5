// The only module that opens SQLite. It owns the connection settings (WAL,
// synchronous level, foreign keys) and applies the numbered migrations in
// migrations/ at start-up, recording each with a checksum so that an edited,
// already-applied migration is refused instead of silently diverging.

import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HqdbError } from '../core/errors.js';
import { MIGRATIONS_DIR } from '../core/paths.js';
import { fieldValues, parseDatetime } from '../core/payload-values.js';

export type Db = Database.Database;

export interface OpenOptions {
  dir: string;
  sync: 'full' | 'normal';
  migrationsDir?: string;
}

export const DB_FILE = 'hqdb.sqlite';

export function openDatabase({ dir, sync, migrationsDir = MIGRATIONS_DIR }: OpenOptions): Db {
  mkdirSync(dir, { recursive: true });
  const db = new Database(join(dir, DB_FILE));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${sync === 'full' ? 'FULL' : 'NORMAL'}`);
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    registerFunctions(db);
    applyMigrations(db, migrationsDir);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

/**
 * SQL functions compiled filters call, with the payload semantics of
 * core/payload-values.ts: hqdb_values(payload, parts) is the JSON array of the
 * values under a dotted key (NULL when absent); hqdb_datetime(text) the epoch
 * milliseconds of an RFC 3339 date-time (NULL when it is not one).
 */
function registerFunctions(db: Db): void {
  db.function('hqdb_values', { deterministic: true }, (payload: unknown, parts: unknown) => {
    if (typeof payload !== 'string' || typeof parts !== 'string') return null;
    const fv = fieldValues(JSON.parse(payload), JSON.parse(parts) as string[]);
    return fv.present ? JSON.stringify(fv.values) : null;
  });
  db.function('hqdb_datetime', { deterministic: true }, (value: unknown) => parseDatetime(value) ?? null);
}

interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir: string): Migration[] {
  const files = readdirSync(dir).filter((f) => /^\d+_.+\.sql$/.test(f)).sort();
  const migrations = files.map((name) => {
    const sql = readFileSync(join(dir, name), 'utf8');
    return {
      version: Number.parseInt(name, 10),
      name,
      sql,
      checksum: createHash('sha256').update(sql).digest('hex'),
    };
  });
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new HqdbError('MIGRATION_CHANGED', `migrations must be numbered 1, 2, 3, ... without gaps; found ${m.name} at position ${i + 1}`);
    }
  });
  return migrations;
}

function applyMigrations(db: Db, dir: string): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = new Map(
    (db.prepare('SELECT version, name, checksum FROM schema_migrations').all() as { version: number; name: string; checksum: string }[])
      .map((r) => [r.version, r]),
  );
  const record = db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
  for (const m of readMigrations(dir)) {
    const done = applied.get(m.version);
    if (done) {
      if (done.checksum !== m.checksum) {
        throw new HqdbError(
          'MIGRATION_CHANGED',
          `migration ${m.name} was changed after it was applied to this database (recorded checksum ${done.checksum.slice(0, 12)}, file now ${m.checksum.slice(0, 12)}); migrations are immutable: add a new one instead`,
        );
      }
      continue;
    }
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, m.checksum, new Date().toISOString());
    })();
  }
  const known = new Set(readMigrations(dir).map((m) => m.version));
  for (const version of applied.keys()) {
    if (!known.has(version)) {
      throw new HqdbError('MIGRATION_CHANGED', `this database has migration ${version} applied, which this hqdb does not know: it was written by a newer version`);
    }
  }
}
