// The hqdb.v1.Workloads service: receive a workload as a client stream, report
// and cancel jobs, stream a job's result lines and its progress. The handlers
// call the engine functions REST calls (server/routes/workloads.ts) and
// translate; queries are converted as Points.QueryBatch converts them, except
// that a query the conversion refuses fails only its own line.

import type { Config } from '../../core/config.js';
import { fail, HqdbError } from '../../core/errors.js';
import { parseJsonLossless } from '../../core/json.js';
import type { Logger } from '../../core/logger.js';
import type { Engine } from '../../engine/engine.js';
import {
  RejectedQuery, type WorkloadOptions as EngineOptions, type WorkloadOptionsRequest, type WorkloadResultLine, type WorkloadResultPoint,
  type WorkloadStatus as EngineStatus, type WorkloadView,
} from '../../engine/workloads.js';
import type { WithPayloadSelector } from '../../proto/gen/hqdb/v1/WithPayloadSelector.js';
import type { WorkloadInfo } from '../../proto/gen/hqdb/v1/WorkloadInfo.js';
import type { WorkloadOptions, WorkloadOptions__Output } from '../../proto/gen/hqdb/v1/WorkloadOptions.js';
import type { WorkloadPoint } from '../../proto/gen/hqdb/v1/WorkloadPoint.js';
import type { WorkloadQuery__Output } from '../../proto/gen/hqdb/v1/WorkloadQuery.js';
import type { WorkloadQueryId, WorkloadQueryId__Output } from '../../proto/gen/hqdb/v1/WorkloadQueryId.js';
import type { WorkloadResult } from '../../proto/gen/hqdb/v1/WorkloadResult.js';
import type { WorkloadsHandlers } from '../../proto/gen/hqdb/v1/Workloads.js';
import type { WorkloadStatus } from '../../proto/gen/hqdb/v1/WorkloadStatus.js';
import { batchQueryIn, idOut, jsonToStruct, withPayloadIn } from './convert.js';
import { clientStream, serverStream, unary } from './unary.js';

/** How often Watch reports a job that is queued or running. */
const WATCH_INTERVAL_MS = 250;

const STATUS_OUT: Record<EngineStatus, WorkloadStatus> = {
  queued: 'WORKLOAD_QUEUED', running: 'WORKLOAD_RUNNING', done: 'WORKLOAD_DONE', failed: 'WORKLOAD_FAILED', cancelled: 'WORKLOAD_CANCELLED',
};

const LAYOUT_IN: Record<string, 'keep' | 'optimise'> = { WORKLOAD_LAYOUT_KEEP: 'keep', WORKLOAD_LAYOUT_OPTIMISE: 'optimise' };

function active(status: EngineStatus): boolean {
  return status === 'queued' || status === 'running';
}

// ---- in -------------------------------------------------------------------------

/** The options as REST passes them; the engine checks their values (an unknown layout number reaches it as that number). */
function optionsIn(o: WorkloadOptions__Output | undefined): WorkloadOptionsRequest {
  const layout = o?.layout === undefined || o.layout === 'WORKLOAD_LAYOUT_UNSPECIFIED' ? undefined : (LAYOUT_IN[o.layout] ?? o.layout);
  return { layout, limit: o?.limit, with_payload: withPayloadIn(o?.with_payload) };
}

/** A client id as the engine reads ids from JSON: exact integers as bigint. */
function queryIdIn(id: WorkloadQueryId__Output | undefined): unknown {
  if (id?.kind === 'num' && id.num !== undefined) return BigInt(id.num);
  if (id?.kind === 'text') return id.text ?? '';
  return undefined;
}

/** One workload line: the query body REST would send (with the client id), or the conversion's error for that line alone. */
function lineIn(collection: string, q: WorkloadQuery__Output): unknown {
  const id = queryIdIn(q.id);
  try {
    const body = batchQueryIn(collection, q.query ?? {}, 'query');
    return id === undefined ? body : { id, ...body };
  } catch (err) {
    if (!(err instanceof HqdbError)) throw err;
    return new RejectedQuery(err, id);
  }
}

// ---- out ------------------------------------------------------------------------

function withPayloadOut(w: EngineOptions['with_payload']): WithPayloadSelector {
  if (typeof w === 'boolean') return { enable: w };
  if (Array.isArray(w)) return { include: { keys: w } };
  return 'include' in w ? { include: { keys: w.include } } : { exclude: { keys: w.exclude } };
}

function optionsOut(o: EngineOptions): WorkloadOptions {
  return { layout: o.layout === 'optimise' ? 'WORKLOAD_LAYOUT_OPTIMISE' : 'WORKLOAD_LAYOUT_KEEP', limit: o.limit, with_payload: withPayloadOut(o.with_payload) };
}

