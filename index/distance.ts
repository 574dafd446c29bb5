// Distance functions and how each Qdrant distance maps onto them.
// Inside hqdb every distance is "smaller is better": Cosine and Dot use the
// negated dot product (Cosine vectors are normalised at write), Euclid the
// squared L2 distance, Manhattan the L1 distance. Scores are converted back
// to Qdrant's semantics only at the edge (toScore).

import type { Distance } from '../core/types.js';
import type { KernelMetric } from './kernel.js';

export type DistanceKernel = (a: Float32Array, aOff: number, b: Float32Array, bOff: number, dim: number) => number;

export function negDot(a: Float32Array, aOff: number, b: Float32Array, bOff: number, dim: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let i = 0;
  for (; i + 4 <= dim; i += 4) {
    s0 += a[aOff + i] * b[bOff + i];
    s1 += a[aOff + i + 1] * b[bOff + i + 1];
    s2 += a[aOff + i + 2] * b[bOff + i + 2];
    s3 += a[aOff + i + 3] * b[bOff + i + 3];
  }
  for (; i < dim; i++) s0 += a[aOff + i] * b[bOff + i];
  return -(s0 + s1 + s2 + s3);
}

export function squaredL2(a: Float32Array, aOff: number, b: Float32Array, bOff: number, dim: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let i = 0;
  for (; i + 4 <= dim; i += 4) {
    const d0 = a[aOff + i] - b[bOff + i];
    const d1 = a[aOff + i + 1] - b[bOff + i + 1];
    const d2 = a[aOff + i + 2] - b[bOff + i + 2];
    const d3 = a[aOff + i + 3] - b[bOff + i + 3];
    s0 += d0 * d0; s1 += d1 * d1; s2 += d2 * d2; s3 += d3 * d3;
  }
  for (; i < dim; i++) { const d = a[aOff + i] - b[bOff + i]; s0 += d * d; }
  return s0 + s1 + s2 + s3;
}

export function l1(a: Float32Array, aOff: number, b: Float32Array, bOff: number, dim: number): number {
  let s0 = 0, s1 = 0;
  let i = 0;
  for (; i + 2 <= dim; i += 2) {
    s0 += Math.abs(a[aOff + i] - b[bOff + i]);
    s1 += Math.abs(a[aOff + i + 1] - b[bOff + i + 1]);
  }
  for (; i < dim; i++) s0 += Math.abs(a[aOff + i] - b[bOff + i]);
  return s0 + s1;
}

export interface Metric {
  readonly distance: Distance;
  /** The hnswlib space the graph is built in. */
  readonly space: 'ip' | 'l2';
  /** Vectors are normalised to unit length before they are stored. */
  readonly normalize: boolean;
  /** Graph distances are only a proxy: candidates must be re-scored with `kernel`. */
  readonly rerank: boolean;
  readonly kernel: DistanceKernel;
  /** The same distance in the native scan kernel. */
  readonly kernelId: KernelMetric;
  /** Internal distance to the score Qdrant reports. */
  toScore(d: number): number;
  /** True when a higher score is better (Cosine, Dot). */
  readonly higherIsBetter: boolean;
  /** Converts an hnswlib distance in `space` to the internal distance. */
  fromGraph(d: number): number;
}

const METRICS: Record<Distance, Metric> = {
  Cosine: {
    distance: 'Cosine', space: 'ip', normalize: true, rerank: false, kernel: negDot, kernelId: 0, higherIsBetter: true,
    toScore: (d) => -d, fromGraph: (d) => d - 1,
  },
  Dot: {
    distance: 'Dot', space: 'ip', normalize: false, rerank: false, kernel: negDot, kernelId: 0, higherIsBetter: true,
    toScore: (d) => -d, fromGraph: (d) => d - 1,
  },
  Euclid: {
    distance: 'Euclid', space: 'l2', normalize: false, rerank: false, kernel: squaredL2, kernelId: 1, higherIsBetter: false,
    toScore: (d) => Math.sqrt(Math.max(0, d)), fromGraph: (d) => d,
  },
  // hnswlib has no L1 space: the graph is built in L2, which ranks neighbours
  // closely enough to serve as a candidate generator, and candidates are re-scored in L1.
  Manhattan: {
    distance: 'Manhattan', space: 'l2', normalize: false, rerank: true, kernel: l1, kernelId: 2, higherIsBetter: false,
    toScore: (d) => d, fromGraph: (d) => d,
  },
};

export function metricFor(distance: Distance): Metric {
  return METRICS[distance];
}

/** Scales v to unit length in place; a zero vector stays zero. */
export function normalizeInPlace(v: Float32Array): Float32Array {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  if (s > 0) {
    const inv = 1 / Math.sqrt(s);
    for (let i = 0; i < v.length; i++) v[i] *= inv;
  }
  return v;
}
