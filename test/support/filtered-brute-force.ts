// Exact filtered search by brute force over the points a test wrote: the
// reference the engine's exact mode (`params.exact`) must equal whatever the
// layout. Filters are evaluated by the reference evaluator, Euclidean scores
// in float64 over the float32 vectors the engine stores.

import { expect } from 'vitest';
import { pointKey } from '../../core/point-id.js';
import type { ScoredPoint } from '../../core/types.js';
import { parseFilter } from '../../engine/filter/ast.js';
import { matchesFilter } from '../../engine/filter/reference.js';

/** Scores agree to this much (the kernel computes in float32). */
export const SCORE_TOLERANCE = 1e-4;

export interface ReferencePoint {
  id: number;
  vector: ArrayLike<number>;
  payload: unknown;
}

export interface Truth {
  /** Points the filter matches (the excluded one included). */
  matching: number;
  /** Score of every matching point but the excluded one. */
  scores: Map<number, number>;
  top: { id: number; score: number }[];
}

function euclid(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return Math.sqrt(s);
}

export function bruteForce(points: Iterable<ReferencePoint>, query: ArrayLike<number>, filterRaw: unknown, k: number, exclude?: number): Truth {
  const filter = parseFilter(filterRaw);
  const scores = new Map<number, number>();
  let matching = 0;
  for (const p of points) {
    if (filter && !matchesFilter(filter, { pid: pointKey(p.id), payload: p.payload })) continue;
    matching++;
    if (p.id !== exclude) scores.set(p.id, euclid(query, Float32Array.from(p.vector)));
  }
  const top = [...scores].map(([id, score]) => ({ id, score })).sort((a, b) => a.score - b.score || a.id - b.id).slice(0, k);
  return { matching, scores, top };
}

/** The same answer as brute force: same length, no duplicates, and at every rank a matching point with the true score there (ties may swap). */
export function expectSameAsBruteForce(got: readonly ScoredPoint[], truth: Truth, what: string): void {
  expect(got.map((p) => p.id), `${what}: result size`).toHaveLength(truth.top.length);
  expect(new Set(got.map((p) => p.id)).size, `${what}: duplicate ids`).toBe(got.length);
  got.forEach((p, i) => {
    const real = truth.scores.get(p.id as number);
    expect(real, `${what}: point ${String(p.id)} at rank ${i} does not match the filter (or is the query point)`).toBeDefined();
    expect(Math.abs(p.score - real!), `${what}: score of point ${String(p.id)}`).toBeLessThan(SCORE_TOLERANCE);
    expect(Math.abs(real! - truth.top[i].score), `${what}: rank ${i} is ${String(p.id)}, brute force has ${truth.top[i].id}`).toBeLessThan(SCORE_TOLERANCE);
  });
}
