// The one interface every measured system implements. A system builds (or
// imports) the dataset, answers filtered k-NN queries at a given setting of
// its search parameter, and reports its size on disk. Ids are dataset rows.

import type { Dataset } from '../datasets/dataset.js';
import type { Filter } from '../filter/filter.js';
import type { PayloadTable } from '../filter/payload-table.js';
import type { LayoutStats } from '../runner/result.js';
import type { HybridQuery } from '../workloads/workload.js';

export interface SearchRequest {
  readonly vector: Float32Array;
  readonly filter?: Filter;
  readonly k: number;
}

export interface BuildContext {
  readonly dataset: Dataset;
  readonly table: PayloadTable;
  /** A fresh directory the system may write its files to. */
  readonly workDir: string;
  /** The "past workload" (first 25%): a system may learn a layout from it during build. */
  readonly past: readonly HybridQuery[];
  progress(label: string, done: number, total: number): void;
  log(message: string): void;
}

export interface SweepParam {
  /** e.g. "ef", "nprobes". */
  readonly name: string;
  /** Ascending cost; the runner stops after the first value reaching the recall target (plus one). */
  readonly values: readonly number[];
}

export interface BenchSystem {
  readonly name: string;
  /** One line for the report: what this system is and how it is configured. */
  readonly description: string;
  /** The swept search parameter; absent for exact systems (searched once, param 0). */
  readonly sweep?: SweepParam;
  build(ctx: BuildContext): Promise<void>;
  /** Row ids of the k nearest points satisfying the filter, nearest first. */
  search(req: SearchRequest, param: number): Promise<ArrayLike<number>>;
  /** Optional batch API, measured as a separate throughput figure. */
  searchBatch?(reqs: readonly SearchRequest[], param: number): Promise<ArrayLike<number>[]>;
  /**
   * Optional and untimed: every query of the workload, once, before any is timed. Only for
   * inputs the harness computes for a system instead of charging it (the Python peers'
   * filter bitmaps), never for answers.
   */
  prepare?(reqs: readonly SearchRequest[]): Promise<void>;
  /** Bytes of the system's files on disk (index and data), after build. */
  diskBytes(): Promise<number>;
  /** Process whose peak RSS should be reported instead of the harness's own (e.g. a server). */
  externalPid?(): number | undefined;
  /** A layout learnt at build time from the past workload: how long it took, its partitions, its memory. */
  layoutStats?(): LayoutStats | undefined;
  close(): Promise<void>;
}

/** A query the system cannot answer (e.g. a filter it does not support yet): recorded, not fatal. */
export class UnsupportedQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedQueryError';
  }
}

/** Peers and servers that are not installed or not built: the system is skipped with this reason. */
export class SystemUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SystemUnavailableError';
  }
}
