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
//   --routes also runs the workload once traced and prints, per template, where its queries went
//   (whole-collection index or partitions), partitions and rows visited, plans, and worker time.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { emptyBatchStats, type BatchStats } from '../../engine/collection-index.js';
import type { Collection } from '../../engine/collection.js';
import type { QueryRequest } from '../../engine/requests.js';
import { prepare } from '../runner/prepare.js';
import { SUITES } from '../runner/suites.js';
import { HqdbLayoutSystem, HqdbSystem, type LayoutOptions } from '../systems/hqdb.js';
import type { BuildContext } from '../systems/system.js';
import { truthOf } from '../truth/ground-truth.js';
import { recallAtK, RecallByTemplate } from '../truth/recall.js';

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    ef: { type: 'string', default: '80' },
    sizes: { type: 'string', default: '512,4096' },
    single: { type: 'string', default: '2000' },
    rounds: { type: 'string', default: '2' },
    layout: { type: 'string', default: '{}' },
    'no-layout': { type: 'boolean', default: false },
    routes: { type: 'boolean', default: false },
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
      const perTemplate = new RecallByTemplate();
      const host = system.benchEngine.host;
      const mainBefore = performance.eventLoopUtilization();
      const workersBefore = host.utilization();
      const profiler = process.env.HQDB_BENCH_PROFILE ? new Session() : undefined;
      if (profiler) {
        profiler.connect();
        await profiler.post('Profiler.enable');
        await profiler.post('Profiler.start');
      }
      const cpu0 = process.cpuUsage();
      t0 = performance.now();
      for (let from = 0; from < all.length; from += size) {
        const chunk = all.slice(from, from + size);
        const outcomes = await c.executeBatch(chunk.map(request), { stats });
        outcomes.forEach((o, j) => {
          if ('error' in o) throw o.error;
          perTemplate.add(workload.queries[chunk[j]].template, recallOf(chunk[j], o.points.map((p) => p.id)));
        });
      }
      const qps = all.length / ((performance.now() - t0) / 1000);
      // CPU time of the whole process (every thread, recall bookkeeping included) per query: less noisy than q/s on a shared machine.
      const cpu = process.cpuUsage(cpu0);
      const cpuPerQuery = (cpu.user + cpu.system) / all.length;
      if (profiler) {
        const { profile } = await profiler.post('Profiler.stop');
        writeFileSync(process.env.HQDB_BENCH_PROFILE!, JSON.stringify(profile));
        profiler.disconnect();
      }
      const busy = [performance.eventLoopUtilization(mainBefore), ...host.utilization(workersBefore)].map((u) => `${(u.utilization * 100).toFixed(0)}%`);
      console.log(`round ${round}: batches of ${size}: ${qps.toFixed(0)} q/s over ${all.length} queries (${(qps / singleQps).toFixed(2)}x one at a time), ${cpuPerQuery.toFixed(0)} µs of CPU per query, recall@${workload.k} ${perTemplate.mean.toFixed(4)}`);
      if (round === rounds) {
        const { answeredBy, ...rest } = stats;
        console.log(`  stats: ${JSON.stringify(rest)}\n  answered by: ${fmtMap(answeredBy)}`);
        console.log(`  busy share: main thread ${busy[0]}, workers ${busy.slice(1).join(', ')}`);
        console.log(`  recall per template: ${perTemplate.templates().map(([t, r]) => `${t} ${r.toFixed(3)}`).join(', ')}`);
      }
    }
  }
  if (opts.routes) await printRoutes(system.benchCollection, sizes[sizes.length - 1]);
} finally {
  await system.close();
  rmSync(dir, { recursive: true, force: true });
}

/** One traced pass over the workload: per template, where its queries went and what it cost the workers. */
async function printRoutes(c: Collection, size: number): Promise<void> {
  interface Row { n: number; collection: number; visits: number; implied: number; matching: number; rows: number; workerMs: number; plans: Record<string, number> }
  const rows = new Map<string, Row>();
  for (let from = 0; from < all.length; from += size) {
    const chunk = all.slice(from, from + size);
    const outcomes = await c.executeBatch(chunk.map(request), { trace: true });
    outcomes.forEach((o, j) => {
      if ('error' in o) throw o.error;
      const t = workload.queries[chunk[j]].template;
      let r = rows.get(t);
      if (!r) rows.set(t, (r = { n: 0, collection: 0, visits: 0, implied: 0, matching: 0, rows: 0, workerMs: 0, plans: {} }));
      const route = o.explain!.route;
      r.n++;
      if (route.target === 'collection') r.collection++;
      r.matching += o.explain!.matching;
      for (const p of route.partitions) {
        r.visits++;
        if (p.implied) r.implied++;
        r.rows += p.matching;
        r.workerMs += p.worker_ms;
        const kind = p.plan.kind;
        r.plans[kind] = (r.plans[kind] ?? 0) + 1;
      }
    });
  }
  console.log('\nroutes per template (traced; worker ms is each query\'s share of its groups):');
  console.log('template                 queries  to-collection  visits/q  implied  matching/q  rows/visit  worker-ms  plans');
  const total = [...rows.values()].reduce((s, r) => s + r.workerMs, 0);
  for (const [t, r] of [...rows].sort((a, b) => b[1].workerMs - a[1].workerMs)) {
    console.log(
      `${t.padEnd(24)} ${String(r.n).padStart(7)}  ${((100 * r.collection) / r.n).toFixed(0).padStart(12)}%  ${(r.visits / r.n).toFixed(2).padStart(8)}  ${((100 * r.implied) / Math.max(1, r.visits)).toFixed(0).padStart(6)}%  ${(r.matching / r.n).toFixed(0).padStart(10)}  ${(r.rows / Math.max(1, r.visits)).toFixed(0).padStart(10)}  ${r.workerMs.toFixed(0).padStart(6)} (${((100 * r.workerMs) / total).toFixed(0)}%)  ${fmtMap(r.plans)}`,
    );
  }
}
