// Throughput ratios to the baseline, always over the same queries: the queries
// both systems measured (a time budget may cut either run short) and the system
// answered (it may reject some as unsupported). Computed from per-query
// latencies, which are dropped from the written results afterwards.

import type { Comparison, FinalStats } from '../runner/result.js';
import type { Workload } from '../workloads/workload.js';

function ratioOver(system: readonly number[], baseline: readonly number[], include: (i: number) => boolean): { ratio: number; queries: number } {
  let s = 0;
  let b = 0;
  let queries = 0;
  const m = Math.min(system.length, baseline.length);
  for (let i = 0; i < m; i++) {
    if (system[i] < 0 || baseline[i] < 0 || !include(i)) continue;
    s += system[i];
    b += baseline[i];
    queries++;
  }
  return { ratio: queries > 0 && s > 0 ? b / s : NaN, queries };
}

export function compare(system: FinalStats, baseline: FinalStats, w: Workload): Comparison | undefined {
  const sl = system.latenciesMs;
  const bl = baseline.latenciesMs;
  if (!sl || !bl) return undefined;
  const overall = ratioOver(sl, bl, () => true);
  const perTemplate: Record<string, number> = {};
  for (const t of w.templates) perTemplate[t] = ratioOver(sl, bl, (i) => w.queries[i].template === t).ratio;
  // Batch: the batch run covered the system's supported queries; the baseline's time on the common ones stands in.
  const batchRatio = system.batch && Number.isFinite(overall.ratio) ? (overall.ratio * system.batch.qps) / system.qps : undefined;
  return { ratio: overall.ratio, queries: overall.queries, perTemplate, batchRatio };
}

export function formatRatio(r: number | undefined): string {
  return r === undefined || !Number.isFinite(r) ? '–' : `${r.toFixed(2)}x`;
}
