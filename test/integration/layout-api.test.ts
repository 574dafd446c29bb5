// The layout API (hqdb extension, docs/architecture.md, "Workload-aware layout") through its transports: REST
// `POST/GET /collections/{c}/layout` and the gRPC hqdb.v1.Layout service
// (Build, Get, the WatchBuild stream). A build from an explicit workload goes
// none → building → ready; its partitions cover every point and are the leaves
// of the tree; a second build while one runs is refused; bad requests get
// their stable codes. The layout's effect on queries is tested with the engine.

import { QdrantClient } from '@qdrant/js-client-rest';
import { status } from '@grpc/grpc-js';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { LayoutView } from '../../engine/layout/types.js';
import type { TreeNodeView } from '../../engine/layout/qd-tree.js';
import type { BuildProgress__Output } from '../../proto/gen/hqdb/v1/BuildProgress.js';
import type { QueryPointsRequest } from '../../proto/gen/hqdb/v1/QueryPointsRequest.js';
import type { TreeNode__Output } from '../../proto/gen/hqdb/v1/TreeNode.js';
import { http, ok, type ErrorEnvelope } from '../helpers/http.js';
import { startTestServer } from '../helpers/server.js';
import { BruteForce, randomVectors, recall } from '../helpers/vectors.js';
import { connect, failure, type GrpcClients } from './grpc-client.js';

const N = 4_000;
const DIM = 16;
const MIN_PARTITION = 300;
const GENRES = ['jazz', 'rock', 'pop', 'folk'];
const VECTORS = randomVectors(N, DIM, 7);

function payloadFor(i: number): { genre: string; year: number } {
  return { genre: GENRES[i % 4], year: 1950 + ((i * 7) % 70) };
}

/** A workload of four distinct filters, each asked twice (once with a query vector). */
const WORKLOAD = [
  { must: [{ key: 'genre', match: { value: 'jazz' } }] },
  { must: [{ key: 'genre', match: { value: 'rock' } }, { key: 'year', range: { gte: 1960, lt: 1970 } }] },
  { must: [{ key: 'year', range: { gte: 1990, lt: 2000 } }] },
  { must: [{ key: 'genre', match: { any: ['pop', 'folk'] } }] },
].flatMap((filter, i) => [{ filter }, { filter, query: VECTORS[i], limit: 5 }]);

/** The same workload as proto messages. */
const GRPC_WORKLOAD: QueryPointsRequest[] = [
  { must: [{ field: { key: 'genre', match: { keyword: 'jazz' } } }] },
  { must: [{ field: { key: 'genre', match: { keyword: 'rock' } } }, { field: { key: 'year', range: { gte: 1960, lt: 1970 } } }] },
  { must: [{ field: { key: 'year', range: { gte: 1990, lt: 2000 } } }] },
  { must: [{ field: { key: 'genre', match: { any_keywords: { values: ['pop', 'folk'] } } } }] },
].flatMap((filter, i) => [{ filter }, { filter, query: { nearest: { data: VECTORS[i] } }, limit: 5 }]);

/** A collection of N points with genre and year indexed, through the Qdrant client. */
async function seed(url: string, name: string, n = N): Promise<void> {
  const client = new QdrantClient({ url, checkCompatibility: false });
  await client.createCollection(name, { vectors: { size: DIM, distance: 'Euclid' } });
  await client.createPayloadIndex(name, { field_name: 'genre', field_schema: 'keyword', wait: true });
  await client.createPayloadIndex(name, { field_name: 'year', field_schema: 'integer', wait: true });
  for (let start = 0; start < n; start += 1_000) {
    const ids = Array.from({ length: Math.min(1_000, n - start) }, (_, k) => start + k);
    await client.upsert(name, { wait: true, points: ids.map((id) => ({ id, vector: VECTORS[id], payload: payloadFor(id) })) });
  }
}

