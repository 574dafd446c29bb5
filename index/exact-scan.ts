// Exact nearest-neighbour scan over a set of labels with a distance kernel.
// This is the portable kernel; the planner calls it for exact search and for
// the not-yet-indexed tail of a segment.

import type { DistanceKernel } from './distance.js';
import { TopK, type Neighbours } from './top-k.js';

export function exactScan(
  data: Float32Array,
  dim: number,
  kernel: DistanceKernel,
  query: Float32Array,
  labels: Iterable<number>,
  k: number,
): Neighbours {
  const heap = new TopK(k);
  for (const label of labels) {
    heap.push(label, kernel(query, 0, data, label * dim, dim));
  }
  return heap.sorted();
}
