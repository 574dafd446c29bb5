// Measuring one built system on a workload: the parameter sweep (on an evenly
// spaced subset of queries, cheapest setting first, stopping one step past the
// recall target), then the whole workload at the chosen setting, one query at a
// time (throughput, recall, p50/p99 latency, per template), then through the
// batch API if the system has one.

import { percentile } from '../lib/stats.js';
import { recallAtK, RecallByTemplate } from '../truth/recall.js';
import { truthOf, type GroundTruth } from '../truth/ground-truth.js';
import type { HybridQuery, Workload } from '../workloads/workload.js';
import type { BenchSystem, SearchRequest } from '../systems/system.js';
import { UnsupportedQueryError } from '../systems/system.js';
import type { FinalStats, SweepPoint, TemplateStats } from './result.js';

export interface MeasureOptions {
  target: number;
  sweepQueries: number;
  batchSize: number;
  /** Run every sweep value instead of stopping one past the target. */
  fullSweep?: boolean;
  /**
   * Seconds the whole-workload run may take (0: no limit). Past it the run stops
   * and reports the queries done: workload queries are independent draws, so
   * any prefix is an unbiased sample of the workload.
   */
  timeBudgetS?: number;
  progress(label: string, done: number, total: number): void;
  log(message: string): void;
}

interface QueryOutcome {
  index: number;
  template: string;
  unsupported: boolean;
  ms: number;
  recall: number;
}

const WARMUP_QUERIES = 50;
/** A time budget never cuts the whole-workload run below this many queries. */
const MIN_BUDGETED_QUERIES = 1000;

function requestOf(q: HybridQuery, k: number): SearchRequest {
  return { vector: q.vector, filter: q.filter, k };
}

/** Every ceil(N / m)-th query index: a subset with the workload's template mix. */
export function evenSubset(total: number, m: number): number[] {
  if (m >= total) return Array.from({ length: total }, (_, i) => i);
  const step = total / m;
  return Array.from({ length: m }, (_, i) => Math.floor(i * step));
}

async function runQueries(
  system: BenchSystem,
  w: Workload,
  truth: GroundTruth,
  indices: readonly number[],
  param: number,
  onProgress: (done: number) => void,
  deadline = Infinity,
): Promise<QueryOutcome[]> {
  const out: QueryOutcome[] = [];
  for (let i = 0; i < indices.length; i++) {
    if (i % 50 === 0 && i >= MIN_BUDGETED_QUERIES && performance.now() > deadline) break;
    const qi = indices[i];
    const q = w.queries[qi];
    const t0 = performance.now();
    let ids: ArrayLike<number> | undefined;
    try {
      ids = await system.search(requestOf(q, w.k), param);
    } catch (err) {
      if (!(err instanceof UnsupportedQueryError)) throw err;
    }
    const ms = performance.now() - t0;
    out.push({ index: qi, template: q.template, unsupported: ids === undefined, ms, recall: ids ? recallAtK(ids, truthOf(truth, qi), w.k) : NaN });
    if (i % 50 === 49 || i === indices.length - 1) onProgress(i + 1);
  }
  return out;
}

function summarise(outcomes: readonly QueryOutcome[]): { queries: number; unsupported: number; recall: number; qps: number; p50Ms: number; p99Ms: number } {
  const ok = outcomes.filter((o) => !o.unsupported);
  const ms = ok.map((o) => o.ms);
  const totalMs = ms.reduce((s, v) => s + v, 0);
  return {
    queries: outcomes.length,
    unsupported: outcomes.length - ok.length,
    recall: ok.length ? ok.reduce((s, o) => s + o.recall, 0) / ok.length : NaN,
    qps: ok.length && totalMs > 0 ? (1000 * ok.length) / totalMs : NaN,
    p50Ms: percentile(ms, 50),
    p99Ms: percentile(ms, 99),
  };
}

