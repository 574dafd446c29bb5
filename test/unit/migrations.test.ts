import { mkdtempSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../core/paths.js';
import { HqdbError } from '../../core/errors.js';
import { openDatabase } from '../../storage/database.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function temp(): string {
  const d = mkdtempSync(join(tmpdir(), 'hqdb-mig-'));
  dirs.push(d);
  return d;
}

function openError(dir: string, migrationsDir: string): HqdbError {
  try {
    openDatabase({ dir, sync: 'normal', migrationsDir }).close();
  } catch (err) {
    return err as HqdbError;
  }
  throw new Error('expected openDatabase to fail');
}

describe('migrations', () => {
  it('applies every migration once, in WAL mode, and records checksums', () => {
    const dir = temp();
    const db = openDatabase({ dir, sync: 'full' });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const rows = db.prepare('SELECT version, checksum FROM schema_migrations').all() as { version: number; checksum: string }[];
    expect(rows[0]).toMatchObject({ version: 1 });
    expect(rows[0].checksum).toMatch(/^[0-9a-f]{64}$/);
    db.close();
    // Re-opening applies nothing new and does not fail.
    openDatabase({ dir, sync: 'full' }).close();
  });

  it('refuses to start when an applied migration was edited', () => {
    const dir = temp();
    const migrations = temp();
    cpSync(MIGRATIONS_DIR, migrations, { recursive: true });
    openDatabase({ dir, sync: 'normal', migrationsDir: migrations }).close();
    writeFileSync(join(migrations, '0001_init.sql'), '-- edited\n', { flag: 'a' });
    const err = openError(dir, migrations);
    expect(err.code).toBe('MIGRATION_CHANGED');
    expect(err.message).toMatch(/0001_init\.sql was changed/);
  });

  it('refuses gaps in numbering', () => {
    const migrations = temp();
    cpSync(MIGRATIONS_DIR, migrations, { recursive: true });
    writeFileSync(join(migrations, '9999_skip.sql'), 'SELECT 1;');
    expect(openError(temp(), migrations).code).toBe('MIGRATION_CHANGED');
  });
});
