// gRPC against REST (issue 5): the same single queries and batches through
// both transports of one server at 100k x 128-d, as throughput ratios
// measured in the same run. Server and clients share this process (and so
// its event loop) for both transports alike.
//
//   npx tsx bench/core/grpc-vs-rest.ts [--n 100000] [--dim 128] [--queries 2000] [--batch 100]

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { QdrantClient } from '@qdrant/js-client-rest';
import { PROJECT_ROOT } from '../../core/paths.js';
import { startServer } from '../../server/main.js';
import { connect } from '../../test/integration/grpc-client.js';
import { clusteredVectors } from '../../test/support/data.js';

const { values } = parseArgs({ options: { n: { type: 'string', default: '100000' }, dim: { type: 'string', default: '128' }, queries: { type: 'string', default: '2000' }, batch: { type: 'string', default: '100' } } });
const N = Number(values.n), DIM = Number(values.dim), Q = Number(values.queries), B = Number(values.batch);

const dir = mkdtempSync(join(tmpdir(), 'hqdb-grpc-bench-'));
const server = await startServer({ service: { host: '127.0.0.1', http_port: 0, grpc_port: 0 }, storage: { path: dir, snapshot_interval_s: 0 }, log: { level: 'silent' } }, {});
const vectors = clusteredVectors(N + Q, DIM, 100, 3, 0.35);
await server.engine.createCollection('b', { vectors: { size: DIM, distance: 'Cosine' } });
const c = server.engine.collection('b');
for (let s = 0; s < N; s += 5000) c.upsert({ points: vectors.slice(s, s + 5000).map((v, i) => ({ id: s + i, vector: v, payload: { g: (s + i) % 10 } })) }, true);
await server.engine.waitIndexed();
const queries = vectors.slice(N).map((v) => Array.from(v));

const rest = new QdrantClient({ url: server.url, checkCompatibility: false });
const grpc = connect(server.grpcPort);

async function timed(name: string, total: number, run: () => Promise<void>): Promise<number> {
  await run(); // warm-up pass
  const t0 = performance.now();
  await run();
  const qps = total / ((performance.now() - t0) / 1000);
  console.log(`${name}: ${qps.toFixed(0)} queries/s`);
  return qps;
}

const result: Record<string, number> = { n: N, dim: DIM, queries: Q, batch: B };
result.rest_single_qps = await timed('REST single', Q, async () => {
  for (const q of queries) await rest.query('b', { query: q, limit: 10 });
});
result.grpc_single_qps = await timed('gRPC single', Q, async () => {
  for (const q of queries) await grpc.points.Query({ collection_name: 'b', query: { nearest: { data: q } }, limit: 10 });
});
result.rest_batch_qps = await timed(`REST batch of ${B}`, Q, async () => {
  for (let s = 0; s < Q; s += B) await rest.queryBatch('b', { searches: queries.slice(s, s + B).map((q) => ({ query: q, limit: 10 })) });
});
result.grpc_batch_qps = await timed(`gRPC batch of ${B}`, Q, async () => {
  for (let s = 0; s < Q; s += B) await grpc.points.QueryBatch({ collection_name: 'b', queries: queries.slice(s, s + B).map((q) => ({ collection_name: 'b', query: { nearest: { data: q } }, limit: 10 })) });
});
result.grpc_vs_rest_single = +(result.grpc_single_qps / result.rest_single_qps).toFixed(2);
result.grpc_vs_rest_batch = +(result.grpc_batch_qps / result.rest_batch_qps).toFixed(2);
console.table(result);
grpc.close();
await server.close();
rmSync(dir, { recursive: true, force: true });
mkdirSync(join(PROJECT_ROOT, 'bench/results'), { recursive: true });
const file = join(PROJECT_ROOT, `bench/results/grpc-vs-rest-${new Date().toISOString().slice(0, 10)}.json`);
writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
console.log(`wrote ${file}`);
