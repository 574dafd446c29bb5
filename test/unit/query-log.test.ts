import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { canonicalJson, parseJsonLossless } from '../../core/json.js';
import { createLogger } from '../../core/logger.js';
import { parseFilter } from '../../engine/filter/ast.js';
import { normalizeFilter } from '../../engine/layout/predicates.js';
import { MAX_PENDING, QueryLog, type QueryLogOptions } from '../../engine/query-log.js';
import { Storage } from '../../storage/storage.js';

const dirs: string[] = [];
const opened: Storage[] = [];

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'Date'] });
  vi.setSystemTime(1_000_000);
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  opened.splice(0).forEach((s) => s.close());
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

function openStorage(dir = mkdtempSync(join(tmpdir(), 'hqdb-qlog-'))): { storage: Storage; dir: string } {
  if (!dirs.includes(dir)) dirs.push(dir);
  const storage = Storage.open({ dir, sync: 'normal' });
  opened.push(storage);
  return { storage, dir };
}

function setup(options: Partial<QueryLogOptions> = {}) {
  const { storage, dir } = openStorage();
  const id = storage.catalog.create('c', '{}').id;
  const log = new QueryLog(storage, id, { maxEntries: 100, flushIntervalMs: 1_000, ...options });
  return { storage, dir, id, log };
}

function record(log: QueryLog, raw: unknown): void {
  log.record(raw === undefined || raw === null ? '' : canonicalJson(raw), normalizeFilter(parseFilter(raw)));
}

const match = (key: string, value: unknown) => ({ must: [{ key, match: { value } }] });

