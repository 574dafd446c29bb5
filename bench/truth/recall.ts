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
