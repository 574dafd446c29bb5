// A workload: hybrid queries {vector, filter, limit} in the REST filter shape,
// with the template each came from and how many points its filter matches.
// The first `pastCount` queries are the "past workload" a layout may learn from;
// throughput is measured on all of them.

import type { Filter } from '../filter/filter.js';

export interface HybridQuery {
  readonly template: string;
  readonly vector: Float32Array;
  readonly filter?: Filter;
  /** Points the filter matches in the dataset (n when there is no filter). */
  readonly matches: number;
}

export interface Workload {
  readonly name: string;
  readonly dataset: string;
  readonly datasetSize: number;
  readonly k: number;
  readonly pastCount: number;
  /** Template names in frequency-rank order. */
  readonly templates: readonly string[];
  readonly queries: readonly HybridQuery[];
}

export function selectivity(q: HybridQuery, n: number): number {
  return n === 0 ? 0 : q.matches / n;
}

/** Decade buckets of selectivity, from "< 0.01%" to "100%". */
export const SELECTIVITY_BUCKETS = [
  { label: '< 0.01%', lo: 0, hi: 1e-4 },
  { label: '0.01–0.1%', lo: 1e-4, hi: 1e-3 },
  { label: '0.1–1%', lo: 1e-3, hi: 1e-2 },
  { label: '1–10%', lo: 1e-2, hi: 1e-1 },
  { label: '10–<100%', lo: 1e-1, hi: 1 },
  { label: '100%', lo: 1, hi: Infinity },
] as const;

export function selectivityHistogram(w: Workload): { label: string; count: number }[] {
  return SELECTIVITY_BUCKETS.map((b) => ({
    label: b.label,
    count: w.queries.filter((q) => {
      const s = selectivity(q, w.datasetSize);
      return s >= b.lo && s < b.hi;
    }).length,
  }));
}

/** A text histogram for the console and the Markdown report. */
export function formatHistogram(rows: { label: string; count: number }[], width = 40): string {
  const max = Math.max(1, ...rows.map((r) => r.count));
  const total = rows.reduce((s, r) => s + r.count, 0) || 1;
  return rows
    .map((r) => `${r.label.padStart(10)} | ${'#'.repeat(Math.round((r.count / max) * width)).padEnd(width)} ${String(r.count).padStart(6)} (${((100 * r.count) / total).toFixed(1)}%)`)
    .join('\n');
}
