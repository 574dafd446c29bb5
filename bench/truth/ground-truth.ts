// Ground truth: the exact filtered top-k of every query of a workload, computed
// once per (dataset, workload content) and cached on disk as int32 ids padded
// with -1 (k per query).

import type { Dataset } from '../datasets/dataset.js';
import { compileFilter } from '../filter/evaluate.js';
import type { PayloadTable } from '../filter/payload-table.js';
import { bytesOf, cachePath, fingerprint, readIfExists, writeAtomic } from '../lib/cache.js';
import type { Workload } from '../workloads/workload.js';
import { exactKnn } from './exact-knn.js';

export interface GroundTruth {
  readonly k: number;
  /** queries * k ids, -1 where fewer than k points match. */
  readonly ids: Int32Array;
}

export function truthOf(gt: GroundTruth, query: number): Int32Array {
  return gt.ids.subarray(query * gt.k, (query + 1) * gt.k);
}

export function computeGroundTruth(
  ds: Dataset,
  table: PayloadTable,
  w: Workload,
  onProgress?: (done: number, total: number) => void,
): GroundTruth {
  const k = w.k;
  const ids = new Int32Array(w.queries.length * k).fill(-1);
  w.queries.forEach((q, i) => {
    const knn = exactKnn(ds.vectors, ds.dim, q.vector, k, q.filter ? compileFilter(q.filter, table) : undefined);
    ids.set(knn.ids, i * k);
    if (onProgress && (i % 64 === 63 || i === w.queries.length - 1)) onProgress(i + 1, w.queries.length);
  });
  return { k, ids };
}

/** A key that changes whenever the dataset or any query (vector or filter) changes. */
export function groundTruthKey(ds: Dataset, w: Workload): string {
  const vectors = new Float32Array(w.queries.length * ds.dim);
  w.queries.forEach((q, i) => vectors.set(q.vector, i * ds.dim));
  const filters = JSON.stringify(w.queries.map((q) => q.filter ?? null));
  return `${w.name}-${fingerprint(bytesOf(vectors), filters, ds.name, String(ds.n))}`;
}

export function cachedGroundTruth(
  ds: Dataset,
  table: PayloadTable,
  w: Workload,
  onProgress?: (done: number, total: number) => void,
): { gt: GroundTruth; cached: boolean } {
  const path = cachePath('truth', `${groundTruthKey(ds, w)}.i32`);
  const hit = readIfExists(path);
  if (hit && hit.byteLength === w.queries.length * w.k * 4) {
    return { gt: { k: w.k, ids: new Int32Array(hit.buffer.slice(hit.byteOffset, hit.byteOffset + hit.byteLength)) }, cached: true };
  }
  const gt = computeGroundTruth(ds, table, w, onProgress);
  writeAtomic(path, bytesOf(gt.ids));
  return { gt, cached: false };
}
