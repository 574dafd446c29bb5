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

/** Recall accumulated per query, overall and per template (a target holds only if it holds on every template). */
export class RecallByTemplate {
  private sum = 0;
  private count = 0;
  private readonly byTemplate = new Map<string, { n: number; recall: number }>();

  add(template: string, recall: number): void {
    this.sum += recall;
    this.count++;
    const e = this.byTemplate.get(template) ?? { n: 0, recall: 0 };
    e.n++;
    e.recall += recall;
    this.byTemplate.set(template, e);
  }

  /** Mean recall over every query added (NaN with none). */
  get mean(): number {
    return this.sum / this.count;
  }

  /** The lowest mean recall of any template. */
  get worst(): number {
    return Math.min(...[...this.byTemplate.values()].map((e) => e.recall / e.n));
  }

  /** Each template's mean recall, in the order templates were first seen. */
  templates(): [string, number][] {
    return [...this.byTemplate].map(([t, e]) => [t, e.recall / e.n]);
  }
}
