// The bounded log of query filters that layouts are learnt from (docs/architecture.md,
// "Workload-aware layout"): every query of a collection records its raw filter and normalised
// shape here. Recording sits on every query's path, so it only counts in
// memory; sightings reach SQLite in one transaction per flush interval (or
// sooner when many distinct filters are pending), after which the table is
// trimmed to the least recently seen `maxEntries` filters. The log is a
// statistical sample: a batch that fails to flush is dropped, never retried.

import type { Logger } from '../core/logger.js';
import { parseJsonLossless, stringifyJson } from '../core/json.js';
import type { Storage } from '../storage/storage.js';
import type { QueryLogEntry, TemplateRow } from '../storage/query-log-store.js';
import type { Atom, NormalizedFilter } from './layout/predicates.js';

/** Distinct filters held in memory before a flush is brought forward to the next turn of the event loop. */
export const MAX_PENDING = 10_000;

export interface QueryLogOptions {
  /** Distinct filters kept in SQLite; 0 disables the log. */
  maxEntries: number;
  flushIntervalMs: number;
}

export interface LoggedQuery {
  /** The raw filter as a query sent it (integers beyond 2^53 as bigint); undefined for queries without one. */
  filter: unknown;
  template: string;
  count: number;
}

export type LoggedTemplate = TemplateRow;

interface Pending {
  template: string;
  atoms: readonly Atom[];
  count: number;
  firstSeen: number;
  lastSeen: number;
}

/** One per collection, and the only writer of that collection's rows of the log. */
export class QueryLog {
  private pending = new Map<string, Pending>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private immediate: ReturnType<typeof setImmediate> | undefined;
  /** Rows in SQLite, read once at the first flush and then tracked, so trimming costs nothing below the bound. */
  private size: number | undefined;
  private closed = false;
  private readonly warned = new Set<string>();

  constructor(
    private readonly storage: Storage,
    private readonly collectionId: number,
    private readonly options: QueryLogOptions,
    private readonly log?: Logger,
  ) {}

  /**
   * Counts one query, by its filter's canonical JSON ('' without a filter). Never throws and
   * never touches SQLite: a query must not fail or wait because of its log.
   */
  record(key: string, normalized: NormalizedFilter): void {
    if (this.closed || this.options.maxEntries === 0) return;
    try {
      const now = Date.now();
      const seen = this.pending.get(key);
      if (seen) {
        seen.count++;
        seen.lastSeen = now;
        return;
      }
      this.pending.set(key, { template: normalized.template, atoms: normalized.atoms, count: 1, firstSeen: now, lastSeen: now });
      this.schedule();
    } catch (err) {
      this.warnOnce('record', err, 'query not recorded in the query log');
    }
  }

  /** Writes pending sightings in one transaction and trims the log to its bound. */
  flush(): void {
    clearTimeout(this.timer);
    clearImmediate(this.immediate);
    this.timer = this.immediate = undefined;
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    const entries: QueryLogEntry[] = [];
    for (const [filter, p] of batch) {
      entries.push({ filter, template: p.template, atoms: atomsSummary(p.atoms), count: p.count, firstSeen: p.firstSeen, lastSeen: p.lastSeen });
    }
    const { queryLog } = this.storage;
    const { maxEntries } = this.options;
    this.size = this.storage.transaction(() => {
      let size = (this.size ?? queryLog.size(this.collectionId)) + queryLog.add(this.collectionId, entries);
      if (size > maxEntries) size -= queryLog.trim(this.collectionId, maxEntries);
      return size;
    });
  }

  /** Every logged filter, the most frequent first. */
  entries(): LoggedQuery[] {
    this.flush();
    return this.storage.queryLog.list(this.collectionId).map((row) => ({
      filter: row.filter === '' ? undefined : parseJsonLossless(row.filter),
      template: row.template,
      count: row.count,
    }));
  }

  /** Query counts per template (the predicate shape without values), the most frequent first. */
  templates(): LoggedTemplate[] {
    this.flush();
    return this.storage.queryLog.templates(this.collectionId);
  }

  /** Flushes what is pending (logging, not throwing, on failure) and stops recording. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.tryFlush();
  }

  private schedule(): void {
    if (this.pending.size > MAX_PENDING) {
      this.immediate ??= setImmediate(() => this.tryFlush());
    } else if (!this.timer) {
      this.timer = setTimeout(() => this.tryFlush(), this.options.flushIntervalMs);
      this.timer.unref();
    }
  }

  private tryFlush(): void {
    try {
      this.flush();
      this.warned.delete('flush');
    } catch (err) {
      this.warnOnce('flush', err, 'query log flush failed; those queries are not logged');
    }
  }

  /** Logs a failure once until it stops happening, so a broken log cannot flood the output. */
  private warnOnce(kind: string, err: unknown, message: string): void {
    if (this.warned.has(kind)) return;
    this.warned.add(kind);
    this.log?.warn({ err, collection_id: this.collectionId }, message);
  }
}

function atomsSummary(atoms: readonly Atom[]): string {
  return stringifyJson(atoms.map((a) => ({ key: a.key, negated: a.negated, set: a.set })));
}
