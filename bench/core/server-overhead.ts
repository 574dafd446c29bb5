// Server-core benchmark (issue 2): import throughput through the official
// Qdrant client, single-query latency and throughput over REST, and the same
// query loop calling hnswlib-node directly in this process. Figures are
// reported as ratios measured in the same run on the same data.
//
//   npx tsx bench/core/server-overhead.ts [--n 100000] [--dim 128] [--queries 2000]

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { QdrantClient } from '@qdrant/js-client-rest';
import hnswlib from 'hnswlib-node';
import { PROJECT_ROOT } from '../../core/paths.js';
import { rng } from '../../test/support/data.js';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '100000' },
    dim: { type: 'string', default: '128' },
    queries: { type: 'string', default: '2000' },
    batch: { type: 'string', default: '1000' },
  },
});
const N = Number(values.n);
const DIM = Number(values.dim);
const Q = Number(values.queries);
const BATCH = Number(values.batch);

function makeVectors(n: number, seed: number): number[][] {
  const rand = rng(seed);
  const g = (): number => Math.sqrt(-2 * Math.log(Math.max(rand(), 1e-12))) * Math.cos(2 * Math.PI * rand());
  const centres = Array.from({ length: 100 }, () => Array.from({ length: DIM }, g));
  return Array.from({ length: n }, () => {
    const c = centres[Math.floor(rand() * centres.length)];
    return c.map((x) => x + 0.35 * g());
  });
}

function normalize(v: number[]): number[] {
  const s = Math.sqrt(v.reduce((a, x) => a + x * x, 0));
  return v.map((x) => x / s);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function startServer(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'server/cli.ts'), 'serve'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, HQDB__STORAGE__PATH: dataDir, HQDB__SERVICE__HTTP_PORT: '0', HQDB__SERVICE__GRPC_PORT: '0', HQDB__SERVICE__HOST: '127.0.0.1', HQDB__LOG__LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    lines.on('line', (line) => {
      try {
        const rec = JSON.parse(line) as { msg?: string; url?: string };
        if (rec.msg === 'hqdb ready' && rec.url) resolve(rec.url);
      } catch {
        // not a log line
      }
    });
  });
  return { child, url };
}

async function main(): Promise<void> {
  console.log(`server-overhead: ${N} x ${DIM}-d Cosine, ${Q} queries, import batches of ${BATCH}`);
  // Queries are held-out points of the same clusters as the data.
  const all = makeVectors(N + Q, 1);
  const data = all.slice(0, N);
  const queries = all.slice(N);
  const dataDir = mkdtempSync(join(tmpdir(), 'hqdb-bench-'));
  const { child, url } = await startServer(dataDir);
  const client = new QdrantClient({ url, checkCompatibility: false });
  const result: Record<string, number | string> = { n: N, dim: DIM, queries: Q, batch: BATCH };
  const exactIds: Set<number>[] = [];
  try {
    await client.createCollection('bench', { vectors: { size: DIM, distance: 'Cosine' } });
    let t0 = performance.now();
    for (let start = 0; start < N; start += BATCH) {
      const points = data.slice(start, start + BATCH).map((vector, i) => ({ id: start + i, vector, payload: { i: start + i } }));
      await client.upsert('bench', { wait: true, points });
    }
    const importS = (performance.now() - t0) / 1000;
    result.import_points_per_s = Math.round(N / importS);
    for (;;) {
      const info = await client.getCollection('bench');
      if (info.status === 'green') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    result.indexed_after_import_s = +((performance.now() - t0) / 1000).toFixed(1);
    console.log(`import: ${result.import_points_per_s} points/s; fully indexed ${result.indexed_after_import_s} s after the first batch`);

    // Warm up, then one query in flight at a time.
    for (const q of queries.slice(0, 100)) await client.query('bench', { query: q, limit: 10 });
    const lat: number[] = [];
    const serverIds: number[][] = [];
    t0 = performance.now();
    for (const q of queries) {
      const s = performance.now();
      const r = await client.query('bench', { query: q, limit: 10 });
      lat.push(performance.now() - s);
      serverIds.push(r.points.map((p) => Number(p.id)));
    }
    const serverS = (performance.now() - t0) / 1000;
    lat.sort((a, b) => a - b);
    result.rest_qps = Math.round(Q / serverS);
    result.rest_p50_ms = +percentile(lat, 50).toFixed(2);
    result.rest_p99_ms = +percentile(lat, 99).toFixed(2);

    // Eight requests in flight: what two cores give to concurrent clients.
    t0 = performance.now();
    let next = 0;
    await Promise.all(Array.from({ length: 8 }, async () => {
      while (next < Q) {
        const q = queries[next++];
        await client.query('bench', { query: q, limit: 10 });
      }
    }));
    result.rest_qps_8_in_flight = Math.round(Q / ((performance.now() - t0) / 1000));

    // Recall of the server against exact search through the server.
    let hits = 0;
    for (let i = 0; i < Math.min(Q, 300); i++) {
      const exact = await client.query('bench', { query: queries[i], limit: 10, params: { exact: true } });
      const truth = new Set(exact.points.map((p) => Number(p.id)));
      exactIds.push(truth);
      hits += serverIds[i].filter((id) => truth.has(id)).length;
    }
    result.rest_recall_at_10 = +(hits / (Math.min(Q, 300) * 10)).toFixed(4);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }

  // The same loop on hnswlib-node directly (same M, ef_construction, ef).
  const index = new hnswlib.HierarchicalNSW('ip', DIM);
  index.initIndex({ maxElements: N, m: 16, efConstruction: 100, randomSeed: 100 });
  let t0 = performance.now();
  data.forEach((v, i) => index.addPoint(normalize(v), i));
  result.direct_build_s = +((performance.now() - t0) / 1000).toFixed(1);
  index.setEf(100);
  for (const q of queries.slice(0, 100)) index.searchKnn(normalize(q), 10);
  const lat: number[] = [];
  const directIds: number[][] = [];
  t0 = performance.now();
  for (const q of queries) {
    const s = performance.now();
    directIds.push(index.searchKnn(normalize(q), 10).neighbors);
    lat.push(performance.now() - s);
  }
  const directS = (performance.now() - t0) / 1000;
  lat.sort((a, b) => a - b);
  result.direct_qps = Math.round(Q / directS);
  result.direct_p50_ms = +percentile(lat, 50).toFixed(3);
  result.direct_p99_ms = +percentile(lat, 99).toFixed(3);
  result.direct_recall_at_10 = +(directIds.slice(0, 300).reduce((acc, ids, i) => acc + ids.filter((id) => exactIds[i].has(id)).length, 0) / (Math.min(Q, 300) * 10)).toFixed(4);
  result.server_overhead_ratio = +(Number(result.direct_qps) / Number(result.rest_qps)).toFixed(2);
  result.overhead_ms_per_query = +(1000 / Number(result.rest_qps) - 1000 / Number(result.direct_qps)).toFixed(3);

  console.table(result);
  const outDir = join(PROJECT_ROOT, 'bench/results');
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `server-overhead-${new Date().toISOString().slice(0, 10)}.json`);
  writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
  console.log(`wrote ${file}`);
}

await main();
