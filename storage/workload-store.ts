// Rows of workload jobs: the job, its queries (one row per line, as received)
// and its result lines, all keyed by (job, line) so the runner and result
// readers scan ranges of lines. Rows only; the engine (engine/workloads.ts)
// owns validation, the runner and the status machine.

import type { Db } from './database.js';

export type WorkloadRowStatus = 'receiving' | 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface WorkloadJobRow {
  id: string;
  collection_id: number;
  status: WorkloadRowStatus;
  /** JSON of the job's options. */
  options: string;
  total: number;
  done: number;
  failed: number;
  error: string | null;
  /** JSON statistics. */
  stats: string;
  running_ms: number;
  created_at: string;
  queued_at: string | null;
  started_at: string | null;
  finished_at: string | null;
}

export interface WorkloadQueryRow {
  line: number;
  /** JSON of the client's id, or null. */
  client_id: string | null;
  /**
   * The query as received (JSON), or null when the line could not be read; without its
   * vector when `vector` holds it.
   */
  body: string | null;
  /** The query vector as float32 bytes when it was a plain array of numbers, else null. */
  vector: Uint8Array | null;
  /** Canonical JSON of the query's filter, or null. */
  filter: string | null;
  /** JSON {code, message} of the error that rejected the line on arrival, or null. */
  error: string | null;
}

export interface WorkloadResultRow {
  line: number;
  result: string;
}

/** What one answered chunk changes, written in one transaction. */
export interface WorkloadChunk {
  results: readonly WorkloadResultRow[];
  done: number;
  failed: number;
  stats: string;
  runningMs: number;
}

const JOB_COLUMNS = 'id, collection_id, status, options, total, done, failed, error, stats, running_ms, created_at, queued_at, started_at, finished_at';

export class WorkloadStore {
  private readonly stmts;

