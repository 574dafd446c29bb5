// Vector clusters for the layout's cluster cuts: k-means (Lloyd) over a sample,
// and the nearest centroids of a vector, both by squared L2 (index/distance.ts).

import { squaredL2 } from '../../index/distance.js';

/** Lloyd iterations of the k-means behind vector-cluster cuts. */
const ITERATIONS = 10;

export interface Centroids {
  /** clusters x dim values. */
  readonly values: Float32Array;
  readonly dim: number;
}

export function clusterCount(c: Centroids): number {
  return c.values.length / c.dim;
}

/** The `n` clusters nearest to a vector, nearest first. */
export function nearestClusters(c: Centroids, vector: Float32Array, n: number): number[] {
  const k = clusterCount(c);
  const d: { i: number; d: number }[] = [];
  for (let i = 0; i < k; i++) d.push({ i, d: squaredL2(vector, 0, c.values, i * c.dim, c.dim) });
  return d.sort((a, b) => a.d - b.d).slice(0, n).map((e) => e.i);
}

/** k-means over the rows of `vectors`, seeded with evenly spaced rows; `tick` is awaited now and then. */
export async function kmeans(vectors: Float32Array, dim: number, k: number, tick: () => Promise<void>): Promise<{ centroids: Centroids; assignment: Int32Array }> {
  const n = vectors.length / dim;
  const values = new Float32Array(k * dim);
  for (let c = 0; c < k; c++) {
    const row = Math.floor((c * n) / k);
    values.set(vectors.subarray(row * dim, (row + 1) * dim), c * dim);
  }
  const assignment = new Int32Array(n);
  for (let iter = 0; iter < ITERATIONS; iter++) {
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestD = Infinity;
      for (let c = 0; c < k; c++) {
        const d = squaredL2(vectors, i * dim, values, c * dim, dim);
        if (d < bestD) {
          bestD = d;
          best = c;
        }
      }
      assignment[i] = best;
      if ((i & 1023) === 1023) await tick();
    }
    moveCentroids(values, dim, vectors, assignment);
  }
  return { centroids: { values, dim }, assignment };
}

/**
 * Lloyd's update: each centroid moves to the mean of the rows assigned to it (row i of
 * the assignment is row `rows[i]` of `data`, or row i without `rows`); an empty
 * cluster keeps its centroid.
 */
export function moveCentroids(centroids: Float32Array, dim: number, data: Float32Array, assignment: Int32Array, rows?: Int32Array): void {
  const k = centroids.length / dim;
  const sums = new Float64Array(k * dim);
  const counts = new Int32Array(k);
  for (let i = 0; i < assignment.length; i++) {
    const c = assignment[i];
    counts[c]++;
    const at = (rows ? rows[i] : i) * dim;
    for (let d = 0; d < dim; d++) sums[c * dim + d] += data[at + d];
  }
  for (let c = 0; c < k; c++) if (counts[c] > 0) for (let d = 0; d < dim; d++) centroids[c * dim + d] = sums[c * dim + d] / counts[c];
}
