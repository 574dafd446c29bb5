// Where the batch executor's time goes: builds hqdb with a layout learnt from
// the past workload (first 25%), exactly as the `hqdb-layout` system does, then
// runs the whole workload through Collection.executeBatch in requests of the
// given sizes, and an evenly spaced sample one query at a time, alternating
// rounds so that the machine's noise hits both alike. Prints throughput,
// recall and the executor's statistics (routes, visits, plans, blocked exact
// scans, duplicates, distinct filters).
//
//   npx tsx bench/core/batch-explain.ts [suite] [--ef 80] [--sizes 512,4096] [--single 2000] [--rounds 2]
//       [--layout '{"global_index":false}'] [--no-layout]
//   HQDB_BENCH_PROFILE=file.cpuprofile also writes a CPU profile of the main thread during the batches.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { emptyBatchStats, type BatchStats } from '../../engine/collection-index.js';
import type { QueryRequest } from '../../engine/requests.js';
import { prepare } from '../runner/prepare.js';
import { SUITES } from '../runner/suites.js';
import { HqdbLayoutSystem, HqdbSystem, type LayoutOptions } from '../systems/hqdb.js';
import type { BuildContext } from '../systems/system.js';
import { truthOf } from '../truth/ground-truth.js';
import { recallAtK } from '../truth/recall.js';

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    ef: { type: 'string', default: '80' },
    sizes: { type: 'string', default: '512,4096' },
    single: { type: 'string', default: '2000' },
    rounds: { type: 'string', default: '2' },
    layout: { type: 'string', default: '{}' },
    'no-layout': { type: 'boolean', default: false },
  },
});
const suiteName = positionals[0] ?? 'hybrid-100k';
const ef = Number(opts.ef);
const sizes = opts.sizes.split(',').map(Number);
const singleCount = Number(opts.single);
const rounds = Number(opts.rounds);
const layoutOpts = JSON.parse(opts.layout) as LayoutOptions;
const noLayout = opts['no-layout'];

const data = prepare(SUITES[suiteName]);
const { workload, truth } = data;
const past = workload.queries.slice(0, workload.pastCount);
const request = (qi: number): QueryRequest => ({ query: workload.queries[qi].vector, filter: workload.queries[qi].filter, limit: workload.k, params: { hnsw_ef: ef } });
const all = workload.queries.map((_, i) => i);
const step = Math.max(1, all.length / singleCount);
const sample = Array.from({ length: Math.min(singleCount, all.length) }, (_, j) => Math.floor(j * step));

const dir = mkdtempSync(join(tmpdir(), 'hqdb-batch-explain-'));
const system = noLayout ? new HqdbSystem() : new HqdbLayoutSystem(layoutOpts);
const fmtMap = (m: Record<string, number>): string => Object.entries(m).sort((x, y) => y[1] - x[1]).map(([k, n]) => `${k} ${n}`).join(', ');

try {
  const ctx: BuildContext = { dataset: data.dataset, table: data.table, workDir: dir, past, progress: () => {}, log: (m) => console.log(m) };
  await system.build(ctx);
  const c = system.benchCollection;
  const recallOf = (qi: number, ids: readonly (number | string | bigint)[]): number => recallAtK(ids.map(Number), truthOf(truth, qi), workload.k);
  // Warm-up.
  await c.executeBatch(sample.slice(0, 500).map(request));
  for (const qi of sample.slice(0, 200)) await c.query(request(qi));
  for (let round = 1; round <= rounds; round++) {
    let t0 = performance.now();
    let recall = 0;
    for (const qi of sample) recall += recallOf(qi, (await c.query(request(qi))).map((p) => p.id));
    const singleQps = sample.length / ((performance.now() - t0) / 1000);
    console.log(`round ${round}: one at a time: ${singleQps.toFixed(0)} q/s over ${sample.length} queries, recall@${workload.k} ${(recall / sample.length).toFixed(4)}`);
    for (const size of sizes) {
      const stats: BatchStats = emptyBatchStats();
      const perTemplate = new Map<string, { n: number; recall: number }>();
      recall = 0;
      const host = system.benchEngine.host;
      const mainBefore = performance.eventLoopUtilization();
      const workersBefore = host.utilization();
      const profiler = process.env.HQDB_BENCH_PROFILE ? new Session() : undefined;
      if (profiler) {
        profiler.connect();
        await profiler.post('Profiler.enable');
        await profiler.post('Profiler.start');
      }
      t0 = performance.now();
      for (let from = 0; from < all.length; from += size) {
        const chunk = all.slice(from, from + size);
        const outcomes = await c.executeBatch(chunk.map(request), { stats });
        outcomes.forEach((o, j) => {
          if ('error' in o) throw o.error;
          const r = recallOf(chunk[j], o.points.map((p) => p.id));
          recall += r;
          const t = workload.queries[chunk[j]].template;
          const e = perTemplate.get(t) ?? { n: 0, recall: 0 };
          e.n++;
          e.recall += r;
          perTemplate.set(t, e);
        });
      }
      const qps = all.length / ((performance.now() - t0) / 1000);
      if (profiler) {
        const { profile } = await profiler.post('Profiler.stop');
        writeFileSync(process.env.HQDB_BENCH_PROFILE!, JSON.stringify(profile));
        profiler.disconnect();
      }
      const busy = [performance.eventLoopUtilization(mainBefore), ...host.utilization(workersBefore)].map((u) => `${(u.utilization * 100).toFixed(0)}%`);
      console.log(`round ${round}: batches of ${size}: ${qps.toFixed(0)} q/s over ${all.length} queries (${(qps / singleQps).toFixed(2)}x one at a time), recall@${workload.k} ${(recall / all.length).toFixed(4)}`);
      if (round === rounds) {
        const { answeredBy, ...rest } = stats;
        console.log(`  stats: ${JSON.stringify(rest)}\n  answered by: ${fmtMap(answeredBy)}`);
        console.log(`  busy share: main thread ${busy[0]}, workers ${busy.slice(1).join(', ')}`);
        console.log(`  recall per template: ${[...perTemplate].map(([t, e]) => `${t} ${(e.recall / e.n).toFixed(3)}`).join(', ')}`);
      }
    }
  }
} finally {
  await system.close();
  rmSync(dir, { recursive: true, force: true });
}