export async function measureSystem(
  system: BenchSystem,
  w: Workload,
  truth: GroundTruth,
  o: MeasureOptions,
): Promise<{ sweep: SweepPoint[]; final: FinalStats }> {
  const all = evenSubset(w.queries.length, w.queries.length);
  const subset = evenSubset(w.queries.length, o.sweepQueries);
  const params = system.sweep?.values ?? [0];
  const label = (p: number): string => (system.sweep ? `${system.name} ${system.sweep.name}=${p}` : system.name);

  // What the harness computes for the system instead of charging it (see BenchSystem.prepare): not timed.
  await system.prepare?.(w.queries.map((q) => requestOf(q, w.k)));
  // Warm-up (JIT, caches, connections): not timed.
  await runQueries(system, w, truth, subset.slice(0, WARMUP_QUERIES), params[0], () => {});

  const sweep: SweepPoint[] = [];
  const outcomesByParam = new Map<number, QueryOutcome[]>();
  let chosen: number | undefined;
  for (const p of params) {
    const outcomes = await runQueries(system, w, truth, subset, p, (d) => o.progress(`${label(p)} (sweep)`, d, subset.length));
    outcomesByParam.set(p, outcomes);
    const s = summarise(outcomes);
    sweep.push({ param: p, queries: s.queries, unsupported: s.unsupported, recall: s.recall, qps: s.qps });
    if (chosen !== undefined && !o.fullSweep) {
      o.log(`${label(p)}: recall@${w.k} ${s.recall.toFixed(4)}, ${s.qps.toFixed(1)} q/s${s.unsupported ? `, ${s.unsupported} unsupported` : ''}`);
      break;
    }
    // The target holds for the workload as a whole *and* for every template in it:
    // a setting that is accurate on average but not on some kind of query does not count.
    const worstTemplate = Math.min(...[...new Set(outcomes.map((x) => x.template))].map((t) => summarise(outcomes.filter((x) => x.template === t)).recall).filter((r) => !Number.isNaN(r)));
    if (chosen === undefined && s.recall >= o.target && worstTemplate >= o.target) chosen = p;
    o.log(`${label(p)}: recall@${w.k} ${s.recall.toFixed(4)} (worst template ${worstTemplate.toFixed(4)}), ${s.qps.toFixed(1)} q/s${s.unsupported ? `, ${s.unsupported} unsupported` : ''}`);
    if (s.unsupported === s.queries) break;
  }
  const reachedTarget = chosen !== undefined;
  if (chosen === undefined) {
    // None reached the target: the best recall, and among equals the fastest.
    const best = [...sweep].sort((a, b) => (b.recall || 0) - (a.recall || 0) || (b.qps || 0) - (a.qps || 0))[0];
    chosen = best.param;
  }

  let setting: number = chosen;
  const deadline = o.timeBudgetS ? performance.now() + 1000 * o.timeBudgetS : Infinity;
  let finalOutcomes =
    subset.length === all.length
      ? outcomesByParam.get(setting)!
      : await runQueries(system, w, truth, all, setting, (d) => o.progress(`${label(setting)} (whole workload)`, d, all.length), deadline);
  // The sweep subset can flatter a setting: when the whole run misses the target on a
  // template, step to the next setting (once) and measure the whole workload again.
  const worstOf = (outs: readonly QueryOutcome[]): number =>
    Math.min(...[...new Set(outs.map((x) => x.template))].map((t) => summarise(outs.filter((x) => x.template === t)).recall).filter((r) => !Number.isNaN(r)));
  const next = params[params.indexOf(setting) + 1];
  if (reachedTarget && next !== undefined && subset.length !== all.length && worstOf(finalOutcomes) < o.target) {
    o.log(`${label(setting)}: whole-workload recall on some template ${worstOf(finalOutcomes).toFixed(4)} < ${o.target}; measuring ${label(next)}`);
    setting = next;
    finalOutcomes = await runQueries(system, w, truth, all, setting, (d) => o.progress(`${label(next)} (whole workload)`, d, all.length), performance.now() + 1000 * (o.timeBudgetS || Infinity));
  }
  if (finalOutcomes.length < all.length) o.log(`${system.name}: time budget of ${o.timeBudgetS} s reached after ${finalOutcomes.length} of ${all.length} queries`);
  const s = summarise(finalOutcomes);
  const templates = [...new Set(w.queries.map((q) => q.template))];
  const perTemplate: TemplateStats[] = templates.map((t) => ({ template: t, ...summarise(finalOutcomes.filter((x) => x.template === t)) }));
  const final: FinalStats = { param: setting, reachedTarget, ...s, perTemplate, latenciesMs: finalOutcomes.map((x) => (x.unsupported ? -1 : x.ms)) };

  if (system.searchBatch) {
    const supported = finalOutcomes.filter((x) => !x.unsupported).map((x) => x.index);
    if (supported.length > 0) final.batch = await measureBatch(system, w, truth, supported, params, setting, o, label);
  }
  return { sweep, final };
}

type BatchStats = NonNullable<FinalStats['batch']>;

/**
 * Throughput through the batch API, with a sweep of its own: a batch path can reach the
 * recall target at another setting than single queries do (hqdb's batches probe IVF clusters
 * where single queries search graphs). Settings are tried cheapest first on the whole set of
 * measured queries, and the first at which the batches reach the target overall and on every
 * template counts; none up to the single-query setting or past it reaching it, the one with
 * the best worst-template recall counts (reachedTarget false).
 */
async function measureBatch(
  system: BenchSystem,
  w: Workload,
  truth: GroundTruth,
  indices: readonly number[],
  params: readonly number[],
  single: number,
  o: MeasureOptions,
  label: (p: number) => string,
): Promise<BatchStats> {
  // Warm-up, as for single queries (JIT of the batch path, the executor's arenas): one batch, not timed.
  await system.searchBatch!(indices.slice(0, o.batchSize).map((qi) => requestOf(w.queries[qi], w.k)), single);
  const run = async (param: number): Promise<BatchStats> => {
    const perTemplate = new RecallByTemplate();
    const t0 = performance.now();
    for (let from = 0; from < indices.length; from += o.batchSize) {
      const chunk = indices.slice(from, from + o.batchSize);
      const results = await system.searchBatch!(chunk.map((qi) => requestOf(w.queries[qi], w.k)), param);
      results.forEach((ids, j) => perTemplate.add(w.queries[chunk[j]].template, recallAtK(ids, truthOf(truth, chunk[j]), w.k)));
      o.progress(`${label(param)} (batches of ${o.batchSize})`, Math.min(indices.length, from + o.batchSize), indices.length);
    }
    const seconds = (performance.now() - t0) / 1000;
    const worstTemplate = perTemplate.worst;
    const recall = perTemplate.mean;
    const reachedTarget = recall >= o.target && worstTemplate >= o.target;
    o.log(`${label(param)}: batches of ${o.batchSize}: ${(indices.length / seconds).toFixed(0)} q/s, recall@${w.k} ${recall.toFixed(4)} (worst template ${worstTemplate.toFixed(4)})`);
    return { size: o.batchSize, qps: indices.length / seconds, recall, param, worstTemplate, reachedTarget };
  };
  let best: BatchStats | undefined;
  for (const p of params) {
    const r = await run(p);
    if (r.reachedTarget) return r;
    if (!best || r.worstTemplate > best.worstTemplate) best = r;
    // Past the single-query setting, one more step at most.
    if (params.indexOf(p) > params.indexOf(single)) break;
  }
  return best!;
}
