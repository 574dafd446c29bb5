// Deterministic test vectors and the brute-force reference every search result
// is checked against. The reference mirrors what the server stores (float32
// components, Cosine vectors normalised at write) and reports scores with
// Qdrant's semantics: Cosine and Dot higher-is-better, Euclid (L2) and
// Manhattan (L1) distances ascending.

import { rng } from '../support/data.js';

export { rng };
export type Distance = 'Cosine' | 'Euclid' | 'Dot' | 'Manhattan';
export const DISTANCES: readonly Distance[] = ['Cosine', 'Euclid', 'Dot', 'Manhattan'];

/** `n` vectors of `dim` components uniform in [-1, 1), already representable as float32. */
export function randomVectors(n: number, dim: number, seed: number): number[][] {
  const next = rng(seed);
  return Array.from({ length: n }, () => Array.from({ length: dim }, () => Math.fround(next() * 2 - 1)));
}

export function higherIsBetter(distance: Distance): boolean {
  return distance === 'Cosine' || distance === 'Dot';
}

function normalized(v: readonly number[]): Float32Array {
  const out = Float32Array.from(v);
  let s = 0;
  for (const x of out) s += x * x;
  if (s > 0) {
    const inv = 1 / Math.sqrt(s);
    for (let i = 0; i < out.length; i++) out[i] *= inv;
  }
  return out;
}

/** The vector as the server stores it. */
export function stored(distance: Distance, v: readonly number[]): Float32Array {
  return distance === 'Cosine' ? normalized(v) : Float32Array.from(v);
}

/** Qdrant's score of stored vector `b` for stored query `a`. */
function scoreStored(distance: Distance, a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    if (distance === 'Cosine' || distance === 'Dot') s += a[i] * b[i];
    else if (distance === 'Euclid') s += (a[i] - b[i]) ** 2;
    else s += Math.abs(a[i] - b[i]);
  }
  return distance === 'Euclid' ? Math.sqrt(s) : s;
}

/** Qdrant's score of `point` for `query`, both as sent by the client. */
export function score(distance: Distance, query: readonly number[], point: readonly number[]): number {
  return scoreStored(distance, stored(distance, query), stored(distance, point));
}

export interface Scored<Id> {
  id: Id;
  score: number;
}

/** Exact search over a fixed set of points, as the server should answer it. */
export class BruteForce<Id> {
  private readonly ids: Id[];
  private readonly vectors: Float32Array[];

  constructor(readonly distance: Distance, points: readonly { id: Id; vector: readonly number[] }[]) {
    this.ids = points.map((p) => p.id);
    this.vectors = points.map((p) => stored(distance, p.vector));
  }

  /** The true top `k` for `query`, best first (ties by insertion order), skipping `exclude`. */
  topK(query: readonly number[], k: number, exclude?: Id): Scored<Id>[] {
    const q = stored(this.distance, query);
    const all: { id: Id; score: number; i: number }[] = [];
    this.vectors.forEach((v, i) => {
      if (this.ids[i] !== exclude) all.push({ id: this.ids[i], score: scoreStored(this.distance, q, v), i });
    });
    const sign = higherIsBetter(this.distance) ? -1 : 1;
    all.sort((x, y) => sign * (x.score - y.score) || x.i - y.i);
    return all.slice(0, k).map(({ id, score: s }) => ({ id, score: s }));
  }
}

/** Fraction of `expected` ids that appear in `actual`. */
export function recall(expected: readonly unknown[], actual: readonly unknown[]): number {
  const got = new Set(actual.map(String));
  return expected.filter((id) => got.has(String(id))).length / expected.length;
}