/** Polls GET .../layout until no build runs; returns the layout and every status seen on the way. */
async function settled(url: string, name: string, timeoutMs = 60_000): Promise<{ layout: LayoutView; seen: string[] }> {
  const deadline = Date.now() + timeoutMs;
  const seen: string[] = [];
  for (;;) {
    const layout = await ok<LayoutView>(url, 'GET', `/collections/${name}/layout`);
    if (seen.at(-1) !== layout.status) seen.push(layout.status);
    if (layout.build?.status !== 'building') return { layout, seen };
    if (Date.now() > deadline) throw new Error(`layout of ${name} still building after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function leaves(node: TreeNodeView): { partition: number; size: number }[] {
  return 'cut' in node ? [...leaves(node.inside), ...leaves(node.outside)] : [node];
}

function cuts(node: TreeNodeView): string[] {
  return 'cut' in node ? [node.cut, ...cuts(node.inside), ...cuts(node.outside)] : [];
}

function grpcLeaves(node: TreeNode__Output | undefined): { partition: number; size: number }[] {
  if (node?.kind === 'cut') return [...grpcLeaves(node.cut?.inside), ...grpcLeaves(node.cut?.outside)];
  if (node?.kind === 'leaf') return [{ partition: node.leaf?.partition ?? -1, size: Number(node.leaf?.size) }];
  throw new Error(`tree node with neither cut nor leaf: ${JSON.stringify(node)}`);
}

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
const byPartition = (a: { partition: number }, b: { partition: number }): number => a.partition - b.partition;

/** Every message of a WatchBuild stream; rejects with the call's status when it fails. */
function watch(grpc: GrpcClients, name: string): Promise<BuildProgress__Output[]> {
  return new Promise((resolve, reject) => {
    const messages: BuildProgress__Output[] = [];
    const call = grpc.raw.layout.WatchBuild({ collection_name: name });
    call.on('data', (m: BuildProgress__Output) => messages.push(m));
    call.on('error', reject);
    call.on('end', () => resolve(messages));
  });
}

describe('REST /collections/{name}/layout', () => {
  it('builds from explicit queries: none → building → ready, partitions cover every point and are the leaves of the tree', async () => {
    const { url } = await startTestServer();
    await seed(url, 'songs');

    const before = await ok<LayoutView>(url, 'GET', '/collections/songs/layout');
    expect(before).toMatchObject({ status: 'none', build: null, tree: null });

    const body = { queries: WORKLOAD, min_partition_size: MIN_PARTITION, max_partitions: 16, global_index: true };
    const started = await http(url, 'POST', '/collections/songs/layout', body);
    expect(started.status, started.text).toBe(202);
    const { id, status: startedStatus } = (started.json as { result: { id: string; status: string } }).result;
    expect(typeof id).toBe('string');
    expect(startedStatus).toBe('building');

    // Asked while the first build runs: refused, and the first build goes on.
    const second = await http(url, 'POST', '/collections/songs/layout', body);
    expect(second.status, second.text).toBe(409);
    expect((second.json as ErrorEnvelope).status.code).toBe('LAYOUT_BUILDING');

    const during = await ok<LayoutView>(url, 'GET', '/collections/songs/layout');
    expect(during.status).toBe('building');
    expect(during.build).toMatchObject({ id, status: 'building' });
    expect(during.build?.progress.done).toBeLessThanOrEqual(during.build?.progress.total ?? 0);

    const { layout, seen } = await settled(url, 'songs');
    expect(layout.build).toMatchObject({ id, status: 'ready', workload: { queries: WORKLOAD.length, distinct_filters: 4 } });
    expect(seen).toEqual(['building', 'ready']);
    expect(layout.build?.finished_at).toEqual(expect.any(String));
    expect(layout.build?.progress.done).toBe(layout.build?.progress.total);

    // The partitions cover every point once, none below the minimum size.
    expect(layout.partitions.length).toBeGreaterThan(1);
    expect(layout.partitions.length).toBeLessThanOrEqual(16);
    expect(sum(layout.partitions.map((p) => p.size))).toBe(N);
    for (const p of layout.partitions) {
      expect(p.size).toBeGreaterThanOrEqual(MIN_PARTITION);
      expect(['hnsw', 'flat']).toContain(p.index);
      expect(p.description).not.toBe('');
    }
    // The tree's leaves are exactly the partitions; its cuts are workload predicates.
    expect(layout.tree).not.toBeNull();
    const tree = layout.tree as TreeNodeView;
    expect(leaves(tree).sort(byPartition)).toEqual(layout.partitions.map((p) => ({ partition: p.id, size: p.size })).sort(byPartition));
    for (const cut of cuts(tree)) expect(cut).toMatch(/genre|year/);
    expect(layout.global_index?.size).toBe(N);

    // Queries keep answering over the new layout.
    const jazz = { must: [{ key: 'genre', match: { value: 'jazz' } }] };
    const { points } = await ok<{ points: { id: number }[] }>(url, 'POST', '/collections/songs/points/query', { query: VECTORS[1], filter: jazz, limit: 10 });
    const exact = new BruteForce('Euclid', VECTORS.map((vector, id) => ({ id, vector })).filter(({ id }) => payloadFor(id).genre === 'jazz')).topK(VECTORS[1], 10);
    expect(recall(exact.map((s) => s.id), points.map((p) => p.id))).toBeGreaterThanOrEqual(0.9);

    // ?wait=true answers when the (re)build has ended, with the layout it left.
    const rebuilt = await http(url, 'POST', '/collections/songs/layout?wait=true', { queries: WORKLOAD.slice(0, 2), min_partition_size: MIN_PARTITION });
    expect(rebuilt.status, rebuilt.text).toBe(200);
    const after = (rebuilt.json as { result: LayoutView }).result;
    expect(after.status).toBe('ready');
    expect(after.build?.id).not.toBe(id);
    expect(after.build?.status).toBe('ready');
    expect(sum(after.partitions.map((p) => p.size))).toBe(N);
    expect(await ok<LayoutView>(url, 'GET', '/collections/songs/layout')).toEqual(after);
  });

  it('answers 422 SCHEMA_VIOLATION to malformed build requests, and starts no build', async () => {
    const { url } = await startTestServer();
    await seed(url, 'c', 10);
    const cases: [string, unknown][] = [
      ['an unknown field', { queries: [], extra: 1 }],
      ['a body that is not an object', []],
      ['an unknown source', { source: 'history' }],
      ['a source object with an unknown field', { source: { workload: 'w', other: 1 } }],
      ['a workload id that is not a string', { source: { workload: 7 } }],
      ['queries that are not an array', { queries: { filter: {} } }],
      ['a query that is not an object', { queries: ['genre = jazz'] }],
      ['a query with an unknown field', { queries: [{ filter: {}, where: 1 }] }],
      ['a zero min_partition_size', { min_partition_size: 0 }],
      ['a negative max_partitions', { max_partitions: -4 }],
      ['a fractional clusters', { clusters: 2.5 }],
      ['a numeric string', { max_partitions: '8' }],
      ['a non-boolean vector_cuts', { vector_cuts: 'yes' }],
      ['a non-boolean global_index', { global_index: 1 }],
    ];
    for (const [name, body] of cases) {
      const res = await http(url, 'POST', '/collections/c/layout', body);
      expect(res.status, `${name}: ${res.text}`).toBe(422);
      expect((res.json as ErrorEnvelope).status.code, name).toBe('SCHEMA_VIOLATION');
    }
    expect((await ok<LayoutView>(url, 'GET', '/collections/c/layout')).status).toBe('none');
  });

  it('answers 400 to a bad filter or an empty query log, 404 to an unknown workload or collection', async () => {
    const { url } = await startTestServer();
    await seed(url, 'c', 10);
    const code = async (method: string, path: string, body?: unknown): Promise<[number, string]> => {
      const res = await http(url, method, path, body);
      return [res.status, (res.json as ErrorEnvelope).status?.code];
    };
    expect(await code('POST', '/collections/c/layout', { queries: [{ filter: { must: [{ key: 'genre', match: {} }] } }] })).toEqual([400, 'INVALID_FILTER']);
    expect(await code('POST', '/collections/c/layout?wait=maybe', { queries: WORKLOAD })).toEqual([422, 'SCHEMA_VIOLATION']);
    expect(await code('POST', '/collections/c/layout', { source: { workload: 'no-such-job' } })).toEqual([404, 'WORKLOAD_NOT_FOUND']);
    expect(await code('POST', '/collections/nope/layout', { queries: WORKLOAD })).toEqual([404, 'COLLECTION_NOT_FOUND']);
    expect(await code('GET', '/collections/nope/layout')).toEqual([404, 'COLLECTION_NOT_FOUND']);
    expect(await code('POST', '/collections/c/layout', '{"queries": [')).toEqual([400, 'MALFORMED_JSON']);
    // No body means "learn from the query log", and no query has run yet.
    expect(await code('POST', '/collections/c/layout')).toEqual([400, 'BAD_REQUEST']);
    expect(await code('POST', '/collections/c/layout', { source: 'log' })).toEqual([400, 'BAD_REQUEST']);
    expect((await ok<LayoutView>(url, 'GET', '/collections/c/layout')).status).toBe('none');
    // A collection without points has nothing to lay out: refused at once, not a failed build.
    await ok(url, 'PUT', '/collections/empty', { vectors: { size: 4, distance: 'Cosine' } });
    expect(await code('POST', '/collections/empty/layout', { queries: WORKLOAD })).toEqual([400, 'BAD_REQUEST']);
    expect((await ok<LayoutView>(url, 'GET', '/collections/empty/layout')).status).toBe('none');
  });

  it('without a body, learns the layout from the queries the collection has answered', async () => {
    const { url } = await startTestServer();
    await seed(url, 'c', 50);
    for (const filter of [WORKLOAD[0].filter, WORKLOAD[2].filter, WORKLOAD[0].filter]) {
      await ok(url, 'POST', '/collections/c/points/query', { query: VECTORS[0], filter, limit: 3 });
    }
    const res = await http(url, 'POST', '/collections/c/layout?wait');
    expect(res.status, res.text).toBe(200);
    const layout = (res.json as { result: LayoutView }).result;
    expect(layout).toMatchObject({ status: 'ready', build: { status: 'ready', workload: { queries: 3, distinct_filters: 2 } } });
    expect(sum(layout.partitions.map((p) => p.size))).toBe(50);
  });
});

describe('gRPC hqdb.v1.Layout', () => {
  async function setup(): Promise<{ grpc: GrpcClients; url: string }> {
    const server = await startTestServer();
    const grpc = connect(server.grpcPort);
    onTestFinished(() => grpc.close());
    return { grpc, url: server.url };
  }

  it('Build, Get and WatchBuild: the stream reports progress and ends with the ready layout, which REST reports too', async () => {
    const { grpc, url } = await setup();
    await seed(url, 'songs');

    // Nothing builds: Get says so (with the partitions REST reports), and WatchBuild ends at once with that final state.
    const none = await grpc.layout.Get({ collection_name: 'songs' });
    expect(none).toMatchObject({ status: 'LAYOUT_NONE' });
    expect(none.tree).toBeUndefined();
    const noneRest = await ok<LayoutView>(url, 'GET', '/collections/songs/layout');
    expect((none.partitions ?? []).map((p) => ({ id: p.id, size: Number(p.size), description: p.description })))
      .toEqual(noneRest.partitions.map((p) => ({ id: p.id, size: p.size, description: p.description })));
    expect(await watch(grpc, 'songs')).toEqual([{ status: 'LAYOUT_NONE', ended: true }]);

    const request = { collection_name: 'songs', queries: GRPC_WORKLOAD, min_partition_size: MIN_PARTITION, max_partitions: 16 };
    const started = await grpc.layout.Build(request);
    expect(started).toEqual({ id: expect.any(String), status: 'LAYOUT_BUILDING' });
    expect(await failure(grpc.layout.Build(request))).toMatchObject({ code: status.FAILED_PRECONDITION, hqdbCode: 'LAYOUT_BUILDING' });

    const progress = await watch(grpc, 'songs');
    const last = progress.at(-1);
    expect(last).toMatchObject({ status: 'LAYOUT_READY', ended: true, build: { id: started.id, status: 'LAYOUT_READY' } });
    for (const m of progress.slice(0, -1)) {
      expect(m).toMatchObject({ status: 'LAYOUT_BUILDING', ended: false, build: { id: started.id, status: 'LAYOUT_BUILDING' } });
      expect(m.build?.done ?? 0).toBeLessThanOrEqual(m.build?.total ?? 0);
    }
    expect(last?.build?.done).toBe(last?.build?.total);

    const info = await grpc.layout.Get({ collection_name: 'songs' });
    expect(info).toMatchObject({ status: 'LAYOUT_READY', build: { id: started.id, status: 'LAYOUT_READY', workload: { queries: GRPC_WORKLOAD.length, distinct_filters: 4 } } });
    const partitions = info.partitions ?? [];
    expect(partitions.length).toBeGreaterThan(1);
    expect(sum(partitions.map((p) => Number(p.size)))).toBe(N);
    expect(grpcLeaves(info.tree).sort(byPartition)).toEqual(partitions.map((p) => ({ partition: p.id ?? -1, size: Number(p.size) })).sort(byPartition));

    // REST reports the same layout.
    const rest = await ok<LayoutView>(url, 'GET', '/collections/songs/layout');
    expect(rest.build?.id).toBe(started.id);
    expect(partitions.map((p) => ({ id: p.id, size: Number(p.size), description: p.description, index: p.index?.toLowerCase() })))
      .toEqual(rest.partitions.map((p) => ({ id: p.id, size: p.size, description: p.description, index: p.index })));
    expect(grpcLeaves(info.tree)).toEqual(leaves(rest.tree as TreeNodeView));
    expect(info.global_index ? { id: info.global_index.id, size: Number(info.global_index.size) } : null)
      .toEqual(rest.global_index ? { id: rest.global_index.id, size: rest.global_index.size } : null);
  });

  it('maps errors to statuses with the hqdb code', async () => {
    const { grpc, url } = await setup();
    await seed(url, 'c', 10);
    expect(await failure(grpc.layout.Get({ collection_name: 'nope' }))).toMatchObject({ code: status.NOT_FOUND, hqdbCode: 'COLLECTION_NOT_FOUND' });
    expect(await failure(grpc.layout.Build({ collection_name: 'nope', queries: GRPC_WORKLOAD }))).toMatchObject({ code: status.NOT_FOUND, hqdbCode: 'COLLECTION_NOT_FOUND' });
    expect(await failure(watch(grpc, 'nope'))).toMatchObject({ code: status.NOT_FOUND, hqdbCode: 'COLLECTION_NOT_FOUND' });
    expect(await failure(grpc.layout.Build({ collection_name: 'c', workload: 'no-such-job' }))).toMatchObject({ code: status.NOT_FOUND, hqdbCode: 'WORKLOAD_NOT_FOUND' });
    expect(await failure(grpc.layout.Build({ collection_name: 'c', queries: [{ collection_name: 'other', filter: {} }] })))
      .toMatchObject({ code: status.INVALID_ARGUMENT, hqdbCode: 'BAD_REQUEST' });
    expect(await failure(grpc.layout.Build({ collection_name: 'c', queries: [{ filter: { must: [{ field: { key: 'genre' } }] } }] })))
      .toMatchObject({ code: status.INVALID_ARGUMENT, hqdbCode: 'INVALID_FILTER' });
    // Zero is what the schema refuses over REST; here the engine's own check answers.
    expect(await failure(grpc.layout.Build({ collection_name: 'c', queries: GRPC_WORKLOAD, min_partition_size: 0 })))
      .toMatchObject({ code: status.INVALID_ARGUMENT, hqdbCode: 'BAD_REQUEST' });
    expect(await failure(grpc.layout.Build({ collection_name: 'c', log: {} }))).toMatchObject({ code: status.INVALID_ARGUMENT, hqdbCode: 'BAD_REQUEST' });
    expect((await grpc.layout.Get({ collection_name: 'c' })).status).toBe('LAYOUT_NONE');
  });

  it('Build from the query log: the filters of the queries answered so far', async () => {
    const { grpc, url } = await setup();
    await seed(url, 'c', 50);
    for (const q of [GRPC_WORKLOAD[1], GRPC_WORKLOAD[3], GRPC_WORKLOAD[5]]) await grpc.points.Query({ ...q, collection_name: 'c' });
    const started = await grpc.layout.Build({ collection_name: 'c', log: {} });
    expect((await watch(grpc, 'c')).at(-1)).toMatchObject({
      status: 'LAYOUT_READY', ended: true, build: { id: started.id, status: 'LAYOUT_READY', workload: { queries: 3, distinct_filters: 3 } },
    });
  });
});
