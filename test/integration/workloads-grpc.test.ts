// Workload jobs through the gRPC hqdb.v1.Workloads service: a workload sent as
// a client stream (options in the first message, queries spread over several,
// client ids) answers, line by line, what REST answers for the same job and
// what /points/query answers one query at a time (exact mode: identical);
// lines the conversion or the executor refuses fail alone; Results follows a
// running job; Cancel, Watch, stable error codes; and clients that cancel a
// stream leave the server working and nothing behind.

import { credentials, loadPackageDefinition, status, type ChannelCredentials, type Client, type ServiceError } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { protoPath as healthProtoPath } from 'grpc-health-check';
import { QdrantClient } from '@qdrant/js-client-rest';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { WorkloadResultLine } from '../../engine/workloads.js';
import type { Filter } from '../../proto/gen/hqdb/v1/Filter.js';
import type { SubmitWorkloadRequest } from '../../proto/gen/hqdb/v1/SubmitWorkloadRequest.js';
import type { SubmitWorkloadResponse__Output } from '../../proto/gen/hqdb/v1/SubmitWorkloadResponse.js';
import type { WorkloadProgress__Output } from '../../proto/gen/hqdb/v1/WorkloadProgress.js';
import type { WorkloadQuery } from '../../proto/gen/hqdb/v1/WorkloadQuery.js';
import type { WorkloadResult__Output } from '../../proto/gen/hqdb/v1/WorkloadResult.js';
import type { WorkloadResultsRequest } from '../../proto/gen/hqdb/v1/WorkloadResultsRequest.js';
import { structToJson } from '../../server/grpc/convert.js';
import type { Storage } from '../../storage/storage.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { randomVectors } from '../helpers/vectors.js';
import { connect, failure, type GrpcClients } from './grpc-client.js';

const N = 1_500;
const DIM = 8;
const GENRES = ['jazz', 'rock', 'pop', 'folk'];
const VECTORS = randomVectors(N, DIM, 11);
const NDJSON = 'application/x-ndjson';

/** A query in both shapes: REST (for /points/query and the REST job) and proto. */
interface Pair {
  rest: { id?: string | number; query: number[]; filter?: Record<string, unknown>; limit?: number; with_payload?: boolean | string[]; params: { exact: true } };
  grpc: WorkloadQuery;
}

const FILTERS: { rest: Record<string, unknown>; grpc: Filter }[] = [
  { rest: { must: [{ key: 'genre', match: { value: 'jazz' } }] }, grpc: { must: [{ field: { key: 'genre', match: { keyword: 'jazz' } } }] } },
  {
    rest: { must: [{ key: 'genre', match: { any: ['rock', 'pop'] } }, { key: 'year', range: { gte: 1960, lt: 1990 } }] },
    grpc: { must: [{ field: { key: 'genre', match: { any_keywords: { values: ['rock', 'pop'] } } } }, { field: { key: 'year', range: { gte: 1960, lt: 1990 } } }] },
  },
  { rest: { must_not: [{ key: 'genre', match: { value: 'folk' } }] }, grpc: { must_not: [{ field: { key: 'genre', match: { keyword: 'folk' } } }] } },
];