describe('query log', () => {
  it('counts one filter once whatever the order of its keys', () => {
    const { log } = setup();
    record(log, { must: [{ key: 'genre', match: { value: 'jazz' } }], must_not: [{ key: 'year', range: { gte: 1990, lt: 2000 } }] });
    record(log, { must_not: [{ range: { lt: 2000, gte: 1990 }, key: 'year' }], must: [{ match: { value: 'jazz' }, key: 'genre' }] });
    record(log, undefined);
    expect(log.entries()).toEqual([
      {
        filter: { must: [{ key: 'genre', match: { value: 'jazz' } }], must_not: [{ key: 'year', range: { gte: 1990, lt: 2000 } }] },
        template: '!year:range & genre:eq',
        count: 2,
      },
      { filter: undefined, template: '', count: 1 },
    ]);
  });

  it('groups filters that differ only in values under one template', () => {
    const { log } = setup();
    for (const genre of ['jazz', 'rock', 'rock', 'pop']) record(log, match('genre', genre));
    record(log, { must: [{ key: 'year', range: { gte: 1990 } }] });
    expect(log.templates()).toEqual([
      { template: 'genre:eq', count: 4, distinct: 3 },
      { template: 'year:range', count: 1, distinct: 1 },
    ]);
    expect(log.entries()[0]).toEqual({ filter: match('genre', 'rock'), template: 'genre:eq', count: 2 });
  });

  it('keeps the most recently seen filters within its bound', () => {
    const { log } = setup({ maxEntries: 3 });
    const kept = () => Object.fromEntries(log.entries().map((e) => [(e.filter as ReturnType<typeof match>).must[0].match.value, e.count]));
    for (let i = 0; i < 50; i++) record(log, match('n', 0)); // the most frequent, but only early on
    log.flush();
    for (const n of [1, 2, 3]) {
      vi.advanceTimersByTime(10);
      record(log, match('n', n));
    }
    expect(kept()).toEqual({ 1: 1, 2: 1, 3: 1 });

    vi.advanceTimersByTime(10);
    record(log, match('n', 1)); // seen again: now the most recent
    vi.advanceTimersByTime(10);
    record(log, match('n', 4));
    expect(kept()).toEqual({ 1: 2, 3: 1, 4: 1 });
  });

  it('persists across a restart and keeps counting', () => {
    const { storage, dir, id, log } = setup();
    record(log, match('genre', 'jazz'));
    record(log, match('genre', 'jazz'));
    log.close();
    storage.close();

    const reopened = openStorage(dir).storage;
    const again = new QueryLog(reopened, id, { maxEntries: 100, flushIntervalMs: 1_000 });
    expect(again.entries()).toEqual([{ filter: match('genre', 'jazz'), template: 'genre:eq', count: 2 }]);
    record(again, match('genre', 'jazz'));
    expect(again.entries()[0].count).toBe(3);
  });

  it('writes to SQLite once per flush, not once per query', () => {
    const { storage, id, log } = setup({ flushIntervalMs: 500 });
    const add = vi.spyOn(storage.queryLog, 'add');
    for (let i = 0; i < 100; i++) record(log, match('n', i % 10));
    expect(add).not.toHaveBeenCalled();
    expect(storage.queryLog.size(id)).toBe(0);

    vi.advanceTimersByTime(499);
    expect(add).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(add).toHaveBeenCalledTimes(1);
    expect(add.mock.calls[0][1]).toHaveLength(10);
    expect(storage.queryLog.size(id)).toBe(10);
    expect(storage.queryLog.list(id, 1)[0]).toMatchObject({ count: 10, first_seen: 1_000_000, last_seen: 1_000_000 });

    // Nothing pending: the timer does not write again.
    vi.advanceTimersByTime(5_000);
    expect(add).toHaveBeenCalledTimes(1);
  });

  it('flushes early, off the query path, when too many distinct filters are pending', () => {
    const { storage, id, log } = setup({ maxEntries: 2 * MAX_PENDING, flushIntervalMs: 60_000 });
    for (let i = 0; i <= MAX_PENDING; i++) record(log, match('n', i));
    expect(storage.queryLog.size(id)).toBe(0);
    vi.advanceTimersByTime(0);
    expect(storage.queryLog.size(id)).toBe(MAX_PENDING + 1);
  });

  it('keeps integers beyond 2^53 exact', () => {
    const { storage, id, log } = setup();
    const a = parseJsonLossless('{"must":[{"key":"id","match":{"value":9007199254740993}}]}');
    const b = parseJsonLossless('{"must":[{"key":"id","match":{"value":9007199254740992}}]}');
    const c = parseJsonLossless('{"must":[{"key":"id","match":{"any":[18446744073709551615, 1]}}]}');
    record(log, a);
    record(log, a);
    record(log, b);
    record(log, c);
    const entries = log.entries();
    expect(entries).toHaveLength(3);
    expect(entries[0]).toMatchObject({ filter: a, count: 2 });
    expect(entries.slice(1).map((e) => e.filter)).toEqual(expect.arrayContaining([b, c]));
    const any = storage.queryLog.list(id).find((r) => r.template === 'id:in');
    expect(JSON.parse(any!.atoms.replace(/\d{16,}/g, '"$&"'))).toEqual([
      { key: 'id', negated: false, set: { kind: 'values', values: ['18446744073709551615', 1] } },
    ]);
  });

  it('never throws into a query, and warns once', () => {
    const logger = createLogger('silent');
    const warn = vi.spyOn(logger, 'warn');
    const { storage, id } = setup();
    const log = new QueryLog(storage, id, { maxEntries: 100, flushIntervalMs: 1_000 }, logger);
    // A normalised filter whose atoms cannot be read (the log keeps them for the summary).
    const hostile = { template: 't', residual: false, get atoms(): never {
      throw new Error('unreadable');
    } } as unknown as ReturnType<typeof normalizeFilter>;
    expect(() => log.record('{"a":1}', hostile)).not.toThrow();
    expect(() => log.record('{"a":2}', hostile)).not.toThrow();
    expect(warn).toHaveBeenCalledTimes(1);

    // A flush that fails (the collection is gone) is logged by the timer and by close, not thrown.
    record(log, match('genre', 'jazz'));
    storage.catalog.remove(id);
    expect(() => vi.advanceTimersByTime(1_000)).not.toThrow();
    record(log, match('genre', 'rock'));
    expect(() => log.close()).not.toThrow();
    expect(warn).toHaveBeenCalledTimes(2);
  });
});
