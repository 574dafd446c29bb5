// The shapes of the layout API (REST `/collections/{c}/layout`, gRPC
// `hqdb.v1.Layout`): what a build request may say and what a layout reports.

import type { QueryRequest } from '../requests.js';
import type { TreeNodeView } from './qd-tree.js';

/** The body of `POST /collections/{c}/layout`, as received (validated by parseBuildRequest). */
export interface LayoutBuildRequest {
  /** Where the workload comes from: the query log, a workload job, or `queries` below. */
  source?: 'log' | { workload: string } | null;
  /** An explicit workload: bodies of `points/query` (only `filter` matters for the cuts). */
  queries?: QueryRequest[] | null;
  /** Smallest partition a cut may create (default from config `layout.min_partition_size`). */
  min_partition_size?: number | null;
  /** Most leaves the tree may have (default `layout.max_partitions`). */
  max_partitions?: number | null;
  /** Also consider vector-cluster cuts (`centroid IN S`) from k-means over the vectors. */
  vector_cuts?: boolean | null;
  /** Number of k-means clusters for vector cuts (default 16). */
  clusters?: number | null;
  /** Keep the whole-collection index as a fallback for queries that would visit many partitions. */
  global_index?: boolean | null;
  /**
   * Give large partitions HNSW graphs (true, the default: the layout serves online queries), or
   * make every partition a flat block that batches scan with the matrix kernel (false: built in
   * about the time it takes to copy the points, and learnt with the batch cost model).
   */
  graphs?: boolean | null;
}

export type LayoutStatus = 'none' | 'building' | 'ready' | 'failed';

export interface BuildView {
  id: string;
  status: 'building' | 'ready' | 'failed';
  progress: { done: number; total: number };
  error?: string;
  started_at: string;
  finished_at?: string;
  /** Wall-clock seconds the build took (or has taken so far). */
  seconds: number;
  /**
   * The workload the tree was learnt from: its queries and distinct filters, and
   * `sampled_filters` when the builder estimated its cost over a weighted sample of them
   * (layout.filter_sample).
   */
  workload?: { queries: number; distinct_filters: number; sampled_filters?: number };
}

export interface PartitionView {
  id: number;
  size: number;
  /** The cuts that define it, e.g. `genre = "jazz" AND NOT year in [1990, 2000)`; "all points" for the whole collection. */
  description: string;
  index: 'hnsw' | 'flat';
  /** HNSW parameters; for a flat partition once its worker has clustered it, its clusters (IVF) and the rows they hold (later writes wait in a tail). */
  params: { m?: number; ef_construct?: number; clusters?: number; clustered_rows?: number };
  /** Queries that have searched this partition since it was created. */
  hits: number;
  /** The worker thread that owns it. */
  worker: number;
}

export interface LayoutView {
  status: LayoutStatus;
  build: BuildView | null;
  /** The partitions serving queries now. */
  partitions: PartitionView[];
  /** The cuts; null without a layout. */
  tree: TreeNodeView | null;
  /** The whole-collection index kept as a fallback, when there is one. */
  global_index: PartitionView | null;
}