  constructor(private readonly db: Db) {
    this.stmts = {
      create: db.prepare(`INSERT INTO workload_jobs (id, collection_id, status, options, created_at) VALUES (?, ?, 'receiving', ?, ?)`),
      addQuery: db.prepare('INSERT INTO workload_queries (job_id, line, client_id, body, vector, filter, error) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      setTotal: db.prepare(`UPDATE workload_jobs SET total = ? WHERE id = ? AND status = 'receiving'`),
      queue: db.prepare(`UPDATE workload_jobs SET status = 'queued', total = ?, stats = ?, queued_at = ? WHERE id = ? AND status = 'receiving'`),
      get: db.prepare(`SELECT ${JOB_COLUMNS} FROM workload_jobs WHERE id = ?`),
      list: db.prepare(`SELECT ${JOB_COLUMNS} FROM workload_jobs WHERE collection_id = ? AND status != 'receiving' ORDER BY created_at, rowid`),
      unfinished: db.prepare(`SELECT ${JOB_COLUMNS} FROM workload_jobs WHERE status IN ('receiving', 'queued', 'running') ORDER BY rowid`),
      // A job left running (by a restart) goes before the queue; the queue is FIFO.
      next: db.prepare(`SELECT ${JOB_COLUMNS} FROM workload_jobs WHERE status IN ('queued', 'running')
        ORDER BY status = 'running' DESC, queued_at, rowid LIMIT 1`),
      start: db.prepare(`UPDATE workload_jobs SET status = 'running', started_at = coalesce(started_at, ?) WHERE id = ? AND status IN ('queued', 'running')`),
      setStats: db.prepare(`UPDATE workload_jobs SET stats = ? WHERE id = ? AND status = 'running'`),
      commit: db.prepare(`UPDATE workload_jobs SET done = ?, failed = ?, stats = ?, running_ms = ? WHERE id = ? AND status = 'running' AND done <= ?`),
      addResult: db.prepare('INSERT OR REPLACE INTO workload_results (job_id, line, result) VALUES (?, ?, ?)'),
      finish: db.prepare(`UPDATE workload_jobs SET status = ?, error = ?, finished_at = ? WHERE id = ? AND status IN ('queued', 'running')`),
      cancel: db.prepare(`UPDATE workload_jobs SET status = 'cancelled', finished_at = ? WHERE id = ? AND status IN ('queued', 'running')`),
      remove: db.prepare('DELETE FROM workload_jobs WHERE id = ?'),
      removeQueries: db.prepare('DELETE FROM workload_queries WHERE job_id = ?'),
      removeResults: db.prepare('DELETE FROM workload_results WHERE job_id = ?'),
      queries: db.prepare(`SELECT line, client_id, body, vector, filter, error FROM workload_queries WHERE job_id = ? AND line >= ? ORDER BY line LIMIT ?`),
      countQueries: db.prepare('SELECT count(*) FROM workload_queries WHERE job_id = ? AND line >= ?').pluck(),
      filters: db.prepare('SELECT filter FROM workload_queries WHERE job_id = ? AND error IS NULL ORDER BY line').pluck(),
      distinctFilters: db.prepare('SELECT count(DISTINCT coalesce(filter, \'\')) FROM workload_queries WHERE job_id = ? AND error IS NULL').pluck(),
      results: db.prepare('SELECT line, result FROM workload_results WHERE job_id = ? AND line >= ? ORDER BY line LIMIT ?'),
    };
  }

  /** A new job in state 'receiving' (invisible to list and the runner until queued). */
  create(id: string, collectionId: number, options: string, createdAt: string): void {
    this.stmts.create.run(id, collectionId, options, createdAt);
  }

  /** Appends received lines and records how many there are so far, in one transaction. */
  addQueries(id: string, rows: readonly WorkloadQueryRow[], total: number): void {
    this.db.transaction(() => {
      for (const r of rows) this.stmts.addQuery.run(id, r.line, r.client_id, r.body, r.vector, r.filter, r.error);
      this.stmts.setTotal.run(total, id);
    })();
  }

  /** The upload ended: the job joins the queue. False when it no longer exists. */
  queue(id: string, total: number, stats: string, queuedAt: string): boolean {
    return this.stmts.queue.run(total, stats, queuedAt, id).changes === 1;
  }

  get(id: string): WorkloadJobRow | undefined {
    return this.stmts.get.get(id) as WorkloadJobRow | undefined;
  }

  /** The collection's jobs, oldest first (not those still being received). */
  list(collectionId: number): WorkloadJobRow[] {
    return this.stmts.list.all(collectionId) as WorkloadJobRow[];
  }

  /** Jobs being received, queued or running, for recovery at start-up. */
  unfinished(): WorkloadJobRow[] {
    return this.stmts.unfinished.all() as WorkloadJobRow[];
  }

  /** The job the runner should work on: one left running, else the oldest queued. */
  next(): WorkloadJobRow | undefined {
    return this.stmts.next.get() as WorkloadJobRow | undefined;
  }

  /** Marks a queued (or resumed) job running. False when it is no longer runnable. */
  start(id: string, startedAt: string): boolean {
    return this.stmts.start.run(startedAt, id).changes === 1;
  }

  setStats(id: string, stats: string): void {
    this.stmts.setStats.run(stats, id);
  }

  /**
   * Writes a chunk's result lines and the job's new progress in one
   * transaction, so a restart resumes exactly after the last chunk written.
   * Writes nothing and returns false when the job is no longer running (it
   * was cancelled or removed while the chunk ran).
   */
  commitChunk(id: string, chunk: WorkloadChunk): boolean {
    return this.db.transaction(() => {
      if (this.stmts.commit.run(chunk.done, chunk.failed, chunk.stats, chunk.runningMs, id, chunk.done).changes !== 1) return false;
      for (const r of chunk.results) this.stmts.addResult.run(id, r.line, r.result);
      return true;
    })();
  }

  /** Ends a queued or running job as done or failed. */
  finish(id: string, status: 'done' | 'failed', error: string | null, finishedAt: string): boolean {
    return this.stmts.finish.run(status, error, finishedAt, id).changes === 1;
  }

  /** Cancels a queued or running job and removes its queries and results; the job row stays, cancelled. */
  cancel(id: string, finishedAt: string): boolean {
    return this.db.transaction(() => {
      if (this.stmts.cancel.run(finishedAt, id).changes !== 1) return false;
      this.stmts.removeQueries.run(id);
      this.stmts.removeResults.run(id);
      return true;
    })();
  }

  /** Removes a job with its queries and results. */
  remove(id: string): void {
    this.stmts.remove.run(id);
  }

  /** Up to `limit` queries from line `from` on, in line order. */
  queries(id: string, from: number, limit: number): WorkloadQueryRow[] {
    return this.stmts.queries.all(id, from, limit) as WorkloadQueryRow[];
  }

  /** How many query rows exist from line `from` on. */
  countQueries(id: string, from: number): number {
    return this.stmts.countQueries.get(id, from) as number;
  }

  /** The canonical filter of every line accepted on arrival (null for none), in line order. */
  filters(id: string): (string | null)[] {
    return this.stmts.filters.all(id) as (string | null)[];
  }

  /** Distinct filters among the lines accepted on arrival ("no filter" counts as one). */
  distinctFilters(id: string): number {
    return this.stmts.distinctFilters.get(id) as number;
  }

  /** Up to `limit` result lines from line `from` on, in line order. */
  results(id: string, from: number, limit: number): WorkloadResultRow[] {
    return this.stmts.results.all(id, from, limit) as WorkloadResultRow[];
  }
}
