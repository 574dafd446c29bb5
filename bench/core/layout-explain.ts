// Where hqdb-layout's time goes, per template, against hqdb without a layout.
// Builds one in-process engine per variant on a suite's data, exactly as the
// `hqdb` / `hqdb-layout` systems do (each with its own engine and workers):
// "none" (no layout) and layouts learnt from the past workload (first 25%)
// with the given build options. Then runs an evenly spaced sample of each
// template's queries (from the whole workload) through every variant,
// *interleaved* query by query in rotating order, so that the machine's noise
// (shared, 2 cores) hits every variant alike; each timed query() is followed by
// an untimed explain(). Per template and variant: mean latency, its ratio to
// "none" over the same queries, explain's filter/search timings and the time inside the workers, where queries
// went (whole-collection index or partitions), partitions visited, implied vs
// filtered visits, plans, answers, recall.
//
//   npx tsx bench/core/layout-explain.ts [suite] [--ef 80] [--per-template 200]
//       [--variants '{"default":{},"no-global":{"global_index":false}}'] [--out file.json]
//
// HQDB_BENCH_LOG=info also prints the engine's log (a build's estimated cost before/after).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { QueryExplanation } from '../../engine/collection.js';
import type { LayoutView } from '../../engine/layout/types.js';
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
    'per-template': { type: 'string', default: '200' },
    out: { type: 'string', default: '' },
    variants: { type: 'string', default: '{"default":{}}' },
  },
});
const suiteName = positionals[0] ?? 'hybrid-100k';
const ef = Number(opts.ef);
const perTemplate = Number(opts['per-template']);
const outFile = opts.out;
const variantOpts = JSON.parse(opts.variants) as Record<string, LayoutOptions>;

const data = prepare(SUITES[suiteName]);
const { workload, truth } = data;
const past = workload.queries.slice(0, workload.pastCount);
const share = new Map(workload.templates.map((t) => [t, workload.queries.filter((q) => q.template === t).length / workload.queries.length]));
// The sample: evenly spaced queries of each template over the whole workload (past and future).
const sample: number[] = [];
for (const t of workload.templates) {
  const idx = workload.queries.map((q, i) => (q.template === t ? i : -1)).filter((i) => i >= 0);
  const step = Math.max(1, idx.length / perTemplate);
  for (let j = 0; j < Math.min(perTemplate, idx.length); j++) sample.push(idx[Math.floor(j * step)]);
}

interface Agg {
  n: number;
  ms: number;
  recall: number;
  filterMs: number;
  searchMs: number;
  /** Time inside the workers (sum over the partitions visited; they may run in parallel). */
  workerMs: number;
  toCollection: number;
  partitions: number;
  maxPartitions: number;
  implied: number;
  filteredVisits: number;
  plans: Record<string, number>;
  answers: Record<string, number>;
  fallbacks: number;
  matching: number;
}

interface Variant {
  name: string;
  system: HqdbSystem;
  dir: string;
  layout?: LayoutView;
  buildS: number;
  agg: Record<string, Agg>;
}

