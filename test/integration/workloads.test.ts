// Workload jobs (hqdb extension, docs/architecture.md, "Workload jobs") through REST: a job's results
// equal, query by query, the same queries run one at a time through
// /points/query (exact mode: identical ids and scores); bad lines are
// reported by line number while good lines succeed; too many bad lines fail
// the job; results page and stream in input order; cancel removes results; a
// restart mid-job resumes where it was; layout=optimise and
// POST /layout {"source": {"workload": id}} learn from the job; errors keep
// their stable codes.

import { QdrantClient } from '@qdrant/js-client-rest';
import { request } from 'node:http';
import { Readable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import type { Config, DeepPartial } from '../../core/config.js';
import type { LayoutView } from '../../engine/layout/types.js';
import type { WorkloadResultLine, WorkloadResultsPage, WorkloadView } from '../../engine/workloads.js';
import { http, ok, type ErrorEnvelope } from '../helpers/http.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { randomVectors, rng } from '../helpers/vectors.js';

const N = 1_500;
const DIM = 8;
const GENRES = ['jazz', 'rock', 'pop', 'folk'];
const VECTORS = randomVectors(N, DIM, 11);
const NDJSON = 'application/x-ndjson';

interface Query {
  id?: string | number;
  query: number[];
  filter?: Record<string, unknown>;
  limit?: number;
  with_payload?: boolean | string[];
  params: { exact: true };
}

const FILTERS: (Record<string, unknown> | undefined)[] = [
  undefined,
  { must: [{ key: 'genre', match: { value: 'jazz' } }] },
  { must: [{ key: 'genre', match: { any: ['rock', 'pop'] } }, { key: 'year', range: { gte: 1960, lt: 1990 } }] },
  { must_not: [{ key: 'genre', match: { value: 'folk' } }], should: [{ key: 'year', range: { lt: 1970 } }, { key: 'year', range: { gte: 2000 } }] },
];

/** `n` exact queries mixing filters, client ids (strings and integers, or none), limits and with_payload, some repeated. */
function workload(n: number, seed: number): Query[] {
  const next = rng(seed);
  const vectors = randomVectors(n, DIM, seed);
  return vectors.map((query, i) => {
    const q: Query = { query, params: { exact: true } };
    const filter = FILTERS[i % FILTERS.length];
    if (filter) q.filter = filter;
    if (i % 3 === 1) q.id = `q-${i}`;
    if (i % 3 === 2) q.id = 10_000 + i;
    if (i % 4 === 0) q.limit = 1 + Math.floor(next() * 12);
    if (i % 5 === 0) q.with_payload = i % 10 === 0 ? ['genre'] : false;
    // Every seventh query repeats an earlier one (identical queries run once in a batch).
    return i % 7 === 6 ? { ...q, query: vectors[i - 3] } : q;
  });
}

async function seed(url: string, name = 'songs'): Promise<void> {
  const client = new QdrantClient({ url, checkCompatibility: false });
  await client.createCollection(name, { vectors: { size: DIM, distance: 'Euclid' } });
  await client.createPayloadIndex(name, { field_name: 'genre', field_schema: 'keyword', wait: true });
  await client.createPayloadIndex(name, { field_name: 'year', field_schema: 'integer', wait: true });
  await client.upsert(name, {
    wait: true,
    points: VECTORS.map((vector, id) => ({ id, vector, payload: { genre: GENRES[id % 4], year: 1950 + ((id * 7) % 70), title: `song ${id}` } })),
  });
}

function ndjson(lines: readonly unknown[]): string {
  return lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n';
}

async function submit(url: string, body: unknown, query = '', name = 'songs'): Promise<string> {
  const headers: Record<string, string> = typeof body === 'string' ? { 'content-type': NDJSON } : {};
  const res = await http(url, 'POST', `/collections/${name}/workloads${query}`, body, headers);
  expect(res.status, res.text).toBe(202);
  const { result } = res.json as { result: { id: string; status: string } };
  expect(result.status).toBe('queued');
  return result.id;
}

function job(url: string, id: string, name = 'songs'): Promise<WorkloadView> {
  return ok<WorkloadView>(url, 'GET', `/collections/${name}/workloads/${id}`);
}

async function finished(url: string, id: string, name = 'songs'): Promise<WorkloadView> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const view = await job(url, id, name);
    if (view.status !== 'queued' && view.status !== 'running') return view;
    if (Date.now() > deadline) throw new Error(`workload ${id} still ${view.status}: ${JSON.stringify(view.progress)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Every result line through JSON pages of `pageSize`. */
async function pages(url: string, id: string, pageSize = 100, name = 'songs'): Promise<WorkloadResultLine[]> {
  const lines: WorkloadResultLine[] = [];
  for (let offset = 0; ; offset += pageSize) {
    const page = await ok<WorkloadResultsPage>(url, 'GET', `/collections/${name}/workloads/${id}/results?offset=${offset}&limit=${pageSize}`);
    expect(page.offset).toBe(offset);
    lines.push(...page.lines);
    if (page.lines.length < pageSize) return lines;
  }
}

/** The results as the NDJSON stream serves them (raw lines). */
async function stream(url: string, id: string, query = '', name = 'songs'): Promise<string[]> {
  const res = await fetch(`${url}/collections/${name}/workloads/${id}/results${query}`, { headers: { accept: NDJSON } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain(NDJSON);
  const text = await res.text();
  return text.length === 0 ? [] : text.replace(/\n$/, '').split('\n');
}

/** Each query of the workload run on its own through /points/query, with the job's defaults applied as the job applies them. */
async function oneAtATime(url: string, queries: readonly Query[], defaults: { limit: number; with_payload: boolean }, name = 'songs'): Promise<WorkloadResultLine[]> {
  const client = new QdrantClient({ url, checkCompatibility: false });
  const out: WorkloadResultLine[] = [];
  for (const [line, { id, ...q }] of queries.entries()) {
    const { points } = await client.query(name, { ...q, limit: q.limit ?? defaults.limit, with_payload: q.with_payload ?? defaults.with_payload });
    out.push({ id: id ?? line, points: points.map((p) => (p.payload === undefined ? { id: p.id, score: p.score } : { id: p.id, score: p.score, payload: p.payload })) } as WorkloadResultLine);
  }
  return out;
}

function errorOf(line: WorkloadResultLine | undefined): { code: string; message: string } {
  if (!line || !('error' in line)) throw new Error(`expected an error line, got ${JSON.stringify(line)}`);
  return line.error;
}

/** A server whose runner holds (at a chunk boundary) once `done` reaches `after` lines. */
function holdAt(server: TestServer, after: number): void {
  const off = server.engine.workloads.watch((e) => {
    if (e.done >= after) {
      off();
      void server.engine.workloads.pause();
    }
  });
}

async function held(server: TestServer, id: string): Promise<WorkloadView> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const view = await job(server.url, id);
    if (view.progress.done > 0) {
      await server.engine.workloads.pause();
      return job(server.url, id);
    }
    if (Date.now() > deadline) throw new Error(`workload ${id} never progressed`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('workload jobs: results', () => {
  it('equal the same queries run one at a time (exact: identical ids and scores), with filters, client ids and default options', async () => {
    const { url } = await startTestServer({ workloads: { chunk_size: 64 } });
    await seed(url);
    const queries = workload(300, 5);
    const id = await submit(url, { queries, limit: 7, with_payload: true });
    const view = await finished(url, id);
    expect(view).toMatchObject({
      id, collection: 'songs', status: 'done', progress: { done: 300, total: 300 }, failed_lines: 0,
      options: { layout: 'keep', limit: 7, with_payload: true },
      stats: { queries: 300, failed_lines: 0, chunks: 5, distinct_filters: FILTERS.length },
    });
    expect(view.queries_per_second).toBeGreaterThan(0);
    expect(view.error).toBeUndefined();
    // The executor's counters, summed over chunks: every query went somewhere and each visit was answered by some plan.
    const executor = view.stats.executor as { to_collection: number; to_partitions: number; answered_by: Record<string, number> };
    expect(executor.to_collection + executor.to_partitions).toBeGreaterThan(0);
    expect(Object.values(executor.answered_by).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(await pages(url, id, 128)).toEqual(await oneAtATime(url, queries, { limit: 7, with_payload: true }));

    // Without options: limit 10 and no payload, as documented.
    const plain = await submit(url, { queries: queries.slice(0, 40) });
    expect((await finished(url, plain)).options).toEqual({ layout: 'keep', limit: 10, with_payload: false });
    expect(await pages(url, plain)).toEqual(await oneAtATime(url, queries.slice(0, 40), { limit: 10, with_payload: false }));
  });

  it('reports each bad NDJSON line by line number while the good lines succeed', async () => {
    const { url } = await startTestServer({ workloads: { max_failed_share: 0.7 } });
    await seed(url);
    const good = workload(8, 9);
    const lines: unknown[] = [
      good[0],
      '{"query": [1, 2, 3',
      { ...good[1], query: [1, 2, 3] },
      { ...good[2], filter: { must: [{ key: 'genre', matches: { value: 'jazz' } }] } },
      good[3],
      '',
      '[1, 2]',
      { ...good[4], id: 'mine', colour: 'blue' },
      { ...good[5], id: -3 },
      good[6],
      good[7],
      // Vectors are stored as float32 when they are plain numbers; these are kept as sent and refused when run.
      { ...good[0], id: 'big', query: (good[0].query as number[]).map((x, i) => (i === 1 ? 1e39 : x)) },
      { ...good[0], id: 'text', query: (good[0].query as number[]).map((x, i) => (i === 2 ? 'x' : x)) },
    ];
    // The blank line is skipped and not numbered: 12 lines, numbered 0..11.
    const id = await submit(url, ndjson(lines), '?limit=4');
    const view = await finished(url, id);
    expect(view).toMatchObject({ status: 'done', progress: { done: 12, total: 12 }, failed_lines: 8, stats: { queries: 4, failed_lines: 8 } });
    const results = await pages(url, id);
    expect(results.map((r) => r.id)).toEqual([good[0].id ?? 0, 1, good[1].id ?? 2, good[2].id ?? 3, good[3].id ?? 4, 5, 'mine', 7, good[6].id ?? 8, good[7].id ?? 9, 'big', 'text']);
    const expectError = (line: number, code: string): void => {
      const e = errorOf(results[line]);
      expect(e.code).toBe(code);
      expect(e.message).toMatch(new RegExp(`\\bline ${line}\\b`));
    };
    expectError(1, 'MALFORMED_JSON');
    expectError(2, 'WRONG_DIMENSION');
    expectError(3, 'INVALID_FILTER');
    expectError(5, 'BAD_REQUEST');
    expectError(6, 'SCHEMA_VIOLATION');
    expectError(7, 'BAD_REQUEST');
    expectError(10, 'INVALID_VECTOR');
    expect(errorOf(results[10]).message).toMatch(/\[1\]: 1e\+39 is not a finite float32/);
    expectError(11, 'INVALID_VECTOR');
    expect(errorOf(results[11]).message).toMatch(/\[2\]: expected a number, got/);
    const expected = await oneAtATime(url, [good[0], good[3], good[6], good[7]], { limit: 4, with_payload: false });
    expect([results[0], results[4], results[8], results[9]].map((r) => ('points' in r ? r.points : r))).toEqual(expected.map((r) => ('points' in r ? r.points : r)));
  });

  it('fails a job when more than workloads.max_failed_share of its lines fail, keeping its results', async () => {
    const { url } = await startTestServer({ workloads: { max_failed_share: 0.25 } });
    await seed(url);
    const good = workload(3, 4);
    const id = await submit(url, ndjson([good[0], 'nope', { query: [1] }, good[1], good[2]]));
    const view = await finished(url, id);
    expect(view.status).toBe('failed');
    expect(view.failed_lines).toBe(2);
    expect(view.error).toMatch(/2 of 5 lines failed \(40%\).*25%.*max_failed_share/);
    const results = await pages(url, id);
    expect(results.map((r) => 'points' in r)).toEqual([true, false, false, true, true]);
  });

  it('a query that breaks the executor itself fails only its own line (INTERNAL); the rest of its chunk is answered', async () => {
    const server = await startTestServer({ workloads: { chunk_size: 16 } });
    await seed(server.url);
    const collection = server.engine.collection('songs');
    const run = collection.executeBatch.bind(collection);
    vi.spyOn(collection, 'executeBatch').mockImplementation((requests, options) => {
      if (requests.some((r) => r.limit === 13)) return Promise.reject(new TypeError('executor bug'));
      return run(requests, options);
    });
    const queries = workload(40, 31).map((q) => ({ ...q, limit: q.limit === 13 ? 12 : q.limit }));
    queries[20] = { ...queries[20], limit: 13 };
    const id = await submit(server.url, { queries });
    const view = await finished(server.url, id);
    expect(view).toMatchObject({ status: 'done', failed_lines: 1 });
    const results = await pages(server.url, id);
    const e = errorOf(results[20]);
    expect(e.code).toBe('INTERNAL');
    expect(e.message).toMatch(/^line 20: .*executor bug/);
    vi.restoreAllMocks();
    const expected = await oneAtATime(server.url, queries, { limit: 10, with_payload: false });
    expect(results.filter((_, i) => i !== 20)).toEqual(expected.filter((_, i) => i !== 20));
  });
});

describe('workload jobs: reading results', () => {
  it('pages and the NDJSON stream give every line once, in input order', async () => {
    const { url } = await startTestServer({ workloads: { chunk_size: 50 } });
    await seed(url);
    const queries = workload(260, 21).map(({ id: _id, ...q }) => q);
    const id = await submit(url, ndjson(queries), '?limit=3');
    // Followed from the start, the stream ends with the job.
    const followed = await stream(url, id, '?wait=true');
    const paged = await pages(url, id, 37);
    expect(paged.map((r) => r.id)).toEqual(queries.map((_, i) => i));
    expect(followed.map((l) => JSON.parse(l) as WorkloadResultLine)).toEqual(paged);
    expect(await stream(url, id)).toEqual(followed);
    expect(await stream(url, id, '?offset=250')).toEqual(followed.slice(250));
    expect(await stream(url, id, '?offset=10&limit=5')).toEqual(followed.slice(10, 15));
    const tail = await ok<WorkloadResultsPage>(url, 'GET', `/collections/songs/workloads/${id}/results?offset=255&limit=100`);
    expect(tail).toMatchObject({ offset: 255, limit: 100, total: 260, done: 260, status: 'done' });
    expect(tail.lines.map((l) => l.id)).toEqual([255, 256, 257, 258, 259]);
    const list = await ok<{ workloads: WorkloadView[] }>(url, 'GET', '/collections/songs/workloads');
    expect(list.workloads.map((w) => [w.id, w.status])).toEqual([[id, 'done']]);
  });

  it('JSON pages with ?wait=true answer once the job has ended', async () => {
    const { url } = await startTestServer({ workloads: { chunk_size: 20 } });
    await seed(url);
    const id = await submit(url, { queries: workload(120, 3) });
    const page = await ok<WorkloadResultsPage>(url, 'GET', `/collections/songs/workloads/${id}/results?wait=true&limit=1000`);
    expect(page).toMatchObject({ status: 'done', done: 120, total: 120 });
    expect(page.lines).toHaveLength(120);
  });

  it('requests waiting for a job end when the server closes, so closing never waits for the job', async () => {
    const server = await startTestServer();
    await seed(server.url);
    await server.engine.workloads.pause();
    const id = await submit(server.url, { queries: workload(20, 4) });
    const followed = fetch(`${server.url}/collections/songs/workloads/${id}/results?wait=true`, { headers: { accept: NDJSON } }).then((r) => r.text());
    const waited = http(server.url, 'GET', `/collections/songs/workloads/${id}/results?wait=true`);
    await new Promise((r) => setTimeout(r, 100));
    await server.close();
    expect(await followed).toBe('');
    const res = await waited;
    expect(res.status).toBe(503);
    expect((res.json as ErrorEnvelope).status.code).toBe('SHUTTING_DOWN');
  });
});

describe('workload jobs: cancel, restart, collection deletion', () => {
  it('DELETE cancels a running job: it stops, its results are gone, and it stays listed as cancelled; a second DELETE removes it', async () => {
    const server = await startTestServer({ workloads: { chunk_size: 10 } });
    const { url } = server;
    await seed(url);
    holdAt(server, 20);
    const id = await submit(url, { queries: workload(200, 8) });
    const before = await held(server, id);
    expect(before.status).toBe('running');
    expect(before.progress.done).toBeGreaterThan(0);
    expect(before.progress.done).toBeLessThan(200);

    const cancelled = await http(url, 'DELETE', `/collections/songs/workloads/${id}`);
    expect(cancelled.status, cancelled.text).toBe(200);
    expect((cancelled.json as { result: unknown }).result).toEqual({ id, status: 'cancelled' });
    server.engine.workloads.resume();
    const after = await finished(url, id);
    expect(after.status).toBe('cancelled');
    expect(after.finished_at).not.toBeNull();
    const page = await ok<WorkloadResultsPage>(url, 'GET', `/collections/songs/workloads/${id}/results`);
    expect(page.lines).toEqual([]);
    expect(await stream(url, id)).toEqual([]);

    // The runner goes on with the next job.
    const next = await submit(url, { queries: workload(30, 2) });
    expect((await finished(url, next)).status).toBe('done');
    expect((await job(url, id)).status).toBe('cancelled');

    const removed = await http(url, 'DELETE', `/collections/songs/workloads/${id}`);
    expect((removed.json as { result: unknown }).result).toEqual({ id, status: 'deleted' });
    const gone = await http(url, 'GET', `/collections/songs/workloads/${id}`);
    expect(gone.status).toBe(404);
    expect((gone.json as ErrorEnvelope).status.code).toBe('WORKLOAD_NOT_FOUND');
  });

  it('a restart in the middle of a job resumes it where it was, with results equal to one at a time', async () => {
    const overrides: DeepPartial<Config> = { workloads: { chunk_size: 25 } };
    const first = await startTestServer(overrides);
    await seed(first.url);
    const queries = workload(400, 13);
    holdAt(first, 75);
    const id = await submit(first.url, { queries, limit: 5 });
    const before = await held(first, id);
    expect(before.status).toBe('running');
    expect(before.progress.done).toBeGreaterThan(0);
    expect(before.progress.done).toBeLessThan(400);
    expect(before.progress.done % 25).toBe(0);
    await first.close();

    const second = await startTestServer(overrides, first.dataDir);
    const view = await finished(second.url, id);
    expect(view).toMatchObject({ status: 'done', progress: { done: 400, total: 400 }, failed_lines: 0, stats: { queries: 400 } });
    expect(view.started_at).toBe(before.started_at);
    expect(await pages(second.url, id, 1000)).toEqual(await oneAtATime(second.url, queries, { limit: 5, with_payload: false }));
  });

  it('deleting a collection stops and removes its jobs', async () => {
    const server = await startTestServer({ workloads: { chunk_size: 10 } });
    const { url } = server;
    await seed(url);
    holdAt(server, 10);
    const id = await submit(url, { queries: workload(100, 1) });
    await held(server, id);
    expect((await http(url, 'DELETE', '/collections/songs')).status).toBe(200);
    server.engine.workloads.resume();
    await seed(url);
    expect(await ok(url, 'GET', '/collections/songs/workloads')).toEqual({ workloads: [] });
    const gone = await http(url, 'GET', `/collections/songs/workloads/${id}`);
    expect((gone.json as ErrorEnvelope).status.code).toBe('WORKLOAD_NOT_FOUND');
    const next = await submit(url, { queries: workload(20, 2) });
    expect((await finished(url, next)).status).toBe('done');
  });
});

describe('workload jobs and layouts', () => {
  it('layout=optimise learns a layout from the workload, then runs it with exact results', async () => {
    // (A batch visit's fixed cost scaled down to these few points, so that the layout cuts.)
    const { url } = await startTestServer({ layout: { min_partition_size: 150 }, planner: { batch_visit_us: 1, batch_filter_us: 1 } });
    await seed(url);
    const queries = workload(200, 17);
    const id = await submit(url, ndjson(queries), '?layout=optimise&with_payload=true');
    const view = await finished(url, id);
    expect(view.status).toBe('done');
    const layout = await ok<LayoutView>(url, 'GET', '/collections/songs/layout');
    expect(layout.status).toBe('ready');
    expect(layout.partitions.length).toBeGreaterThan(1);
    // The build the job started is the layout serving queries, learnt from the job's 200 queries.
    expect(view.stats.layout).toMatchObject({ mode: 'optimise', status: 'ready', build: layout.build?.id, partitions: layout.partitions.length });
    expect(layout.build?.workload).toEqual({ queries: 200, distinct_filters: FILTERS.length });
    expect(await pages(url, id, 1000)).toEqual(await oneAtATime(url, queries, { limit: 10, with_payload: true }));
  });

  it('POST /layout {"source": {"workload": id}} learns from a job; an unknown job is 404 WORKLOAD_NOT_FOUND', async () => {
    const { url } = await startTestServer({ layout: { min_partition_size: 150 } });
    await seed(url);
    const id = await submit(url, { queries: workload(100, 6) });
    await finished(url, id);
    const built = await http(url, 'POST', '/collections/songs/layout?wait=true', { source: { workload: id } });
    expect(built.status, built.text).toBe(200);
    const layout = (built.json as { result: LayoutView }).result;
    expect(layout.status).toBe('ready');
    expect(layout.build?.workload).toEqual({ queries: 100, distinct_filters: FILTERS.length });

    const unknown = await http(url, 'POST', '/collections/songs/layout', { source: { workload: 'no-such-job' } });
    expect(unknown.status).toBe(404);
    expect((unknown.json as ErrorEnvelope).status.code).toBe('WORKLOAD_NOT_FOUND');
  });
});

describe('workload jobs: errors', () => {
  it('answers bad requests with stable codes and never leaves a half-received job behind', async () => {
    const { url } = await startTestServer({ workloads: { max_body_mb: 0.01 } });
    await seed(url);
    const q = workload(1, 1)[0];
    const code = async (method: string, path: string, body?: unknown, status?: number, headers: Record<string, string> = {}): Promise<string> => {
      const res = await http(url, method, path, body, headers);
      if (status !== undefined) expect(res.status, res.text).toBe(status);
      return (res.json as ErrorEnvelope).status.code;
    };
    const W = '/collections/songs/workloads';
    expect(await code('POST', '/collections/nope/workloads', { queries: [q] }, 404)).toBe('COLLECTION_NOT_FOUND');
    expect(await code('POST', '/collections/nope/workloads', ndjson([q]), 404, { 'content-type': NDJSON })).toBe('COLLECTION_NOT_FOUND');
    expect(await code('GET', '/collections/nope/workloads', undefined, 404)).toBe('COLLECTION_NOT_FOUND');
    expect(await code('GET', `${W}/nope`, undefined, 404)).toBe('WORKLOAD_NOT_FOUND');
    expect(await code('GET', `${W}/nope/results`, undefined, 404)).toBe('WORKLOAD_NOT_FOUND');
    expect(await code('GET', `${W}/nope/results`, undefined, 404, { accept: NDJSON })).toBe('WORKLOAD_NOT_FOUND');
    expect(await code('DELETE', `${W}/nope`, undefined, 404)).toBe('WORKLOAD_NOT_FOUND');

    expect(await code('POST', W, { queries: [] }, 400)).toBe('EMPTY_BATCH');
    expect(await code('POST', W, '\n\n', 400, { 'content-type': NDJSON })).toBe('EMPTY_BATCH');
    expect(await code('POST', W, '{"queries": [', 400)).toBe('MALFORMED_JSON');
    expect(await code('POST', W, undefined, 400)).toBe('BAD_REQUEST');
    expect(await code('POST', W, { queries: [q], colour: 'blue' }, 422)).toBe('SCHEMA_VIOLATION');
    expect(await code('POST', W, { queries: {} }, 422)).toBe('SCHEMA_VIOLATION');
    expect(await code('POST', W, { queries: [q], layout: 'fast' }, 400)).toBe('BAD_REQUEST');
    expect(await code('POST', `${W}?layout=fast`, ndjson([q]), 400, { 'content-type': NDJSON })).toBe('BAD_REQUEST');
    expect(await code('POST', W, { queries: [q], limit: 0 }, 400)).toBe('INVALID_LIMIT');
    expect(await code('POST', `${W}?limit=ten`, ndjson([q]), 400, { 'content-type': NDJSON })).toBe('INVALID_LIMIT');
    expect(await code('POST', `${W}?with_payload=maybe`, ndjson([q]), 400, { 'content-type': NDJSON })).toBe('BAD_REQUEST');
    expect(await code('POST', `${W}?limit=3`, { queries: [q], limit: 4 }, 400)).toBe('BAD_REQUEST');
    expect(await code('POST', `${W}?colour=blue`, { queries: [q] }, 422)).toBe('SCHEMA_VIOLATION');
    // Larger than workloads.max_body_mb (10 kB here), though far below the JSON body limit:
    // refused from its Content-Length, or while it streams when it has none.
    const big = ndjson(workload(200, 1));
    expect(await code('POST', W, big, 413, { 'content-type': NDJSON })).toBe('PAYLOAD_TOO_LARGE');
    const streamed = await fetch(`${url}${W}`, {
      method: 'POST', headers: { 'content-type': NDJSON }, body: Readable.toWeb(Readable.from([big.slice(0, 6_000), big.slice(6_000)])) as ReadableStream, duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(((await streamed.json()) as ErrorEnvelope).status.code).toBe('PAYLOAD_TOO_LARGE');
    // A client that goes away mid-body leaves no job behind.
    await new Promise<void>((resolve, reject) => {
      const req = request(`${url}${W}`, { method: 'POST', headers: { 'content-type': NDJSON, 'transfer-encoding': 'chunked' } });
      req.on('error', () => resolve());
      req.on('close', () => resolve());
      req.write(ndjson(workload(5, 1)), (err) => (err ? reject(err) : setTimeout(() => req.destroy(), 100)));
    });

    const id = await submit(url, ndjson([q]));
    await finished(url, id);
    expect(await code('GET', `${W}/${id}/results?limit=0`, undefined, 400)).toBe('INVALID_LIMIT');
    expect(await code('GET', `${W}/${id}/results?offset=-1`, undefined, 400)).toBe('INVALID_LIMIT');
    expect(await code('GET', `${W}/${id}/results?limit=100000`, undefined, 400)).toBe('INVALID_LIMIT');
    // Only the one accepted job exists: refused bodies left nothing.
    const list = await ok<{ workloads: WorkloadView[] }>(url, 'GET', W);
    expect(list.workloads.map((w) => w.id)).toEqual([id]);
  });
});
