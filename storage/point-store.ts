// Rows of the points table: external id key, dense label, float32 vector blob,
// payload JSON and the sequence numbers of the last write and last vector write.
// Every method is one statement; transactions are composed by the caller.

import type { Db } from './database.js';

export interface PointRow {
  pid: string;
  label: number;
  vector: Buffer;
  payload: string | null;
  seq: number;
  vseq: number;
}

export type PointMeta = Pick<PointRow, 'pid' | 'label' | 'payload'> & { vector?: Buffer };

export type LabelledRow = Pick<PointRow, 'pid' | 'label' | 'payload' | 'vector' | 'vseq'>;

/** A parameterised SQL condition over the points table's `pid` and `payload` columns. */
export interface Where {
  sql: string;
  params: unknown[];
}

export class PointStore {
  private readonly stmts;
  private readonly cache = new Map<string, ReturnType<Db['prepare']>>();

  constructor(private readonly db: Db) {
    this.stmts = {
      upsert: db.prepare(`INSERT INTO points (collection_id, pid, label, vector, payload, seq, vseq)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (collection_id, pid) DO UPDATE SET
          vector = excluded.vector, payload = excluded.payload, seq = excluded.seq, vseq = excluded.vseq
        RETURNING label`),
      setPayload: db.prepare('UPDATE points SET payload = ?, seq = ? WHERE collection_id = ? AND pid = ?'),
      remove: db.prepare('DELETE FROM points WHERE collection_id = ? AND pid = ? RETURNING label'),
      byPid: db.prepare('SELECT pid, label, payload, vector FROM points WHERE collection_id = ? AND pid = ?'),
      byPids: db.prepare(`SELECT pid, label, payload, vector FROM points
        WHERE collection_id = ? AND pid IN (SELECT value FROM json_each(?))`),
      byLabels: db.prepare(`SELECT pid, label, payload, vector FROM points
        WHERE collection_id = ? AND label IN (SELECT value FROM json_each(?))`),
      byLabelsNoVector: db.prepare(`SELECT pid, label, payload FROM points
        WHERE collection_id = ? AND label IN (SELECT value FROM json_each(?))`),
      scroll: db.prepare(`SELECT pid, label, payload, vector FROM points
        WHERE collection_id = ? AND pid >= ? ORDER BY pid LIMIT ?`),
      scrollNoVector: db.prepare(`SELECT pid, label, payload FROM points
        WHERE collection_id = ? AND pid >= ? ORDER BY pid LIMIT ?`),
      count: db.prepare('SELECT count(*) AS n FROM points WHERE collection_id = ?'),
      all: db.prepare('SELECT pid, label, vector, vseq FROM points WHERE collection_id = ?'),
      labelRange: db.prepare(`SELECT pid, label, payload, vector, vseq FROM points
        WHERE collection_id = ? AND label >= ? ORDER BY label LIMIT ?`),
      byLabelsFull: db.prepare(`SELECT pid, label, payload, vector, vseq FROM points
        WHERE collection_id = ? AND label IN (SELECT value FROM json_each(?))`),
      payloads: db.prepare('SELECT label, payload FROM points WHERE collection_id = ? AND payload IS NOT NULL'),
      labelsOf: db.prepare('SELECT label FROM points WHERE collection_id = ? AND pid IN (SELECT value FROM json_each(?))'),
    };
  }

  /** Prepared statements for compiled filters, cached by their SQL text (values are always bound). */
  private prepared(sql: string): ReturnType<Db['prepare']> {
    let stmt = this.cache.get(sql);
    if (!stmt) {
      if (this.cache.size > 512) this.cache.clear();
      stmt = this.db.prepare(sql);
      this.cache.set(sql, stmt);
    }
    return stmt;
  }

  labelsWhere(collectionId: number, where: Where): number[] {
    return this.prepared(`SELECT label FROM points WHERE collection_id = ? AND (${where.sql})`).pluck().all(collectionId, ...where.params) as number[];
  }