const variants: Variant[] = [];
const run = async (): Promise<void> => {
  for (const [name, o] of [['none', undefined], ...Object.entries(variantOpts)] as [string, LayoutOptions | undefined][]) {
    const dir = mkdtempSync(join(tmpdir(), 'hqdb-layout-explain-'));
    const system = o === undefined ? new HqdbSystem() : new HqdbLayoutSystem(o);
    const v: Variant = { name, system, dir, buildS: 0, agg: {} };
    variants.push(v);
    const ctx: BuildContext = { dataset: data.dataset, table: data.table, workDir: dir, past, progress: () => {}, log: (m) => console.log(m) };
    const t0 = performance.now();
    await system.build(ctx);
    v.buildS = (performance.now() - t0) / 1000;
    if (o !== undefined) {
      v.layout = system.benchCollection.layoutView();
      console.log(`${name} (${JSON.stringify(o)}): ${v.layout.partitions.length} partitions${v.layout.global_index ? ' + whole-collection index' : ''}`);
      for (const p of v.layout.partitions) console.log(`  #${p.id} ${p.size} ${p.index} worker ${p.worker}: ${p.description}`);
    }
  }
  const request = (qi: number): { query: Float32Array; filter: unknown; limit: number; params: { hnsw_ef: number } } => ({
    query: workload.queries[qi].vector,
    filter: workload.queries[qi].filter,
    limit: workload.k,
    params: { hnsw_ef: ef },
  });
  // Warm-up (JIT, caches, workers): untimed.
  for (const v of variants) for (const qi of sample.filter((_, i) => i % 4 === 0)) await v.system.benchCollection.query(request(qi));
  for (let s = 0; s < sample.length; s++) {
    const qi = sample[s];
    const q = workload.queries[qi];
    for (let j = 0; j < variants.length; j++) {
      const v = variants[(s + j) % variants.length];
      const c = v.system.benchCollection;
      const t0 = performance.now();
      const points = await c.query(request(qi));
      const ms = performance.now() - t0;
      const explain: QueryExplanation = (await c.explain(request(qi))).explain;
      const a = (v.agg[q.template] ??= { n: 0, ms: 0, recall: 0, filterMs: 0, searchMs: 0, workerMs: 0, toCollection: 0, partitions: 0, maxPartitions: 0, implied: 0, filteredVisits: 0, plans: {}, answers: {}, fallbacks: 0, matching: 0 });
      a.n++;
      a.ms += ms;
      a.recall += recallAtK(points.map((p) => Number(p.id)), truthOf(truth, qi), workload.k);
      a.filterMs += explain.timings_ms.filter;
      a.searchMs += explain.timings_ms.search;
      a.workerMs += explain.route.partitions.reduce((sum, p) => sum + p.worker_ms, 0);
      a.matching += explain.matching;
      if (explain.route.target === 'collection') a.toCollection++;
      const parts = explain.route.partitions;
      a.partitions += parts.length;
      a.maxPartitions = Math.max(a.maxPartitions, parts.length);
      for (const p of parts) {
        if (p.implied) a.implied++;
        else a.filteredVisits++;
        a.plans[p.plan.kind] = (a.plans[p.plan.kind] ?? 0) + 1;
        a.answers[p.answered_by] = (a.answers[p.answered_by] ?? 0) + 1;
        if (p.fallback) a.fallbacks++;
      }
    }
  }
  const none = variants[0];
  const weightedOf = (v: Variant, f: (a: Agg) => number): number => workload.templates.reduce((s, t) => s + (v.agg[t] ? (share.get(t)! * f(v.agg[t])) / v.agg[t].n : 0), 0);
  const weighted = (v: Variant): number => weightedOf(v, (a) => a.ms);
  const fmtMap = (m: Record<string, number>): string => Object.entries(m).sort((x, y) => y[1] - x[1]).map(([k, n]) => `${k} ${n}`).join(', ');
  for (const v of variants) {
    console.log(`\n## ${suiteName}, ${v.name}, hnsw_ef=${ef}: ${(1 / weighted(v)).toFixed(2)} k q/s weighted by the workload's template shares, ${(weighted(none) / weighted(v)).toFixed(2)}x none; build ${v.buildS.toFixed(1)} s\n`);
    if (v === none) {
      // What a layout can change: the search in the workers and the filter's evaluation. The rest
      // (request handling, routing, the round trip to a worker, building the answer) it cannot.
      const [all, workers, filter] = [weighted(v), weightedOf(v, (a) => a.workerMs), weightedOf(v, (a) => a.filterMs)];
      console.log(`A query without a layout: ${all.toFixed(3)} ms, of which ${workers.toFixed(3)} ms (${((100 * workers) / all).toFixed(0)}%) in the workers and ${filter.toFixed(3)} ms (${((100 * filter) / all).toFixed(0)}%) evaluating the filter (weighted by template shares; explain's timings).`);
      console.log(`A layout that made both free would be at most ${(all / (all - workers - filter)).toFixed(2)}x as fast.\n`);
    }
    console.log('| template | n | mean ms | vs none | recall | filter ms | search ms | in workers ms | to whole index | partitions/query (max) | implied/filtered visits | plans | answered by | fallbacks | mean matching |');
    console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
    for (const t of workload.templates) {
      const a = v.agg[t];
      const b = none.agg[t];
      if (!a) continue;
      console.log(
        `| ${t} | ${a.n} | ${(a.ms / a.n).toFixed(3)} | ${(b.ms / a.ms).toFixed(2)}x | ${(a.recall / a.n).toFixed(3)} | ${(a.filterMs / a.n).toFixed(3)} | ${(a.searchMs / a.n).toFixed(3)} | ${(a.workerMs / a.n).toFixed(3)} | ${a.toCollection} | ${(a.partitions / a.n).toFixed(2)} (${a.maxPartitions}) | ${a.implied}/${a.filteredVisits} | ${fmtMap(a.plans)} | ${fmtMap(a.answers)} | ${a.fallbacks} | ${Math.round(a.matching / a.n)} |`,
      );
    }
    if (v.layout) console.log(`\npartition hits: ${v.system.benchCollection.layoutView().partitions.map((p) => `#${p.id}:${p.hits}`).join(' ')}`);
  }
  if (outFile) writeFileSync(outFile, JSON.stringify({ suite: suiteName, ef, variants: variants.map((v) => ({ name: v.name, buildS: v.buildS, layout: v.layout, agg: v.agg })) }, null, 1));
};

try {
  await run();
} finally {
  for (const v of variants) {
    await v.system.close();
    rmSync(v.dir, { recursive: true, force: true });
  }
}
