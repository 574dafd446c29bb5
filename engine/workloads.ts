// Workload jobs (docs/architecture.md, "Workload jobs"): a batch of queries submitted once, answered
// in the background through the batch executor, its results served back in
// input order. This module owns the job lifecycle and the single runner;
// storage/workload-store.ts holds the rows.
//
// - Submission streams: lines are checked and stored ~1000 per transaction as
//   they arrive, so no body is ever held whole. A job is invisible
//   ('receiving') until its upload ends, then queued.
// - One runner executes queued jobs FIFO, a chunk of lines at a time: it reads
//   the chunk from SQLite from `done` on, runs its valid queries through
//   Collection.executeBatch, and writes the chunk's result lines with the new
//   `done` in one transaction, so a restart resumes exactly after the last
//   chunk written and memory is bounded by one chunk whatever the job's size.
// - Cancelling stops a job at the runner's next check (between the executor's
//   steps); a chunk is written whole or not at all.
// REST and gRPC call only the public methods below, which take collection names.

import { randomUUID } from 'node:crypto';
import type { Config } from '../core/config.js';
import { fail, HqdbError, type ErrorCode } from '../core/errors.js';
import { canonicalJson, parseJsonBody, parseJsonLossless, stringifyJson } from '../core/json.js';
import type { Logger } from '../core/logger.js';
import type { Payload, PointId, ScoredPoint } from '../core/types.js';
import type { Storage } from '../storage/storage.js';
import type { WorkloadJobRow, WorkloadQueryRow } from '../storage/workload-store.js';
import type { BatchOutcome, BatchStats, Collection } from './collection.js';
import { emptyBatchStats } from './collection-index.js';
import { parseFilter } from './filter/ast.js';
import type { LayoutStatus } from './layout/types.js';
import { parsePayloadSelector } from './payload.js';
import { QUERY_REQUEST_FIELDS, type QueryRequest } from './requests.js';
import { checkLimit } from './validate.js';

export type WorkloadStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

/** Options as a client sent them (JSON body, query string or gRPC message); checked by `submit`. */
export interface WorkloadOptionsRequest {
  /** 'keep' (default) runs on the current layout; 'optimise' first learns a layout from this workload. */
  layout?: unknown;
  /** `limit` of lines that send none (default 10). */
  limit?: unknown;
  /** `with_payload` of lines that send none (default false). */
  with_payload?: unknown;
}

export interface WorkloadOptions {
  layout: 'keep' | 'optimise';
  limit: number;
  with_payload: boolean | string[] | { include: string[] } | { exclude: string[] };
}

/** How the items of a submitted source are to be read. */
export type WorkloadFormat =
  /** Each item is a parsed query body (plus an optional client `id`). */
  | 'objects'
  /** Each item is one line of NDJSON text; blank lines are skipped and not numbered. */
  | 'ndjson';

/**
 * An item of an 'objects' source that its transport could not turn into a
 * query body (a gRPC message its conversion refused): it is stored as that
 * line's error, under its client id, failing only its own line.
 */
export class RejectedQuery {
  constructor(readonly error: HqdbError, readonly id?: unknown) {}
}

export interface WorkloadLayoutStats {
  mode: 'keep' | 'optimise';
  /** The layout the job ran on ('building' while an optimise build runs). */
  status: LayoutStatus;
  partitions?: number;
  /** The build an optimise job started. */
  build?: string;
  /** Why an optimise build did not give a layout (the job then runs on the layout there was). */
  error?: string;
}

export interface WorkloadStats {
  /** Lines answered with points. */
  queries: number;
  /** Lines answered with an error (unreadable, invalid, or refused by the executor). */
  failed_lines: number;
  /** Chunks answered (each read, executed and written in one go). */
  chunks: number;
  /** Distinct filters among the lines accepted on arrival ("no filter" counts as one). */
  distinct_filters: number;
  layout?: WorkloadLayoutStats;
  /**
   * Counters of the batch executor summed over chunks: queries routed to the
   * whole-collection index or to partitions, partition visits (and those
   * whose partition implied the filter), how each visit was answered
   * (`answered_by`, per plan), blocked exact scans, duplicates, distinct filters per chunk.
   */
  executor?: Record<string, unknown>;
}

