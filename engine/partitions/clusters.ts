// Clusters inside a flat partition (IVF within a layout's leaf): k-means over the
// partition's live rows, whose order the worker then makes the clusters' order, so
// that a cluster is a contiguous run of rows and its rows that a filter allows are
// a run of the filter's bitmap. Approximate batch queries probe their nearest
// clusters until these hold enough of the rows they may return (the kernel's
// scanProbes); exact queries still scan every row their filter allows.

import { normalizeInPlace } from '../../index/distance.js';
import { KERNEL, type KernelMetric } from '../../index/kernel.js';
import { moveCentroids } from '../layout/kmeans.js';

/** Lloyd iterations: the assignment barely moves after a handful on clustered data. */
const ITERATIONS = 6;
/** Rows assigned per kernel call. */
const CHUNK = 4096;
/**
 * Rows per centroid the iterations train on (an evenly spaced sample, as IVF indexes train
 * on some tens of points per list); every row is then assigned once to its nearest centroid.
 * (The index step of a 100k x 128-d layout build, clustering included: 2.0 s training on every row, 1.0 s on the sample.)
 */
const TRAIN_PER_CLUSTER = 64;

export interface PartitionClusters {
  /** clusters x dim values. */
  centroids: Float32Array;
  /** Cluster c holds rows [offsets[c], offsets[c + 1]); rows past offsets[clusters] are the tail written since. */
  offsets: Int32Array;
  /** The metric centroids are ranked by (the partition's own). */
  metric: KernelMetric;
}

export interface Clustering {
  clusters: PartitionClusters;
  /** The rows in their new order: new row i is old row order[i]. */
  order: Int32Array;
}

/**
 * k-means (squared L2, centroids seeded at evenly spaced rows) over `rows` of
 * `data`, about `perCluster` rows per cluster. With a normalised metric (cosine)
 * it is spherical k-means: centroids are normalised after every update and rows
 * assigned by dot product, the ranking queries probe clusters by (assigning by L2
 * to centroids normalised only at the end put rows in clusters their nearest
 * queries would not rank first).
 */
export function clusterRows(data: Float32Array, dim: number, rows: Int32Array, perCluster: number, metric: KernelMetric, normalise: boolean): Clustering {
  const n = rows.length;
  const k = Math.max(1, Math.round(n / Math.max(1, perCluster)));
  const centroids = new Float32Array(k * dim);
  for (let c = 0; c < k; c++) {
    const r = rows[Math.floor(((c + 0.5) * n) / k)];
    centroids.set(data.subarray(r * dim, (r + 1) * dim), c * dim);
  }
  const train = n > TRAIN_PER_CLUSTER * k ? Int32Array.from({ length: TRAIN_PER_CLUSTER * k }, (_, i) => rows[Math.floor(((i + 0.5) * n) / (TRAIN_PER_CLUSTER * k))]) : rows;
  const assignment = new Int32Array(n);
  const ids = Int32Array.from({ length: k }, (_, c) => c);
  const byMetric: KernelMetric = normalise ? 0 : 1;
  const normaliseCentroids = (): void => {
    for (let c = 0; c < k; c++) normalizeInPlace(centroids.subarray(c * dim, (c + 1) * dim));
  };
  /** Each of `of` to its nearest centroid, into `into`. */
  const assign = (of: Int32Array, into: Int32Array): void => {
    const block = new Float32Array(Math.min(CHUNK, of.length) * dim);
    for (let s = 0; s < of.length; s += CHUNK) {
      const nq = Math.min(CHUNK, of.length - s);
      for (let i = 0; i < nq; i++) block.set(data.subarray(of[s + i] * dim, (of[s + i] + 1) * dim), i * dim);
      const r = KERNEL.scanGroup(centroids, dim, block, nq, ids, k, new Uint32Array(1), new Int32Array(nq).fill(-1), 0, byMetric, 1);
      for (let i = 0; i < nq; i++) into[s + i] = r.labels[i];
    }
  };
  if (normalise) normaliseCentroids();
  const trained = train === rows ? assignment : new Int32Array(train.length);
  for (let iter = 0; iter < ITERATIONS; iter++) {
    assign(train, trained);
    // (An empty cluster keeps its centroid: it holds no rows, so no query probes it.)
    moveCentroids(centroids, dim, data, trained, train);
    if (normalise) normaliseCentroids();
  }
  assign(rows, assignment);
  // Counting sort of the rows by cluster (stable: rows keep their order inside a cluster).
  const offsets = new Int32Array(k + 1);
  for (let i = 0; i < n; i++) offsets[assignment[i] + 1]++;
  for (let c = 0; c < k; c++) offsets[c + 1] += offsets[c];
  const at = offsets.slice(0, k);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[at[assignment[i]]++] = rows[i];
  return { clusters: { centroids, offsets, metric }, order };
}
