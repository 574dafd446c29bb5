// Rows of the query log: one per distinct filter of a collection, with its
// template, an atom summary, how often it was seen and when. Rows only; the
// engine (engine/query-log.ts) owns aggregation, canonical filter text and the
// bound.

import type { Db } from './database.js';

export interface QueryLogRow {
  /** Canonical JSON of the raw filter; '' for queries without one. */
  filter: string;
  template: string;
  /** JSON summary of the atoms, for inspection. */
  atoms: string;
  count: number;
  /** Milliseconds since the epoch. */
  first_seen: number;
  last_seen: number;
}

/** Sightings of one filter, aggregated by the caller since its last write. */
export interface QueryLogEntry {
  filter: string;
  template: string;
  atoms: string;
  count: number;
  firstSeen: number;
  lastSeen: number;
}

export interface TemplateRow {
  template: string;
  /** Queries with this template. */
  count: number;
  /** Distinct filters with this template. */
  distinct: number;
}

/** Entries per statement of a bulk add. */
const ADD_CHUNK = 500;

export class QueryLogStore {
  private readonly stmts;

  constructor(private readonly db: Db) {
    this.stmts = {
      // Many entries at once, given as a JSON array of [filter, template, atoms,
      // count, first_seen, last_seen] ("WHERE true" lets SQLite parse the upsert
      // after a SELECT). A row is new exactly when its count after the upsert is
      // the count just added (an existing row already holds at least 1).
      upsertMany: db.prepare(`INSERT INTO query_log (collection_id, filter, template, atoms, count, first_seen, last_seen)
        SELECT ?, value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5 FROM json_each(?) WHERE true
        ON CONFLICT (collection_id, filter) DO UPDATE SET
          count = count + excluded.count, last_seen = max(last_seen, excluded.last_seen)
        RETURNING filter, count`),
      // Least recently seen first, and among equals the rarest.
      trim: db.prepare(`DELETE FROM query_log WHERE rowid IN (
        SELECT rowid FROM query_log WHERE collection_id = @id ORDER BY last_seen, count
        LIMIT max(0, (SELECT count(*) FROM query_log WHERE collection_id = @id) - @max))`),
      list: db.prepare(`SELECT filter, template, atoms, count, first_seen, last_seen FROM query_log
        WHERE collection_id = ? ORDER BY count DESC, last_seen DESC, filter LIMIT ?`),
      templates: db.prepare(`SELECT template, sum(count) AS count, count(*) AS "distinct" FROM query_log
        WHERE collection_id = ? GROUP BY template ORDER BY count DESC, template`),
      size: db.prepare('SELECT count(*) FROM query_log WHERE collection_id = ?').pluck(),
      clear: db.prepare('DELETE FROM query_log WHERE collection_id = ?'),
    };
  }

  /**
   * Adds counts to existing rows (moving last_seen forward) and inserts new ones, in one
   * transaction, up to ADD_CHUNK entries per statement (a flush after a large batch holds
   * thousands). Returns how many rows are new.
   */
  add(collectionId: number, entries: readonly QueryLogEntry[]): number {
    return this.db.transaction(() => {
      let inserted = 0;
      for (let from = 0; from < entries.length; from += ADD_CHUNK) {
        const chunk = entries.slice(from, from + ADD_CHUNK);
        const rows = chunk.map((e) => [e.filter, e.template, e.atoms, e.count, e.firstSeen, e.lastSeen]);
        const added = new Map(chunk.map((e) => [e.filter, e.count]));
        for (const r of this.stmts.upsertMany.all(collectionId, JSON.stringify(rows)) as { filter: string; count: number }[]) {
          if (r.count === added.get(r.filter)) inserted++;
        }
      }
      return inserted;
    })();
  }

  /** Deletes the least recently seen rows beyond `maxEntries`; returns how many. */
  trim(collectionId: number, maxEntries: number): number {
    return this.stmts.trim.run({ id: collectionId, max: maxEntries }).changes;
  }

  /** The most frequent filters first; all of them without `limit`. */
  list(collectionId: number, limit?: number): QueryLogRow[] {
    return this.stmts.list.all(collectionId, limit ?? -1) as QueryLogRow[];
  }

  /** Counts per template, the most frequent first. */
  templates(collectionId: number): TemplateRow[] {
    return this.stmts.templates.all(collectionId) as TemplateRow[];
  }

  size(collectionId: number): number {
    return this.stmts.size.get(collectionId) as number;
  }

  clear(collectionId: number): void {
    this.stmts.clear.run(collectionId);
  }
}
