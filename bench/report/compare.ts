// Throughput ratios to the baseline, always over the same queries: when a
// system could not answer some queries (e.g. filters not supported yet), both
// sides are restricted to the templates it answered in full.

import type { FinalStats, TemplateStats } from '../runner/result.js';

export interface Speedup {
  ratio: number;
  /** 'all' or the templates the ratio covers. */
  scope: 'all' | string[];
}

function qpsOver(stats: readonly TemplateStats[]): number {
  const queries = stats.reduce((s, t) => s + t.queries, 0);
  const seconds = stats.reduce((s, t) => s + t.queries / t.qps, 0);
  return queries / seconds;
}

export function speedup(system: FinalStats, baseline: FinalStats | undefined): Speedup | undefined {
  if (!baseline || !Number.isFinite(system.qps) || !Number.isFinite(baseline.qps)) return undefined;
  if (system.unsupported === 0) return { ratio: system.qps / baseline.qps, scope: 'all' };
  const full = system.perTemplate.filter((t) => t.queries > 0 && t.unsupported === 0);
  const names = full.map((t) => t.template);
  const base = baseline.perTemplate.filter((t) => names.includes(t.template) && t.queries > 0);
  if (full.length === 0 || base.length !== full.length) return undefined;
  return { ratio: qpsOver(full) / qpsOver(base), scope: names };
}

export function formatSpeedup(s: Speedup | undefined): string {
  if (!s) return '–';
  const r = `${s.ratio.toFixed(2)}x`;
  return s.scope === 'all' ? r : `${r} (on ${s.scope.join(', ')})`;
}