function infoOut(v: WorkloadView): WorkloadInfo {
  return {
    id: v.id,
    collection_name: v.collection,
    status: STATUS_OUT[v.status],
    progress: v.progress,
    failed_lines: v.failed_lines,
    queries_per_second: v.queries_per_second,
    running_seconds: v.running_seconds,
    options: optionsOut(v.options),
    // Through JSON, as REST sends it: undefined members vanish, numbers stay numbers.
    stats: jsonToStruct(JSON.parse(JSON.stringify(v.stats)) as Record<string, unknown>),
    ...(v.error === undefined ? {} : { error: v.error }),
    created_at: v.created_at,
    ...(v.started_at === null ? {} : { started_at: v.started_at }),
    ...(v.finished_at === null ? {} : { finished_at: v.finished_at }),
  };
}

function queryIdOut(id: unknown): WorkloadQueryId {
  return typeof id === 'string' ? { text: id } : { num: String(id) };
}

function pointOut(p: WorkloadResultPoint): WorkloadPoint {
  return {
    id: idOut(p.id),
    score: p.score,
    ...(p.payload ? { payload: jsonToStruct(p.payload) } : {}),
    ...(p.vector ? { vector: p.vector } : {}),
  };
}

/** A stored result line (exact NDJSON text, integers beyond 2^53 included) as a message. */
function resultOut(text: string): WorkloadResult {
  const line = parseJsonLossless(text) as WorkloadResultLine;
  if ('error' in line) return { id: queryIdOut(line.id), points: [], error: line.error };
  return { id: queryIdOut(line.id), points: line.points.map(pointOut) };
}

// ---- the service ----------------------------------------------------------------

/** `stopping` aborts when the listener begins to close: Results and Watch then end with SHUTTING_DOWN instead of waiting for a job. */
export function workloadsService(engine: Engine, _config: Config, log: Logger, stopping: AbortSignal): WorkloadsHandlers {
  const { workloads } = engine;
  const checkOpen = (): void => {
    if (stopping.aborted) fail('SHUTTING_DOWN', 'the server is shutting down');
  };
  return {
    Submit: clientStream(log, 'Workloads/Submit', async (messages) => {
      const stream = messages[Symbol.asyncIterator]();
      const first = await stream.next();
      if (first.done) fail('BAD_REQUEST', 'the stream ended before its first message, which names the collection');
      const collection = first.value.collection_name ?? '';
      // Pulled by submit as it stores lines, so the client is read no faster than that.
      async function* lines(): AsyncGenerator<unknown> {
        for (let n = 0, m = first; !m.done; n++, m = await stream.next()) {
          if (n > 0 && m.value.collection_name && m.value.collection_name !== collection) fail('BAD_REQUEST', `message ${n}: collection_name must be empty or "${collection}"`);
          if (n > 0 && m.value.options) fail('BAD_REQUEST', `message ${n}: options belong on the first message only`);
          for (const q of m.value.queries ?? []) yield lineIn(collection, q);
        }
      }
      const { id } = await workloads.submit(collection, optionsIn(first.value.options), lines());
      return { id, status: STATUS_OUT.queued };
    }),

    Get: unary(log, 'Workloads/Get', (r) => infoOut(workloads.get(r.collection_name ?? '', r.id ?? ''))),

    List: unary(log, 'Workloads/List', (r) => ({ workloads: workloads.list(r.collection_name ?? '').map(infoOut) })),

    Cancel: unary(log, 'Workloads/Cancel', (r) => {
      const { id, status } = workloads.delete(r.collection_name ?? '', r.id ?? '');
      return { id, cancelled: status === 'cancelled' };
    }),

    Results: serverStream(log, 'Workloads/Results', async (r, write, alive, ended) => {
      // Stops at once (also while waiting for a followed job) when the client cancels or the server closes.
      const signal = AbortSignal.any([ended, stopping]);
      const pages = workloads.resultLines(r.collection_name ?? '', r.id ?? '', { offset: r.offset, limit: r.limit, follow: r.follow === true, signal });
      for await (const page of pages) {
        for (const text of page) await write(resultOut(text));
      }
      // Lines cut short by the client or by closing must not end the stream as if complete.
      alive();
      checkOpen();
    }),

    Watch: serverStream(log, 'Workloads/Watch', async (r, write, alive, ended) => {
      const collection = r.collection_name ?? '';
      const id = r.id ?? '';
      let wake = (): void => {};
      // The end is reported at once; progress at most every WATCH_INTERVAL_MS. An empty id is the engine closing.
      const off = workloads.watch((e) => {
        if ((e.id === id && !active(e.status)) || e.id === '') wake();
      });
      const stop = AbortSignal.any([ended, stopping]);
      const tick = (): Promise<void> => new Promise((resolve) => {
        const done = (): void => {
          clearTimeout(timer);
          stop.removeEventListener('abort', done);
          resolve();
        };
        const timer = setTimeout(done, WATCH_INTERVAL_MS);
        wake = done;
        stop.addEventListener('abort', done, { once: true });
      });
      try {
        for (;;) {
          alive();
          checkOpen();
          const view = workloads.get(collection, id);
          const over = !active(view.status);
          await write({ workload: infoOut(view), ended: over });
          if (over) return;
          await tick();
        }
      } finally {
        off();
      }
    }),
  };
}
