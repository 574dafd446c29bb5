// recall@k: the share of the true (filtered, exact) top-k a system returned.
// When fewer than k points match, the truth is all of them and the denominator
// shrinks accordingly; a query nothing matches has recall 1 by definition.

/** `truth` holds up to k ids, padded with -1. Duplicated returned ids count once. */
export function recallAtK(returned: ArrayLike<number>, truth: ArrayLike<number>, k: number): number {
  const want = new Set<number>();
  for (let i = 0; i < Math.min(k, truth.length); i++) if (truth[i] >= 0) want.add(truth[i]);
  if (want.size === 0) return 1;
  let hits = 0;
  const seen = new Set<number>();
  for (let i = 0; i < Math.min(k, returned.length); i++) {
    const id = returned[i];
    if (want.has(id) && !seen.has(id)) {
      hits++;
      seen.add(id);
    }
  }
  return hits / want.size;
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? NaN : values.reduce((s, v) => s + v, 0) / values.length;
}

/** Nearest-rank percentile (p in [0, 100]) of unsorted values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1];
}