export interface WorkloadView {
  id: string;
  collection: string;
  status: WorkloadStatus;
  progress: { done: number; total: number };
  failed_lines: number;
  /** Lines answered per second of running time (the layout build of an optimise job not included). */
  queries_per_second: number;
  running_seconds: number;
  options: WorkloadOptions;
  stats: WorkloadStats;
  error?: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

export interface WorkloadResultPoint {
  id: PointId;
  score: number;
  payload?: Payload | null;
  vector?: number[];
}

/** One result line: the client's id (or the 0-based line number) with the query's points, or the error it alone raised. */
export type WorkloadResultLine =
  | { id: unknown; points: WorkloadResultPoint[] }
  | { id: unknown; error: { code: ErrorCode; message: string } };

export interface WorkloadResultsPage {
  offset: number;
  limit: number;
  /** Lines in the workload. */
  total: number;
  /** Lines answered so far: results exist for lines [0, done). */
  done: number;
  status: WorkloadStatus;
  lines: WorkloadResultLine[];
}

/** Reported to watchers after every chunk written and when a job ends. */
export interface WorkloadEvent {
  id: string;
  collectionId: number;
  status: WorkloadStatus;
  done: number;
  total: number;
}

export interface WorkloadsDeps {
  storage: Storage;
  config: Config['workloads'];
  /** Largest `limit` a query may ask for. */
  maxQueryLimit: number;
  log: Logger;
  /** The open collection of that name; throws COLLECTION_NOT_FOUND. */
  byName(name: string): Collection;
  /** The open collection of that id, if any. */
  byId(id: number): Collection | undefined;
}

/** Lines stored per transaction while a body is received. */
const INSERT_BATCH = 1_000;
/** Result lines read per SQLite page when streaming. */
const STREAM_PAGE = 1_000;
/** Most lines one results page may ask for. */
export const MAX_RESULTS_PAGE = 10_000;
/** Attempts at a chunk whose execution failed unexpectedly (a worker restarting) before its queries are run one by one. */
const CHUNK_ATTEMPTS = 2;
const RETRY_DELAY_MS = 500;


const ACTIVE: ReadonlySet<string> = new Set(['queued', 'running']);

/** Why the runner lets go of a job: cancelled, closing, its collection deleted, or it has ended (whatever of it is still in the executor stops). */
type StopReason = 'cancel' | 'close' | 'drop' | 'ended';

/** The job the runner is on, and why it must stop, once it must. */
interface Running {
  id: string;
  collectionId: number;
  stop?: StopReason;
  stopped: Promise<void>;
  signal(reason: StopReason): void;
}

function now(): string {
  return new Date().toISOString();
}

function errorText(code: ErrorCode, message: string): string {
  return stringifyJson({ code, message });
}

export class Workloads {
  private readonly store;
  private current: Running | undefined;
  /** Resolves when the runner's current job has let go (paused, finished or stopped). */
  private active: Promise<void> = Promise.resolve();
  private runner: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private paused = false;
  private closed = false;
  private readonly listeners = new Set<(e: WorkloadEvent) => void>();

  constructor(private readonly deps: WorkloadsDeps) {
    this.store = deps.storage.workloads;
  }

  // ---- lifecycle ------------------------------------------------------------

  /**
   * Recovers what a stop left (uploads cut short are removed: their client
   * never got an id; jobs that cannot resume are failed with the reason) and
   * starts the runner, which resumes a job left running from its `done`.
   */
  start(): void {
    for (const row of this.store.unfinished()) {
      if (row.status === 'receiving') {
        this.store.remove(row.id);
        this.deps.log.warn({ workload: row.id, lines: row.total }, 'workload upload was interrupted by a restart; removed');
        continue;
      }
      const reason = this.unresumable(row);
      if (reason) {
        this.store.finish(row.id, 'failed', reason, now());
        this.deps.log.warn({ workload: row.id, reason }, 'workload cannot resume; marked failed');
      } else if (row.status === 'running') {
        this.deps.log.info({ workload: row.id, done: row.done, total: row.total }, 'workload resumes');
      }
    }
    this.runner ??= this.loop();
  }

