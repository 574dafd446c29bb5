// The exact k-nearest-neighbour kernel (squared Euclidean distance) shared by
// ground truth and the `exact` baseline: scans the rows a predicate accepts and
// keeps the k closest, ties broken by the lower row, so results are deterministic.

import type { RowPredicate } from '../filter/evaluate.js';

export interface Knn {
  ids: Int32Array;
  distances: Float32Array;
}

export function squaredL2(a: Float32Array, aOff: number, b: Float32Array, dim: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = 0;
  for (; j + 3 < dim; j += 4) {
    const d0 = a[aOff + j] - b[j];
    const d1 = a[aOff + j + 1] - b[j + 1];
    const d2 = a[aOff + j + 2] - b[j + 2];
    const d3 = a[aOff + j + 3] - b[j + 3];
    s0 += d0 * d0;
    s1 += d1 * d1;
    s2 += d2 * d2;
    s3 += d3 * d3;
  }
  for (; j < dim; j++) {
    const d = a[aOff + j] - b[j];
    s0 += d * d;
  }
  return s0 + s1 + s2 + s3;
}

/** Exact top-k of `query` over the rows `accept` admits (all rows when omitted). */
export function exactKnn(vectors: Float32Array, dim: number, query: Float32Array, k: number, accept?: RowPredicate): Knn {
  const n = vectors.length / dim;
  const ids = new Int32Array(k).fill(-1);
  const dists = new Float64Array(k).fill(Infinity);
  let size = 0;
  for (let r = 0; r < n; r++) {
    if (accept && !accept(r)) continue;
    const d = squaredL2(vectors, r * dim, query, dim);
    if (size === k && d >= dists[k - 1]) continue;
    // Insertion into the sorted buffer; equal distances keep the earlier row first.
    let i = size < k ? size++ : k - 1;
    while (i > 0 && dists[i - 1] > d) {
      dists[i] = dists[i - 1];
      ids[i] = ids[i - 1];
      i--;
    }
    dists[i] = d;
    ids[i] = r;
  }
  return { ids: ids.slice(0, size), distances: Float32Array.from(dists.subarray(0, size)) };
}