/** `n` exact queries with filters (or none), client ids (strings, integers, or none), limits and payload selectors. */
function workload(n: number, seed: number): Pair[] {
  return randomVectors(n, DIM, seed).map((query, i) => {
    const rest: Pair['rest'] = { query, params: { exact: true } };
    const grpc: WorkloadQuery = { query: { query: { nearest: { data: query } }, params: { exact: true } } };
    const filter = FILTERS[i % 4];
    if (filter) {
      rest.filter = filter.rest;
      grpc.query!.filter = filter.grpc;
    }
    if (i % 3 === 1) {
      rest.id = `q-${i}`;
      grpc.id = { text: `q-${i}` };
    } else if (i % 3 === 2) {
      rest.id = 10_000 + i;
      grpc.id = { num: String(10_000 + i) };
    }
    if (i % 4 === 0) {
      rest.limit = 1 + (i % 11);
      grpc.query!.limit = rest.limit;
    }
    if (i % 5 === 0) {
      rest.with_payload = i % 10 === 0 ? ['genre'] : false;
      grpc.query!.with_payload = i % 10 === 0 ? { include: { keys: ['genre'] } } : { enable: false };
    }
    return { rest, grpc };
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

async function setup(overrides: Parameters<typeof startTestServer>[0] = {}): Promise<{ server: TestServer; grpc: GrpcClients }> {
  const server = await startTestServer(overrides);
  await seed(server.url);
  const grpc = connect(server.grpcPort);
  onTestFinished(() => grpc.close());
  return { server, grpc };
}

/** Sends the messages as one Submit stream and resolves with the answer. */
function submit(grpc: GrpcClients, messages: SubmitWorkloadRequest[]): Promise<{ id: string; status: SubmitWorkloadResponse__Output['status'] }> {
  return new Promise((resolve, reject) => {
    const call = grpc.raw.workloads.Submit((err: ServiceError | null, res?: SubmitWorkloadResponse__Output) =>
      (err ? reject(err) : res?.id ? resolve({ id: res.id, status: res.status }) : reject(new Error(`Submit answered no id: ${JSON.stringify(res)}`))));
    for (const m of messages) call.write(m);
    call.end();
  });
}

/** Every message of a Results stream. */
function results(grpc: GrpcClients, request: WorkloadResultsRequest): Promise<WorkloadResult__Output[]> {
  return new Promise((resolve, reject) => {
    const out: WorkloadResult__Output[] = [];
    const call = grpc.raw.workloads.Results(request);
    call.on('data', (m: WorkloadResult__Output) => out.push(m));
    call.on('error', reject);
    call.on('end', () => resolve(out));
  });
}

/** Every message of a Watch stream: it ends when the job has ended. */
function watch(grpc: GrpcClients, collection: string, id: string): Promise<WorkloadProgress__Output[]> {
  return new Promise((resolve, reject) => {
    const out: WorkloadProgress__Output[] = [];
    const call = grpc.raw.workloads.Watch({ collection_name: collection, id });
    call.on('data', (m: WorkloadProgress__Output) => out.push(m));
    call.on('error', reject);
    call.on('end', () => resolve(out));
  });
}

/** A result message as the REST result line it stands for. */
function asLine(m: WorkloadResult__Output): WorkloadResultLine {
  const id = m.id?.kind === 'text' ? m.id.text : Number(m.id?.num);
  if (m.error) return { id, error: { code: m.error.code, message: m.error.message } } as WorkloadResultLine;
  return {
    id,
    points: (m.points ?? []).map((p) => ({ id: p.id?.kind === 'uuid' ? p.id.uuid! : Number(p.id?.num), score: p.score!, ...(p.payload ? { payload: structToJson(p.payload) } : {}) })),
  };
}

/** The job's results through REST's NDJSON stream. */
async function restLines(url: string, id: string, name = 'songs'): Promise<WorkloadResultLine[]> {
  const res = await fetch(`${url}/collections/${name}/workloads/${id}/results`, { headers: { accept: NDJSON } });
  expect(res.status).toBe(200);
  const text = await res.text();
  return text.length === 0 ? [] : text.replace(/\n$/, '').split('\n').map((l) => JSON.parse(l) as WorkloadResultLine);
}

/** Each query run on its own through /points/query, with the job's defaults applied. */
async function oneAtATime(url: string, pairs: readonly Pair[], defaults: { limit: number; with_payload: boolean }): Promise<WorkloadResultLine[]> {
  const client = new QdrantClient({ url, checkCompatibility: false });
  const out: WorkloadResultLine[] = [];
  for (const [line, { rest: { id, ...q } }] of pairs.entries()) {
    const { points } = await client.query('songs', { ...q, limit: q.limit ?? defaults.limit, with_payload: q.with_payload ?? defaults.with_payload });
    out.push({ id: id ?? line, points: points.map((p) => (p.payload == null ? { id: p.id, score: p.score } : { id: p.id, score: p.score, payload: p.payload })) } as WorkloadResultLine);
  }
  return out;
}

/** A server whose runner holds (at a chunk boundary) once `done` reaches `after` lines; resolves when it holds. */
function holdAt(server: TestServer, after: number): Promise<void> {
  return new Promise((resolve) => {
    const off = server.engine.workloads.watch((e) => {
      if (e.done >= after) {
        off();
        void server.engine.workloads.pause().then(resolve);
      }
    });
  });
}

function hqdbCode(err: ServiceError): unknown {
  return err.metadata?.get('hqdb-code')[0];
}

describe('gRPC Workloads: submit and results', () => {
  it('a client-streamed workload answers as the same job over REST and as the queries one at a time (exact: identical)', async () => {
    const { server, grpc } = await setup({ workloads: { chunk_size: 32 } });
    const pairs = workload(150, 5);
    const queries = pairs.map((p) => p.grpc);
    // Options and the first queries in the first message; the rest spread unevenly, one message empty.
    const submitted = await submit(grpc, [
      { collection_name: 'songs', options: { limit: 7, with_payload: { enable: true } }, queries: queries.slice(0, 10) },
      { queries: queries.slice(10, 11) },
      {},
      { collection_name: 'songs', queries: queries.slice(11, 80) },
      { queries: queries.slice(80) },
    ]);
    expect(submitted.status).toBe('WORKLOAD_QUEUED');
    const { id } = submitted;

    const progress = await watch(grpc, 'songs', id);
    expect(progress.at(-1)).toMatchObject({ ended: true, workload: { id, status: 'WORKLOAD_DONE', progress: { done: 150, total: 150 } } });
    expect(progress.slice(0, -1).every((m) => !m.ended)).toBe(true);

    const info = await grpc.workloads.Get({ collection_name: 'songs', id });
    expect(info).toMatchObject({
      id, collection_name: 'songs', status: 'WORKLOAD_DONE', progress: { done: 150, total: 150 },
      options: { layout: 'WORKLOAD_LAYOUT_KEEP', limit: 7, with_payload: { enable: true } },
    });
    expect(info.failed_lines ?? 0).toBe(0);
    expect(info.finished_at).toEqual(expect.any(String));
    expect(structToJson(info.stats)).toMatchObject({ queries: 150, failed_lines: 0, chunks: 5, distinct_filters: 4 });

    const streamed = (await results(grpc, { collection_name: 'songs', id })).map(asLine);
    expect(streamed.map((l) => l.id)).toEqual(pairs.map((p, i) => p.rest.id ?? i));
    expect(streamed).toEqual(await restLines(server.url, id));
    expect(streamed).toEqual(await oneAtATime(server.url, pairs, { limit: 7, with_payload: true }));
    expect((await results(grpc, { collection_name: 'songs', id, offset: 140 })).map(asLine)).toEqual(streamed.slice(140));
    expect((await results(grpc, { collection_name: 'songs', id, offset: 20, limit: 5 })).map(asLine)).toEqual(streamed.slice(20, 25));

    // The same workload submitted over REST gives the same lines; List shows both jobs, oldest first.
    const rest = await fetch(`${server.url}/collections/songs/workloads`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ queries: pairs.map((p) => p.rest), limit: 7, with_payload: true }),
    });
    const restId = ((await rest.json()) as { result: { id: string } }).result.id;
    await watch(grpc, 'songs', restId);
    expect(await restLines(server.url, restId)).toEqual(streamed);
    const list = await grpc.workloads.List({ collection_name: 'songs' });
    expect((list.workloads ?? []).map((w) => [w.id, w.status])).toEqual([[id, 'WORKLOAD_DONE'], [restId, 'WORKLOAD_DONE']]);
  });

  it('reports each bad query on its own line (refused by the conversion or by the executor) while the others succeed', async () => {
    const { server, grpc } = await setup({ workloads: { max_failed_share: 0.9 } });
    const good = workload(4, 9).map((p) => p.grpc);
    const lines: WorkloadQuery[] = [
      good[0],
      { id: { text: 'no-target' }, query: { limit: 3 } },
      { query: { query: { nearest: { data: [1, 2, 3] } } } },
      { id: { num: '7' }, query: { query: { nearest: { data: VECTORS[0] } }, filter: { must: [{}] } } },
      { query: { collection_name: 'other', query: { nearest: { data: VECTORS[0] } } } },
      good[1],
      { query: { query: { point: {} } } },
      { id: { text: 'unset' } },
      { query: { query: { point: { num: '999999' } } } },
      good[2],
    ];
    const { id } = await submit(grpc, [{ collection_name: 'songs', options: { limit: 4 }, queries: lines.slice(0, 3) }, { queries: lines.slice(3) }]);
    const progress = await watch(grpc, 'songs', id);
    expect(progress.at(-1)?.workload).toMatchObject({ status: 'WORKLOAD_DONE', progress: { done: 10, total: 10 }, failed_lines: 7 });
    const streamed = await results(grpc, { collection_name: 'songs', id });
    // workload() gives line 0 no id, line 1 a text id, line 2 an integer id.
    expect(streamed.map((m) => asLine(m).id)).toEqual([0, 'no-target', 2, 7, 4, 'q-1', 6, 'unset', 8, 10_002]);
    const expectError = (line: number, code: string, text: RegExp): void => {
      const e = streamed[line].error;
      expect(e?.code, JSON.stringify(streamed[line])).toBe(code);
      expect(e?.message).toMatch(new RegExp(`^line ${line}: `));
      expect(e?.message).toMatch(text);
      expect(streamed[line].points ?? []).toEqual([]);
    };
    expectError(1, 'BAD_REQUEST', /query\.query: set nearest or point/);
    expectError(2, 'WRONG_DIMENSION', /dimension/);
    expectError(3, 'INVALID_FILTER', /filter\.must\[0\]/);
    expectError(4, 'BAD_REQUEST', /collection_name: must be empty or "songs"/);
    expectError(6, 'INVALID_POINT_ID', /query\.query\.point/);
    expectError(7, 'BAD_REQUEST', /set nearest or point/);
    expectError(8, 'POINT_NOT_FOUND', /999999/);
    for (const line of [0, 5, 9]) expect(streamed[line].points?.length).toBeGreaterThan(0);
    expect(streamed.map(asLine)).toEqual(await restLines(server.url, id));
  });

  it('Results with follow streams a running job as it is answered, to its end', async () => {
    const { server, grpc } = await setup({ workloads: { chunk_size: 20 } });
    const held = holdAt(server, 40);
    const pairs = workload(200, 21);
    const { id } = await submit(grpc, [{ collection_name: 'songs', options: { limit: 3 }, queries: pairs.map((p) => p.grpc) }]);
    await held;
    const answered = (await grpc.workloads.Get({ collection_name: 'songs', id })).progress?.done ?? 0;
    expect(answered).toBeGreaterThanOrEqual(40);
    expect(answered).toBeLessThan(200);
    const seen: WorkloadResult__Output[] = [];
    const call = grpc.raw.workloads.Results({ collection_name: 'songs', id, follow: true });
    const ended = new Promise<void>((resolve, reject) => {
      call.on('data', (m: WorkloadResult__Output) => seen.push(m));
      call.on('error', reject);
      call.on('end', resolve);
    });
    // The lines answered so far arrive while the job is held; the stream stays open for the rest.
    const deadline = Date.now() + 10_000;
    while (seen.length < answered && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 50));
    expect(seen).toHaveLength(answered);
    server.engine.workloads.resume();
    await ended;
    expect(seen.map(asLine)).toEqual(await restLines(server.url, id));
    expect(seen).toHaveLength(200);
  });
});

