// The shape of a run's results, as written to bench/results/<suite>-<date>.json
// and read back by the report writers.

export interface SweepPoint {
  param: number;
  queries: number;
  unsupported: number;
  recall: number;
  qps: number;
}

export interface TemplateStats {
  template: string;
  queries: number;
  unsupported: number;
  recall: number;
  qps: number;
  p50Ms: number;
  p99Ms: number;
}

export interface FinalStats {
  param: number;
  reachedTarget: boolean;
  /** Queries measured: the whole workload unless the time budget cut the run short. */
  queries: number;
  unsupported: number;
  recall: number;
  qps: number;
  p50Ms: number;
  p99Ms: number;
  perTemplate: TemplateStats[];
  /**
   * Throughput through the system's batch API on the supported queries, at the cheapest
   * setting whose batches reach the recall target overall and on every template (measure.ts).
   */
  batch?: { size: number; qps: number; recall: number; param: number; worstTemplate: number; reachedTarget: boolean };
  /** Per measured query (index = workload position), -1 if unsupported. Used for comparisons, not written out. */
  latenciesMs?: number[];
}

/** Throughput relative to the baseline over the same queries (see report/compare.ts). */
export interface Comparison {
  /** Baseline time / system time over the common queries: > 1 means faster than the baseline. */
  ratio: number;
  /** Queries the ratio covers. */
  queries: number;
  perTemplate: Record<string, number>;
  batchRatio?: number;
}

/** A layout a system learnt from the past workload during build (hqdb-layout); part of buildS. */
export interface LayoutStats {
  /** Wall-clock seconds from the build request until every partition was indexed. */
  seconds: number;
  /** The engine's own figure for the build (BuildView.seconds). */
  engineSeconds: number;
  pastQueries: number;
  distinctFilters?: number;
  partitions: number;
  flatPartitions: number;
  largestPartition: number;
  smallestPartition: number;
  /** Whether the whole-collection index was kept as a fallback. */
  globalIndex: boolean;
  /** process.memoryUsage().rss right before the build and right after it. */
  rssBeforeBytes: number;
  rssAfterBytes: number;
  /** Peak RSS of the process (maxRSS) before and after the build. */
  peakRssBeforeBytes: number;
  peakRssAfterBytes: number;
}

export type RssMode = 'child-process' | 'server-process' | 'in-process-delta';

export interface SystemResult {
  system: string;
  description: string;
  status: 'ok' | 'skipped' | 'failed';
  reason?: string;
  paramName?: string;
  sweep: SweepPoint[];
  final?: FinalStats;
  vsBaseline?: Comparison;
  /**
   * Throughput relative to the system this one is a variant of (hqdb-layout against hqdb),
   * over the same queries, when both ran.
   */
  vsReference?: Comparison & { system: string };
  /** The layout learnt at build time, if the system learns one. */
  layout?: LayoutStats;
  buildS?: number;
  diskBytes?: number;
  /** Peak resident set size; see rssMode for what it covers. */
  peakRssBytes?: number;
  /** RSS of the harness with the dataset loaded, before the system was built (child-process mode). */
  baseRssBytes?: number;
  rssMode?: RssMode;
  /** Messages the system logged (e.g. features it fell back from). */
  notes: string[];
}

export interface RunResult {
  suite: string;
  description: string;
  startedAt: string;
  finishedAt: string;
  commit: string;
  machine: { cpu: string; cores: number; memoryGiB: number; node: string; platform: string; flags: string };
  dataset: { name: string; n: number; dim: number };
  workload: {
    name: string;
    queries: number;
    pastCount: number;
    k: number;
    target: number;
    sweepQueries: number;
    histogram: { label: string; count: number }[];
    templates: { template: string; queries: number; share: number; medianSelectivity: number }[];
  };
  prepare: { datasetS: number; workloadS: number; truthS: number; truthCached: boolean };
  baseline: string;
  systems: SystemResult[];
}
