// Messages between the engine (main thread) and the partition workers.
// A worker owns the in-memory index of its partitions: vectors, HNSW graph,
// indexing and snapshots. The main thread keeps SQLite, payloads, filters and
// routing, and decides every partition-local label, so that a worker can be
// restarted from persisted state by replaying rows the main thread reads.
// Port order is FIFO: a search posted after a write sees the write.

import type { Distance } from '../../core/types.js';
import type { PlannerThresholds } from '../plan/planner.js';
import type { Fallback, Plan } from '../plan/planner.js';
import type { PartitionClusters } from './clusters.js';

export interface PartitionSpec {
  distance: Distance;
  dim: number;
  m: number;
  efConstruction: number;
  rerankMin: number;
  /** No graph: scanned exactly with the kernel. */
  flat: boolean;
  /** Local labels are collection labels (the whole-collection partition). */
  identity: boolean;
}

/** Which layout a partition belongs to and which leaf it is (absent for the whole-collection index). */
export interface Placement {
  layout: string;
  leaf: number;
}

export interface WriteBatch {
  locals: Int32Array;
  /** Collection label of each local one (absent for identity partitions). */
  globals?: Int32Array;
  seqs: Float64Array;
  /** locals.length * dim values. */
  vectors: Float32Array;
}

export interface SearchTarget {
  key: string;
  /** Every point of the partition satisfies the filter: search it unfiltered. */
  implied: boolean;
}

/** One query of a batch command: which vector and filter, and the partitions of this worker to search. */
export interface BatchQuery {
  /** Row of the query vector in `vectors`. */
  vec: number;
  k: number;
  ef: number;
  exact: boolean;
  /** Index of the filter's bitmap in `filters`, or -1 without a filter (or when every target is implied). */
  filter: number;
  matching: number;
  exclude: number[];
  targets: SearchTarget[];
}

/**
 * Queries in one message (the executor: a single query is a batch of one):
 * the worker groups them by partition and runs each partition's group
 * together (search.ts). Vectors and filter bitmaps are in shared memory, each
 * distinct filter once.
 */
export interface SearchBatchCommand {
  op: 'search-batch';
  /** Report, per query, what happened in each partition it visited (explain). */
  trace: boolean;
  id: number;
  /** Query vectors, row-major, dim floats each. */
  vectors: Float32Array;
  /** The distinct filters' bitmaps over collection labels. */
  filters: Uint32Array[];
  queries: BatchQuery[];
}

export interface BatchReply {
  /**
   * Per query, in command order: labels (collection labels) and distances, nearest
   * first, flat: query j's are at [offsets[j], offsets[j + 1]) (typed arrays cross
   * the thread boundary as one copy each, not one array per query).
   */
  labels: Int32Array;
  distances: Float64Array;
  offsets: Int32Array;
  /** How often each step answered a partition visit (for job statistics). */
  answeredBy: Record<string, number>;
  /** Exact scans run through the blocked multi-query kernel, and the queries they served. */
  blocks: number;
  blockedQueries: number;
  /** With `trace`: per query, in command order, one entry per partition of this worker it visited. */
  traces?: PartitionTrace[][];
}

/**
 * A flat partition shared read-only by its owner once its writes paused: its rows
 * (shared memory, never written again: VectorStore.share), live labels, local ->
 * collection labels and clusters. The host forwards it to the other workers, which
 * serve searches from it while no write has been posted to the partition since.
 */
export interface Mirror {
  key: string;
  spec: PartitionSpec;
  placement: Placement | null;
  /** Written labels the owner had received when it shared it (PartitionStats.received). */
  received: number;
  rows: Float32Array;
  /** Words of the live labels' bitmap (a copy). */
  live: Uint32Array;
  /** Labels ever used (one past the highest). */
  span: number;
  /** Local label -> collection label (absent for identity partitions). */
  globals?: Int32Array;
  clusters?: PartitionClusters;
}

export type Command =
  | { op: 'init'; id: number; thresholds: PlannerThresholds; sliceMs: number; mirrors: boolean }
  /** Serve searches of another worker's partition from its mirror (replacing an older one). */
  | { op: 'mirror'; mirror: Mirror }
  | { op: 'open'; id: number; key: string; spec: PartitionSpec; dir: string | null; placement: Placement | null }
  | { op: 'write'; key: string; upserts?: WriteBatch; removes?: Int32Array; restore?: boolean }
  | { op: 'finish-restore'; id: number; key: string }
  | SearchBatchCommand
  | { op: 'snapshot'; id: number; key: string; dir: string; seq: number }
  /** Forgets a partition, or this worker's mirror of it. */
  | { op: 'drop'; id: number; key: string }
  /**
   * Replies once the partition has indexed every row written before it: a graph
   * has inserted them, a flat partition due for clustering has been clustered
   * (later writes do not delay the reply). `false` if the partition is gone.
   */
  | { op: 'settle'; id: number; key: string }
  | { op: 'stats'; id: number }
  /** Test hook: the worker throws from its message handler and dies. */
  | { op: 'crash' };

export interface PartitionStats {
  key: string;
  live: number;
  indexed: number;
  backlog: number;
  dirty: boolean;
  /**
   * Written labels (upserted or removed) the worker has received for it since it was opened:
   * the host counts those it posted since, so a report that crossed a write on its way is
   * never read as covering it.
   */
  received: number;
  /** A flat partition's clusters (IVF) and the rows clustered; absent until it is clustered. */
  clusters?: number;
  clustered?: number;
}

export interface PartitionTrace {
  key: string;
  implied: boolean;
  matching: number;
  plan: Plan;
  answeredBy: Plan['kind'] | Fallback['kind'];
  fallback: boolean;
  /** Time spent in the worker on this partition (its share of its group's time in a batch). */
  ms: number;
}

export interface OpenReply {
  /** The graph came from a snapshot (its local labels are given by `mapping`, or identity). */
  loaded: boolean;
  mapping?: Int32Array;
  /** Why the snapshot was not used. */
  reason?: string;
}

export type Reply =
  | { op: 'reply'; id: number; result: unknown }
  | { op: 'reply'; id: number; error: { message: string; stack?: string } }
  | { op: 'stats'; parts: PartitionStats[] }
  | { op: 'mirror'; mirror: Mirror };