  pidsWhere(collectionId: number, where: Where): string[] {
    return this.prepared(`SELECT pid FROM points WHERE collection_id = ? AND (${where.sql}) ORDER BY pid`).pluck().all(collectionId, ...where.params) as string[];
  }

  countWhere(collectionId: number, where: Where): number {
    return this.prepared(`SELECT count(*) FROM points WHERE collection_id = ? AND (${where.sql})`).pluck().get(collectionId, ...where.params) as number;
  }

  scrollWhere(collectionId: number, fromPid: string, limit: number, where: Where): PointMeta[] {
    return this.prepared(`SELECT pid, label, payload FROM points WHERE collection_id = ? AND pid >= ? AND (${where.sql}) ORDER BY pid LIMIT ?`)
      .all([collectionId, fromPid, ...where.params, limit]) as PointMeta[];
  }

  labelsOf(collectionId: number, pids: readonly string[]): number[] {
    return this.stmts.labelsOf.pluck().all(collectionId, JSON.stringify(pids)) as number[];
  }

  *payloads(collectionId: number): IterableIterator<{ label: number; payload: string }> {
    yield* this.stmts.payloads.iterate(collectionId) as IterableIterator<{ label: number; payload: string }>;
  }

  /** Inserts or replaces a point, keeping its label if it exists; returns the label in effect. */
  upsert(collectionId: number, pid: string, proposedLabel: number, vector: Buffer, payload: string | null, seq: number): number {
    const row = this.stmts.upsert.get(collectionId, pid, proposedLabel, vector, payload, seq, seq) as { label: number };
    return row.label;
  }

  setPayload(collectionId: number, pid: string, payload: string | null, seq: number): void {
    this.stmts.setPayload.run(payload, seq, collectionId, pid);
  }

  /** Deletes a point; returns its label, or undefined when it did not exist. */
  remove(collectionId: number, pid: string): number | undefined {
    const row = this.stmts.remove.get(collectionId, pid) as { label: number } | undefined;
    return row?.label;
  }

  byPid(collectionId: number, pid: string): PointMeta | undefined {
    return this.stmts.byPid.get(collectionId, pid) as PointMeta | undefined;
  }

  byPids(collectionId: number, pids: string[]): PointMeta[] {
    return this.stmts.byPids.all(collectionId, JSON.stringify(pids)) as PointMeta[];
  }

  byLabels(collectionId: number, labels: number[], withVector: boolean): PointMeta[] {
    const stmt = withVector ? this.stmts.byLabels : this.stmts.byLabelsNoVector;
    return stmt.all(collectionId, JSON.stringify(labels)) as PointMeta[];
  }

  /** Points with key >= fromPid in key order. */
  scroll(collectionId: number, fromPid: string, limit: number, withVector: boolean): PointMeta[] {
    const stmt = withVector ? this.stmts.scroll : this.stmts.scrollNoVector;
    return stmt.all(collectionId, fromPid, limit) as PointMeta[];
  }

  count(collectionId: number): number {
    return (this.stmts.count.get(collectionId) as { n: number }).n;
  }

  /**
   * Up to `limit` points with label >= fromLabel in label order: a chunk of a
   * scan that yields between chunks (an open iterator would block writes).
   */
  labelRange(collectionId: number, fromLabel: number, limit: number): LabelledRow[] {
    return this.stmts.labelRange.all(collectionId, fromLabel, limit) as LabelledRow[];
  }

  /** Payload, vector and vector write of the given labels. */
  rowsOfLabels(collectionId: number, labels: readonly number[]): LabelledRow[] {
    return this.stmts.byLabelsFull.all(collectionId, JSON.stringify(labels)) as LabelledRow[];
  }

  /** Streams every point's vector and label, for rebuilding in-memory structures at start. */
  *all(collectionId: number): IterableIterator<Pick<PointRow, 'pid' | 'label' | 'vector' | 'vseq'>> {
    yield* this.stmts.all.iterate(collectionId) as IterableIterator<Pick<PointRow, 'pid' | 'label' | 'vector' | 'vseq'>>;
  }
}