  private unresumable(row: WorkloadJobRow): string | undefined {
    if (!this.deps.byId(row.collection_id)) return `its collection (id ${row.collection_id}) no longer exists`;
    const left = this.store.countQueries(row.id, row.done);
    if (left !== row.total - row.done) return `${row.total - row.done - left} of its ${row.total - row.done} unanswered queries are missing from storage`;
    return undefined;
  }

  /** Stops the runner after the executor's current step (no chunk is half written) and stops accepting jobs. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.current?.signal('close');
    this.wake?.();
    await this.runner;
    this.emit(undefined);
  }

  /** Stops the job of a collection being deleted (its rows go with the collection) and waits until the runner has let go. */
  dropCollection(collectionId: number): Promise<void> {
    if (this.current?.collectionId !== collectionId) return Promise.resolve();
    this.current.signal('drop');
    return this.active;
  }

  /**
   * Holds the runner after the chunk it is on, leaving the job running (it
   * goes on after `resume`, or after a restart). Resolves when the runner has
   * let go. For tests and operations.
   */
  pause(): Promise<void> {
    this.paused = true;
    return this.active;
  }

  resume(): void {
    this.paused = false;
    this.wake?.();
  }

  /** Calls `listener` after every chunk written and when a job ends; returns the function that stops it. */
  watch(listener: (e: WorkloadEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- submit ---------------------------------------------------------------

  /**
   * Receives a workload and queues it. The source is consumed as it arrives
   * and stored in transactions of INSERT_BATCH lines; a line that cannot be
   * read or is not a query is stored as that line's error. An empty workload
   * is EMPTY_BATCH; a source that fails leaves nothing behind.
   */
  async submit(
    collectionName: string,
    request: WorkloadOptionsRequest,
    source: AsyncIterable<unknown> | Iterable<unknown>,
    format: WorkloadFormat = 'objects',
  ): Promise<{ id: string; status: 'queued' }> {
    this.checkOpen();
    const collection = this.deps.byName(collectionName);
    const options = this.parseOptions(request);
    const id = randomUUID();
    this.store.create(id, collection.id, stringifyJson(options), now());
    let total = 0;
    try {
      let pending: WorkloadQueryRow[] = [];
      for await (const item of source) {
        this.checkOpen();
        let row: WorkloadQueryRow;
        if (format === 'ndjson') {
          if (typeof item !== 'string') fail('BAD_REQUEST', 'an NDJSON workload is a sequence of text lines');
          if (item.trim().length === 0) continue;
          row = readLine(total, item);
        } else {
          row = readQuery(total, item);
        }
        pending.push(row);
        total++;
        if (pending.length >= INSERT_BATCH) {
          this.store.addQueries(id, pending, total);
          pending = [];
        }
      }
      this.checkOpen();
      if (pending.length > 0) this.store.addQueries(id, pending, total);
      if (total === 0) fail('EMPTY_BATCH', 'the workload has no queries');
      const stats: WorkloadStats = { queries: 0, failed_lines: 0, chunks: 0, distinct_filters: this.store.distinctFilters(id) };
      if (!this.store.queue(id, total, stringifyJson(stats), now())) fail('COLLECTION_NOT_FOUND', `collection "${collectionName}" was deleted while the workload was received`);
    } catch (err) {
      try {
        this.store.remove(id);
      } catch {
        // Storage closed under the upload: the row is removed at the next start.
      }
      if (this.closed) throw new HqdbError('SHUTTING_DOWN', 'the server is shutting down');
      if (collection.isDropped) throw new HqdbError('COLLECTION_NOT_FOUND', `collection "${collectionName}" was deleted while the workload was received`);
      throw err;
    }
    this.deps.log.info({ workload: id, collection: collectionName, lines: total, options }, 'workload queued');
    this.wake?.();
    return { id, status: 'queued' };
  }

  private parseOptions(request: WorkloadOptionsRequest): WorkloadOptions {
    if (request === null || typeof request !== 'object') fail('BAD_REQUEST', 'workload options must be an object');
    const layout = request.layout ?? 'keep';
    if (layout !== 'keep' && layout !== 'optimise') fail('BAD_REQUEST', `layout must be "keep" or "optimise", got ${JSON.stringify(layout)}`);
    const limit = request.limit == null ? 10 : checkLimit(request.limit, 'limit', this.deps.maxQueryLimit);
    const raw = request.with_payload ?? false;
    const selector = parsePayloadSelector(raw, false);
    // Kept in the shape a query line sends it, since it is applied to lines.
    const withPayload = typeof selector === 'boolean' ? selector : (raw as WorkloadOptions['with_payload']);
    return { layout, limit, with_payload: withPayload };
  }

  // ---- read -----------------------------------------------------------------

  get(collectionName: string, id: string): WorkloadView {
    const collection = this.deps.byName(collectionName);
    return this.view(this.find(collection, id), collection.name);
  }

  /** The collection's jobs, oldest first. */
  list(collectionName: string): WorkloadView[] {
    const collection = this.deps.byName(collectionName);
    return this.store.list(collection.id).map((row) => this.view(row, collection.name));
  }

  /**
   * Resolves with the job's view once it has ended (done, failed or
   * cancelled). `signal` gives up waiting (the caller went away, or its
   * transport is closing): SHUTTING_DOWN.
   */
  async waitFor(collectionName: string, id: string, signal?: AbortSignal): Promise<WorkloadView> {
    for (;;) {
      const view = this.get(collectionName, id);
      if (!ACTIVE.has(view.status)) return view;
      if (this.closed || signal?.aborted) fail('SHUTTING_DOWN', 'stopped waiting for the workload: the server is shutting down or the caller went away');
      await this.nextEvent(id, signal);
    }
  }

  /** A page of result lines in input order, from line `offset` on (fewer than `limit` when fewer are answered yet). */
  results(collectionName: string, id: string, offset: unknown = 0, limit: unknown = 100): WorkloadResultsPage {
    const collection = this.deps.byName(collectionName);
    const row = this.find(collection, id);
    const from = checkLimit(offset, 'offset', Number.MAX_SAFE_INTEGER, 0);
    const n = checkLimit(limit, 'limit', MAX_RESULTS_PAGE);
    return {
      offset: from,
      limit: n,
      total: row.total,
      done: row.done,
      status: row.status as WorkloadStatus,
      lines: this.store.results(id, from, n).map((r) => parseJsonLossless(r.result) as WorkloadResultLine),
    };
  }

  /**
   * The result lines (exact NDJSON text, without newlines) from line `offset`
   * on, in input order, a page of SQLite rows at a time: pulled, so a slow
   * reader holds nothing but the current page. Ends at the lines answered so
   * far, or with `follow` when the job has ended (a cancelled job's results
   * are gone: the stream ends) or `signal` aborts (the reader went away, or
   * its transport is closing). Checks the collection and job at once.
   */
  resultLines(
    collectionName: string,
    id: string,
    opts: { offset?: unknown; limit?: unknown; follow?: boolean; signal?: AbortSignal } = {},
  ): AsyncGenerator<string[]> {
    const collection = this.deps.byName(collectionName);
    this.find(collection, id);
    const from = checkLimit(opts.offset ?? 0, 'offset', Number.MAX_SAFE_INTEGER, 0);
    const max = opts.limit == null ? Number.POSITIVE_INFINITY : checkLimit(opts.limit, 'limit', Number.MAX_SAFE_INTEGER);
    return this.streamLines(collection.id, id, from, max, opts.follow === true, opts.signal);
  }

  private async *streamLines(collectionId: number, id: string, from: number, max: number, follow: boolean, signal?: AbortSignal): AsyncGenerator<string[]> {
    let next = from;
    let left = max;
    while (left > 0 && !this.closed && !signal?.aborted) {
      const rows = this.store.results(id, next, Math.min(STREAM_PAGE, left));
      if (rows.length > 0) {
        next = rows[rows.length - 1].line + 1;
        left -= rows.length;
        yield rows.map((r) => r.result);
        continue;
      }
      const row = this.store.get(id);
      if (!row || row.collection_id !== collectionId || !follow || !ACTIVE.has(row.status)) return;
      if (next < row.done) continue;
      await this.nextEvent(id, signal);
    }
  }

  /**
   * The raw filter of every line accepted on arrival, in line order (null for
   * none): the workload a layout build learns from. Undefined when the
   * collection has no such job.
   */
  filters(collectionId: number, id: string): unknown[] | undefined {
    const row = this.store.get(id);
    if (!row || row.collection_id !== collectionId || row.status === 'receiving') return undefined;
    // Repeated filters share one parsed object: memory grows with distinct filters, not lines.
    const parsed = new Map<string, unknown>();
    return this.store.filters(id).map((text) => {
      if (text === null) return null;
      let f = parsed.get(text);
      if (f === undefined) parsed.set(text, (f = parseJsonLossless(text)));
      return f;
    });
  }

  // ---- cancel / delete --------------------------------------------------------

  /**
   * A queued or running job is cancelled: it stops at the runner's next check,
   * its queries and results are removed, and it stays listed as 'cancelled'.
   * A job that has ended is removed entirely.
   */
  delete(collectionName: string, id: string): { id: string; status: 'cancelled' | 'deleted' } {
    const collection = this.deps.byName(collectionName);
    const row = this.find(collection, id);
    if (ACTIVE.has(row.status) && this.store.cancel(id, now())) {
      if (this.current?.id === id) this.current.signal('cancel');
      this.deps.log.info({ workload: id, done: row.done, total: row.total }, 'workload cancelled');
      this.emit({ id, collectionId: row.collection_id, status: 'cancelled', done: row.done, total: row.total });
      return { id, status: 'cancelled' };
    }
    this.store.remove(id);
    return { id, status: 'deleted' };
  }

  // ---- the runner -------------------------------------------------------------

  private async loop(): Promise<void> {
    while (!this.closed) {
      let row: WorkloadJobRow | undefined;
      try {
        row = this.paused ? undefined : this.store.next();
      } catch (err) {
        this.deps.log.error({ err }, 'workload runner cannot read its queue; stopped');
        return;
      }
      if (!row) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = undefined;
        continue;
      }
      const job = this.running(row);
      this.current = job;
      this.active = this.runJob(job, row).finally(() => {
        if (this.current === job) this.current = undefined;
      });
      await this.active;
    }
  }

  private running(row: WorkloadJobRow): Running {
    let resolve!: () => void;
    const stopped = new Promise<void>((r) => (resolve = r));
    const job: Running = {
      id: row.id,
      collectionId: row.collection_id,
      stopped,
      signal: (reason) => {
        job.stop ??= reason;
        resolve();
      },
    };
    return job;
  }

  private async runJob(job: Running, row: WorkloadJobRow): Promise<void> {
    const collection = this.deps.byId(row.collection_id);
    try {
      if (!collection) {
        this.end(row, 'failed', `its collection (id ${row.collection_id}) no longer exists`);
        return;
      }
      if (!this.store.start(row.id, now())) return;
      const options = JSON.parse(row.options) as WorkloadOptions;
      const stats = JSON.parse(row.stats) as WorkloadStats;
      if (row.done === 0 && (!stats.layout || stats.layout.status === 'building')) {
        if (options.layout === 'optimise') {
          await this.optimise(job, collection, stats);
          if (job.stop) return;
        } else {
          stats.layout = { mode: 'keep', status: collection.layoutView().status, partitions: collection.layoutView().partitions.length };
        }
        this.store.setStats(row.id, stringifyJson(stats));
      }
      if (row.status === 'queued') this.deps.log.info({ workload: row.id, collection: collection.name, lines: row.total }, 'workload started');
      await this.runChunks(job, collection, row, options, stats);
    } catch (err) {
      if (job.stop) return;
      const message = err instanceof HqdbError ? err.message : (err as Error).message;
      this.deps.log.error({ err, workload: row.id }, 'workload failed');
      try {
        this.end(row, 'failed', `the job stopped: ${message}`);
      } catch (e) {
        this.deps.log.error({ err: e, workload: row.id }, 'cannot record a failed workload');
      }
    } finally {
      job.signal('ended');
    }
  }

  /** Learns a layout from this workload's filters and waits for it; the job runs on whatever layout there is if that fails. */
  private async optimise(job: Running, collection: Collection, stats: WorkloadStats): Promise<void> {
    let build: string;
    for (;;) {
      try {
        // A layout for batches: flat partitions the matrix kernel scans, built in about the time it takes to copy the points.
        build = collection.startLayoutBuild({ source: { workload: job.id }, graphs: false }).id;
        break;
      } catch (err) {
        if (!(err instanceof HqdbError)) throw err;
        if (err.code !== 'LAYOUT_BUILDING') {
          stats.layout = { mode: 'optimise', status: collection.layoutView().status, partitions: collection.layoutView().partitions.length, error: err.message };
          return;
        }
        // Another build runs: learn from this workload once it has ended.
        await Promise.race([collection.waitLayoutBuild(), job.stopped]);
        if (job.stop) return;
      }
    }
    stats.layout = { mode: 'optimise', status: 'building', build };
    this.store.setStats(job.id, stringifyJson(stats));
    const ended = await Promise.race([collection.waitLayoutBuild(), job.stopped]);
    if (job.stop) return;
    const view = collection.layoutView();
    stats.layout = { mode: 'optimise', status: view.status, partitions: view.partitions.length, build };
    if (ended && ended.id === build && ended.status === 'failed') stats.layout.error = ended.error ?? 'the layout build failed';
  }

  /**
   * Answers the job's lines from `done` on, a chunk at a time: read, run,
   * then the results and the new `done` committed together. (Keeping a
   * second chunk in the executor while one is written measured no faster:
   * the executor already overlaps its own sub-chunks.) Stops between chunks
   * when paused; a stopped chunk is dropped whole.
   */
  private async runChunks(job: Running, collection: Collection, row: WorkloadJobRow, options: WorkloadOptions, stats: WorkloadStats): Promise<void> {
    let { done, failed, running_ms: runningMs } = row;
    const chunkSize = this.deps.config.chunk_size;
    while (done < row.total) {
      if (job.stop || this.paused) return;
      const started = performance.now();
      const rows = this.store.queries(row.id, done, chunkSize);
      if (rows.length === 0 || rows.some((r, i) => r.line !== done + i)) {
        this.end(row, 'failed', `the queries from line ${done} on are missing from storage`);
        return;
      }
      const lines = new Array<string>(rows.length);
      const requests: QueryRequest[] = [];
      const slots: number[] = [];
      rows.forEach((r, i) => {
        if (r.error !== null) {
          lines[i] = `{"id":${r.client_id ?? String(r.line)},"error":${r.error}}`;
          return;
        }
        // (An NDJSON line is stored as sent, its client id included: the id is not part of the query.)
        const q = parseJsonLossless(r.body!) as QueryRequest & { id?: unknown };
        if (r.vector) q.query = new Float32Array(r.vector.buffer.slice(r.vector.byteOffset, r.vector.byteOffset + r.vector.byteLength));
        delete q.id;
        if (q.limit == null) q.limit = options.limit;
        if (q.with_payload == null) q.with_payload = options.with_payload;
        requests.push(q);
        slots.push(i);
      });
      const outcomes = requests.length > 0 ? await this.execute(job, collection, requests, stats) : [];
      if (job.stop) return;
      let chunkFailed = rows.length - requests.length;
      outcomes.forEach((o, k) => {
        const r = rows[slots[k]];
        const id = r.client_id ?? String(r.line);
        if ('error' in o) {
          lines[slots[k]] = `{"id":${id},"error":${errorText(o.error.code, `line ${r.line}: ${o.error.message}`)}}`;
          chunkFailed++;
        } else {
          lines[slots[k]] = `{"id":${id},"points":${stringifyJson(o.points.map(resultPoint))}}`;
        }
      });
      stats.queries += rows.length - chunkFailed;
      stats.failed_lines += chunkFailed;
      stats.chunks++;
      runningMs += performance.now() - started;
      const written = this.store.commitChunk(row.id, {
        results: rows.map((r, i) => ({ line: r.line, result: lines[i] })),
        done: done + rows.length,
        failed: failed + chunkFailed,
        stats: stringifyJson(stats),
        runningMs,
      });
      if (!written) return; // cancelled or removed while the chunk ran
      done += rows.length;
      failed += chunkFailed;
      this.emit({ id: row.id, collectionId: row.collection_id, status: 'running', done, total: row.total });
    }
    const share = failed / row.total;
    const max = this.deps.config.max_failed_share;
    if (share > max) {
      this.end(row, 'failed', `${failed} of ${row.total} lines failed (${percent(share)}), more than the allowed share of ${percent(max)} (workloads.max_failed_share); their results are kept`);
    } else {
      this.end(row, 'done', null);
    }
  }

  /**
   * Runs a chunk's queries. When the executor itself fails (not one query:
   * that is an outcome), the chunk is tried once more, then query by query,
   * so a query that breaks the executor fails only its own line (INTERNAL);
   * the job fails only when every query does.
   */
  private async execute(job: Running, collection: Collection, requests: QueryRequest[], stats: WorkloadStats): Promise<BatchOutcome[]> {
    const alive = (): void => {
      if (job.stop || collection.isDropped) throw new HqdbError('SHUTTING_DOWN', `workload ${job.id} stopped (${job.stop ?? 'collection deleted'})`);
    };
    const stopped = (): boolean => job.stop !== undefined || collection.isDropped;
    for (let attempt = 1; attempt <= CHUNK_ATTEMPTS; attempt++) {
      const counters = emptyBatchStats();
      try {
        const out = await collection.executeBatch(requests, { alive, stats: counters });
        addCounters((stats.executor ??= {}), counters);
        return out;
      } catch (err) {
        if (stopped()) throw err;
        this.deps.log.warn({ err, workload: job.id, attempt }, 'workload chunk failed in the executor; retrying');
        await Promise.race([new Promise((r) => setTimeout(r, RETRY_DELAY_MS)), job.stopped]);
        alive();
      }
    }
    const out: BatchOutcome[] = [];
    let lastError: unknown;
    for (const q of requests) {
      const counters = emptyBatchStats();
      try {
        out.push((await collection.executeBatch([q], { alive, stats: counters }))[0]);
        addCounters((stats.executor ??= {}), counters);
      } catch (err) {
        if (stopped()) throw err;
        lastError = err;
        out.push({ error: new HqdbError('INTERNAL', `the executor failed on this query: ${(err as Error).message}`) });
      }
    }
    if (lastError !== undefined && out.every((o) => 'error' in o && o.error.code === 'INTERNAL')) throw lastError;
    return out;
  }

  private end(row: WorkloadJobRow, status: 'done' | 'failed', error: string | null): void {
    if (!this.store.finish(row.id, status, error, now())) return;
    const after = this.store.get(row.id);
    this.deps.log.info({ workload: row.id, status, error: error ?? undefined, done: after?.done, total: row.total }, 'workload ended');
    this.emit({ id: row.id, collectionId: row.collection_id, status, done: after?.done ?? row.done, total: row.total });
  }

  // ---- helpers ----------------------------------------------------------------

  private find(collection: Collection, id: string): WorkloadJobRow {
    const row = typeof id === 'string' ? this.store.get(id) : undefined;
    if (!row || row.collection_id !== collection.id || row.status === 'receiving') {
      fail('WORKLOAD_NOT_FOUND', `workload ${JSON.stringify(id)} not found in collection "${collection.name}"`);
    }
    return row;
  }

  private view(row: WorkloadJobRow, collection: string): WorkloadView {
    const seconds = row.running_ms / 1000;
    const view: WorkloadView = {
      id: row.id,
      collection,
      status: row.status as WorkloadStatus,
      progress: { done: row.done, total: row.total },
      failed_lines: row.failed,
      queries_per_second: seconds > 0 ? Math.round((row.done / seconds) * 10) / 10 : 0,
      running_seconds: Math.round(seconds * 1000) / 1000,
      options: JSON.parse(row.options) as WorkloadOptions,
      stats: JSON.parse(row.stats) as WorkloadStats,
      created_at: row.created_at,
      started_at: row.started_at,
      finished_at: row.finished_at,
    };
    if (row.error !== null) view.error = row.error;
    return view;
  }

  /** Resolves at the job's next event (a chunk written, its end), when the manager closes, or when `signal` aborts. */
  private nextEvent(id: string, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        off();
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const off = this.watch((e) => {
        if (e.id === id || e.id === '') done();
      });
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  /** Tells watchers; `undefined` (at close) wakes every waiter. */
  private emit(e: WorkloadEvent | undefined): void {
    const event = e ?? { id: '', collectionId: -1, status: 'cancelled', done: 0, total: 0 };
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (err) {
        this.deps.log.warn({ err }, 'workload watcher failed');
      }
    }
  }

  private checkOpen(): void {
    if (this.closed) fail('SHUTTING_DOWN', 'the server is shutting down');
  }
}

/** Adds the executor's counters of a chunk into the job's (snake_case at the top, as every API field is). */
function addCounters(into: Record<string, unknown>, counters: BatchStats): void {
  for (const [key, value] of Object.entries(counters)) {
    const name = key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    if (typeof value === 'number') {
      into[name] = ((into[name] as number | undefined) ?? 0) + value;
    } else if (value !== null && typeof value === 'object') {
      const sub = (into[name] ??= {}) as Record<string, number>;
      for (const [k, n] of Object.entries(value as Record<string, number>)) sub[k] = (sub[k] ?? 0) + n;
    }
  }
}

function percent(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}

function resultPoint(p: ScoredPoint): WorkloadResultPoint {
  const out: WorkloadResultPoint = { id: p.id, score: p.score };
  if (p.payload !== undefined) out.payload = p.payload;
  if (p.vector !== undefined) out.vector = p.vector;
  return out;
}

/** One NDJSON line: parsed (losslessly, depth-bounded), then checked as a query. */
function readLine(line: number, text: string): WorkloadQueryRow {
  let parsed: unknown;
  try {
    parsed = parseJsonBody(text, `line ${line}`);
  } catch (err) {
    const e = err as HqdbError;
    return { line, client_id: null, body: null, vector: null, filter: null, error: errorText(e.code ?? 'MALFORMED_JSON', e.message) };
  }
  return readQuery(line, parsed, text);
}

/** Splits a query line into its client id and body, refusing what cannot be a query; the executor checks the rest when it runs. */
function readQuery(line: number, raw: unknown, text?: string): WorkloadQueryRow {
  const rejected = (code: ErrorCode, message: string, clientId: string | null = null): WorkloadQueryRow =>
    ({ line, client_id: clientId, body: null, vector: null, filter: null, error: errorText(code, `line ${line}: ${message}`) });
  const item = raw instanceof RejectedQuery ? { id: raw.id } : raw;
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return rejected('BAD_REQUEST', 'a query must be a JSON object');
  const { id, ...query } = item as Record<string, unknown>;
  let clientId: string | null = null;
  if (id !== undefined && id !== null) {
    const valid = typeof id === 'string' || (typeof id === 'number' && Number.isSafeInteger(id) && id >= 0) || (typeof id === 'bigint' && id >= 0n);
    if (!valid) return rejected('BAD_REQUEST', `"id" must be a string or a non-negative integer, got ${stringifyJson(id)}`);
    clientId = stringifyJson(id);
  }
  if (raw instanceof RejectedQuery) return rejected(raw.error.code, raw.error.message, clientId);
  // Anything else is refused, as REST refuses it.
  const unknown = Object.keys(query).find((k) => !QUERY_REQUEST_FIELDS.has(k));
  if (unknown !== undefined) return rejected('SCHEMA_VIOLATION', `unknown field "${unknown}"`, clientId);
  let filter: string | null = null;
  if (query.filter !== undefined && query.filter !== null) {
    // Checked now, so a layout learnt from the workload never meets a filter it cannot read.
    try {
      parseFilter(query.filter, 'filter');
    } catch (err) {
      if (!(err instanceof HqdbError)) throw err;
      return rejected(err.code, err.message, clientId);
    }
    filter = canonicalJson(query.filter);
  }
  // A plain vector is kept as float32 bytes, which the runner reads without parsing decimals
  // again (that parse was the main thread's largest cost in a job); values float32 cannot hold
  // stay as sent, for the executor to reject in its own words.
  const vector = float32Bytes(query.query);
  if (vector) {
    const { query: _vector, ...rest } = query;
    return { line, client_id: clientId, body: stringifyJson(rest), vector, filter, error: null };
  }
  // A line's own text is already the query's JSON (writing it out again cost as much as parsing it).
  return { line, client_id: clientId, body: text ?? stringifyJson(query), vector: null, filter, error: null };
}

/** A plain array of numbers, each a finite float32, as little-endian float32 bytes; else null. */
function float32Bytes(raw: unknown): Uint8Array | null {
  if (!Array.isArray(raw) || raw.length === 0) return null;
  const v = new Float32Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const x: unknown = raw[i];
    if (typeof x !== 'number') return null;
    v[i] = x;
    if (!Number.isFinite(v[i])) return null;
  }
  return Buffer.from(v.buffer);
}