describe('gRPC Workloads: cancel, errors, cancelled streams', () => {
  it('Cancel stops a running job (results gone, listed as cancelled); a second Cancel removes it', async () => {
    const { server, grpc } = await setup({ workloads: { chunk_size: 10 } });
    const held = holdAt(server, 20);
    const { id } = await submit(grpc, [{ collection_name: 'songs', queries: workload(200, 8).map((p) => p.grpc) }]);
    await held;
    const before = await grpc.workloads.Get({ collection_name: 'songs', id });
    expect(before.status).toBe('WORKLOAD_RUNNING');
    expect(before.progress?.done).toBeGreaterThan(0);

    expect(await grpc.workloads.Cancel({ collection_name: 'songs', id })).toEqual({ id, cancelled: true });
    server.engine.workloads.resume();
    const progress = await watch(grpc, 'songs', id);
    expect(progress).toHaveLength(1);
    expect(progress[0]).toMatchObject({ ended: true, workload: { status: 'WORKLOAD_CANCELLED' } });
    expect(await results(grpc, { collection_name: 'songs', id })).toEqual([]);

    // The job had ended: it is removed, not cancelled.
    expect(await grpc.workloads.Cancel({ collection_name: 'songs', id })).toEqual({ id, cancelled: false });
    const gone = await failure(grpc.workloads.Get({ collection_name: 'songs', id }));
    expect(gone).toMatchObject({ code: status.NOT_FOUND, hqdbCode: 'WORKLOAD_NOT_FOUND' });
  });

  it('unknown collections and jobs are NOT_FOUND, bad options and misuse of the stream INVALID_ARGUMENT, and refused streams leave nothing', async () => {
    const { server, grpc } = await setup();
    const q = workload(1, 1)[0].grpc;
    const refused = async (messages: SubmitWorkloadRequest[]): Promise<[number, unknown]> => {
      const err = await submit(grpc, messages).then(() => undefined, (e: unknown) => e as ServiceError);
      if (!err) throw new Error(`Submit of ${JSON.stringify(messages)} succeeded`);
      return [err.code, hqdbCode(err)];
    };
    const NOT_FOUND = status.NOT_FOUND;
    const INVALID = status.INVALID_ARGUMENT;
    expect(await refused([{ collection_name: 'nope', queries: [q] }])).toEqual([NOT_FOUND, 'COLLECTION_NOT_FOUND']);
    expect(await refused([])).toEqual([INVALID, 'BAD_REQUEST']);
    expect(await refused([{ collection_name: 'songs' }, {}])).toEqual([INVALID, 'EMPTY_BATCH']);
    expect(await refused([{ collection_name: 'songs', options: { limit: 0 }, queries: [q] }])).toEqual([INVALID, 'INVALID_LIMIT']);
    expect(await refused([{ collection_name: 'songs', options: { layout: 7 as never }, queries: [q] }])).toEqual([INVALID, 'BAD_REQUEST']);
    expect(await refused([{ collection_name: 'songs', queries: [q] }, { options: { limit: 3 }, queries: [q] }])).toEqual([INVALID, 'BAD_REQUEST']);
    expect(await refused([{ collection_name: 'songs', queries: [q] }, { collection_name: 'other', queries: [q] }])).toEqual([INVALID, 'BAD_REQUEST']);

    const job = { collection_name: 'songs', id: 'no-such-job' };
    const unknown = { code: NOT_FOUND, hqdbCode: 'WORKLOAD_NOT_FOUND' };
    expect(await failure(grpc.workloads.Get(job))).toMatchObject(unknown);
    expect(await failure(grpc.workloads.Cancel(job))).toMatchObject(unknown);
    expect(await failure(results(grpc, job))).toMatchObject(unknown);
    expect(await failure(watch(grpc, 'songs', 'no-such-job'))).toMatchObject(unknown);
    expect(await failure(grpc.workloads.List({ collection_name: 'nope' }))).toMatchObject({ code: NOT_FOUND, hqdbCode: 'COLLECTION_NOT_FOUND' });
    expect(await failure(grpc.workloads.Get({ collection_name: 'nope', id: 'x' }))).toMatchObject({ code: NOT_FOUND, hqdbCode: 'COLLECTION_NOT_FOUND' });

    const { id } = await submit(grpc, [{ collection_name: 'songs', queries: [q] }]);
    await watch(grpc, 'songs', id);
    expect(await failure(results(grpc, { collection_name: 'songs', id, limit: 0 }))).toMatchObject({ code: INVALID, hqdbCode: 'INVALID_LIMIT' });
    // Only the accepted job exists, and no refused upload is left half-received.
    expect(((await grpc.workloads.List({ collection_name: 'songs' })).workloads ?? []).map((w) => w.id)).toEqual([id]);
    expect(receiving(server)).toEqual([]);
  });

  it('a client cancelling Submit, Results or a followed Results leaves the server serving and nothing half-received', async () => {
    const { server, grpc } = await setup({ workloads: { chunk_size: 50 } });
    const pairs = workload(1_000, 3);
    const { id } = await submit(grpc, [{ collection_name: 'songs', options: { limit: 2 }, queries: pairs.map((p) => p.grpc) }]);
    await watch(grpc, 'songs', id);

    // Results cancelled after a few lines, while the server has more to send.
    const partial = await new Promise<{ got: number; err: ServiceError }>((resolve) => {
      let got = 0;
      const call = grpc.raw.workloads.Results({ collection_name: 'songs', id });
      call.on('data', () => {
        if (++got === 5) call.cancel();
      });
      call.on('error', (err: ServiceError) => resolve({ got, err }));
    });
    expect(partial.err.code).toBe(status.CANCELLED);

    // A followed Results of a held job, cancelled while it waits for lines.
    const held = holdAt(server, 50);
    const { id: second } = await submit(grpc, [{ collection_name: 'songs', queries: pairs.slice(0, 300).map((p) => p.grpc) }]);
    await held;
    const answered = (await grpc.workloads.Get({ collection_name: 'songs', id: second })).progress?.done ?? 0;
    const followed = await new Promise<ServiceError>((resolve) => {
      let got = 0;
      const call = grpc.raw.workloads.Results({ collection_name: 'songs', id: second, follow: true });
      // Every answered line received: the server now waits for the held job.
      call.on('data', () => {
        if (++got === answered) setTimeout(() => call.cancel(), 50);
      });
      call.on('error', resolve);
    });
    expect(followed.code).toBe(status.CANCELLED);
    server.engine.workloads.resume();

    // Submit cancelled in the middle of its stream: the upload is dropped.
    const call = grpc.raw.workloads.Submit(() => undefined);
    call.on('error', () => undefined);
    call.write({ collection_name: 'songs', queries: pairs.slice(0, 100).map((p) => p.grpc) });
    let deadline = Date.now() + 10_000;
    while (receiving(server).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(receiving(server)).toHaveLength(1);
    call.cancel();
    deadline = Date.now() + 10_000;
    while (receiving(server).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(receiving(server)).toEqual([]);

    // The server goes on: the held job finishes, and its results and the first job's stream whole.
    const progress = await watch(grpc, 'songs', second);
    expect(progress.at(-1)?.workload?.status).toBe('WORKLOAD_DONE');
    expect((await results(grpc, { collection_name: 'songs', id: second })).map(asLine)).toEqual(await restLines(server.url, second));
    expect(await results(grpc, { collection_name: 'songs', id })).toHaveLength(1_000);
    expect(((await grpc.workloads.List({ collection_name: 'songs' })).workloads ?? []).map((w) => w.id)).toEqual([id, second]);
  });

  it('closing the server ends a followed Results and a Watch of a held job with UNAVAILABLE (SHUTTING_DOWN), not after the grace period', async () => {
    const { server, grpc } = await setup({ workloads: { chunk_size: 20 } });
    const held = holdAt(server, 20);
    const { id } = await submit(grpc, [{ collection_name: 'songs', queries: workload(200, 4).map((p) => p.grpc) }]);
    await held;
    const followed = results(grpc, { collection_name: 'songs', id, follow: true }).then(() => undefined, (e: unknown) => e as ServiceError);
    const watched = watch(grpc, 'songs', id).then(() => undefined, (e: unknown) => e as ServiceError);
    // Both streams are open and waiting for the held job.
    await new Promise((r) => setTimeout(r, 300));
    await server.close();
    for (const err of [await followed, await watched]) {
      expect(err?.code).toBe(status.UNAVAILABLE);
      expect(err && hqdbCode(err)).toBe('SHUTTING_DOWN');
    }
  });

  it('is served with health like the other services', async () => {
    const { server } = await setup();
    const proto = loadPackageDefinition(loadSync(healthProtoPath, { keepCase: true, longs: String, enums: String, defaults: true })) as unknown as {
      grpc: { health: { v1: { Health: new (address: string, creds: ChannelCredentials) => Client } } };
    };
    const client = new proto.grpc.health.v1.Health(`127.0.0.1:${server.grpcPort}`, credentials.createInsecure());
    onTestFinished(() => client.close());
    const reply = await new Promise<{ status: string }>((resolve, reject) =>
      (client as unknown as { Check: (r: { service: string }, cb: (e: Error | null, r: { status: string }) => void) => void })
        .Check({ service: 'hqdb.v1.Workloads' }, (e, r) => (e ? reject(e) : resolve(r))));
    expect(reply).toEqual({ status: 'SERVING' });
  });
});

/** Uploads stored but not yet queued (a refused or cancelled Submit must leave none). */
function receiving(server: TestServer): string[] {
  // Such rows are invisible to every API by design; only storage shows them.
  const storage = (server.engine as unknown as { storage: Storage }).storage;
  return storage.workloads.unfinished().filter((r) => r.status === 'receiving').map((r) => r.id);
}
