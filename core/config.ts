// Server configuration: defaults, overridden by an optional JSON file
// (HQDB_CONFIG=path) and then by environment variables named
// HQDB__SECTION__KEY (for example HQDB__SERVICE__HTTP_PORT=7000).

import { readFileSync } from 'node:fs';
import { HqdbError } from './errors.js';

export interface Config {
  service: {
    host: string;
    http_port: number;
    grpc_port: number;
    /** Largest gRPC message accepted or sent, in megabytes (larger: RESOURCE_EXHAUSTED). */
    grpc_max_message_mb: number;
    /** Largest accepted request body, in megabytes. */
    max_request_size_mb: number;
    /** Largest number of points a single request may carry. */
    max_batch_points: number;
    /** Largest `limit` (plus offset) a query may ask for. */
    max_query_limit: number;
  };
  storage: {
    path: string;
    /** SQLite `synchronous` in WAL mode: FULL survives power loss, NORMAL survives process crashes. */
    sync: 'full' | 'normal';
    /** Seconds between background index snapshots while the index changes. */
    snapshot_interval_s: number;
  };
  index: {
    /** Milliseconds of HNSW insertion per event-loop turn before yielding to requests. */
    indexing_slice_ms: number;
    /** Minimum candidates fetched from the graph when Manhattan distance re-ranks them. */
    manhattan_rerank_min: number;
    /** Worker threads that own partitions and run their searches and HNSW insertions (0: one per core, at most 4). */
    workers: number;
    /**
     * Flat partitions are shared read-only with every other worker once their writes pause
     * (engine/partitions/host.ts), so that a batch's queries of one partition are split
     * across the workers instead of waiting on its owner. Off by default: on 2 cores, where
     * the main thread already keeps one of them half busy, splitting a partition's groups
     * cost ~15% more CPU per query (less sharing per scan) for no throughput
     * (bench/README.md, "Mirrors of flat partitions").
     */
    mirrors: boolean;
  };
  /** The bounded log of query filters that layouts are learnt from. */
  query_log: {
    max_entries: number;
    /** Milliseconds between flushes of logged queries to SQLite. */
    flush_interval_ms: number;
  };
  /** Defaults of layout builds (engine/layout/); a build request may override them. */
  layout: {
    min_partition_size: number;
    max_partitions: number;
    /** Points sampled to estimate the workload's cost while choosing cuts. */
    sample_size: number;
    /**
     * Distinct filters of the workload the cost is estimated over (drawn by weight when a
     * workload has more; 0 = all). The builder's time grows with them, its choices barely do.
     */
    filter_sample: number;
    /** Keep the whole-collection index beside the partitions, for queries that would visit too many. */
    global_index: boolean;
    /** Partitions of at most this many points are flat blocks scanned exactly instead of HNSW graphs. */
    flat_max_rows: number;
  };
  /** Named planner thresholds (engine/plan/planner.ts explains the cost model). */
  planner: {
    exact_max_rows: number;
    probe_exact_max_rows: number;
    probe_max: number;
    ef_boost_max: number;
    ef_max: number;
    scan_row_ns: number;
    scan_pass_ns: number;
    graph_level_us: number;
    batch_visit_us: number;
    batch_filter_us: number;
    ivf_cluster_rows: number;
    ivf_rows_per_ef: number;
    ivf_min_rows: number;
  };
  /** Workload jobs (engine/workloads.ts). */
  workloads: {
    /** A job whose share of failed lines exceeds this (0..1) ends as failed; its results are kept. */
    max_failed_share: number;
    /** Largest NDJSON workload body, in megabytes (streamed, so not bounded by service.max_request_size_mb). */
    max_body_mb: number;
    /**
     * Lines the runner reads, answers and writes per transaction. 4,096 answered a 20k-query
     * job 1.2x as fast as 1,024 (bench/core/workload-job.ts, answers at ~5,100 against ~4,200
     * q/s, three runs each): the executor's two lanes of 512 ran dry at the end of every chunk.
     */
    chunk_size: number;
  };
  log: {
    level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  };
}

export const DEFAULT_CONFIG: Config = {
  service: {
    host: '0.0.0.0',
    http_port: 6333,
    grpc_port: 6334,
    grpc_max_message_mb: 64,
    max_request_size_mb: 32,
    max_batch_points: 100_000,
    max_query_limit: 10_000,
  },
  storage: { path: './data', sync: 'full', snapshot_interval_s: 30 },
  index: { indexing_slice_ms: 8, manhattan_rerank_min: 200, workers: 0, mirrors: false },
  query_log: { max_entries: 100_000, flush_interval_ms: 1_000 },
  layout: { min_partition_size: 1_000, max_partitions: 64, sample_size: 16_384, filter_sample: 2_048, global_index: true, flat_max_rows: 2_000 },
  // Measured by bench/core/calibrate.ts at 100k x 128-d (bench/results/calibrate-*.json):
  // exact scan 0.06 ms at 500 matching rows and 0.2 ms at 2k, against 1-18 ms for a
  // filtered HNSW search when filter and query do not correlate; raising ef with
  // 1/selectivity only made filtered searches 5-15x slower for no recall, so it is off (1).
  // Batch group plans (engine/plan/group-plan.ts): the blocked kernel's share per query and row,
  // the pass over a row shared by its group, and the graph search it is compared with; a batch
  // visit's fixed cost and a filter's evaluation (engine/plan/cost.ts says how they were measured).
  planner: {
    exact_max_rows: 2_000, probe_exact_max_rows: 30_000, probe_max: 400, ef_boost_max: 1, ef_max: 2_000,
    scan_row_ns: 5, scan_pass_ns: 40, graph_level_us: 12, batch_visit_us: 50, batch_filter_us: 20,
    ivf_cluster_rows: 384, ivf_rows_per_ef: 32, ivf_min_rows: 200,
  },
  workloads: { max_failed_share: 0.5, max_body_mb: 1_024, chunk_size: 4_096 },
  log: { level: 'info' },
};

type Section = keyof Config;

/** Merges overrides (file, env, explicit) into the defaults, checking every key and type. */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: DeepPartial<Config> = {},
): Config {
  const config = structuredClone(DEFAULT_CONFIG);
  const file = env.HQDB_CONFIG;
  if (file) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new HqdbError('INVALID_CONFIG', `cannot read config file ${file}: ${(err as Error).message}`);
    }
    mergeInto(config, parsed as DeepPartial<Config>, `file ${file}`);
  }
  for (const [name, raw] of Object.entries(env)) {
    if (!name.startsWith('HQDB__') || raw === undefined) continue;
    const [section, key] = name.slice('HQDB__'.length).toLowerCase().split('__');
    if (!section || !key) throw new HqdbError('INVALID_CONFIG', `${name}: expected HQDB__SECTION__KEY`);
    setValue(config, section, key, raw, name);
  }
  mergeInto(config, overrides, 'overrides');
  return config;
}

export type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

function mergeInto(config: Config, partial: DeepPartial<Config>, origin: string): void {
  for (const [section, values] of Object.entries(partial ?? {})) {
    if (values === undefined) continue;
    if (typeof values !== 'object' || values === null) {
      throw new HqdbError('INVALID_CONFIG', `${origin}: section ${section} must be an object`);
    }
    for (const [key, value] of Object.entries(values as Record<string, unknown>)) {
      if (value !== undefined) setValue(config, section, key, value, `${origin}: ${section}.${key}`);
    }
  }
}

function setValue(config: Config, section: string, key: string, value: unknown, origin: string): void {
  if (!(section in config)) throw new HqdbError('INVALID_CONFIG', `${origin}: unknown section "${section}"`);
  const target = config[section as Section] as Record<string, unknown>;
  if (!(key in target)) throw new HqdbError('INVALID_CONFIG', `${origin}: unknown key "${section}.${key}"`);
  const current = target[key];
  if (typeof current === 'boolean') {
    const s = String(value).toLowerCase();
    if (s !== 'true' && s !== 'false') throw new HqdbError('INVALID_CONFIG', `${origin}: expected true or false, got "${String(value)}"`);
    target[key] = s === 'true';
  } else if (typeof current === 'number') {
    const n = typeof value === 'number' ? value : Number(value);
    if (!Number.isFinite(n) || n < 0) throw new HqdbError('INVALID_CONFIG', `${origin}: expected a non-negative number, got "${String(value)}"`);
    if (section === 'workloads' && key === 'max_failed_share' && n > 1) throw new HqdbError('INVALID_CONFIG', `${origin}: expected a share between 0 and 1, got ${n}`);
    if (section === 'workloads' && key === 'chunk_size' && (n < 1 || !Number.isInteger(n))) throw new HqdbError('INVALID_CONFIG', `${origin}: expected a positive integer, got ${n}`);
    target[key] = n;
  } else {
    const s = String(value);
    if (section === 'storage' && key === 'sync' && s !== 'full' && s !== 'normal') {
      throw new HqdbError('INVALID_CONFIG', `${origin}: expected "full" or "normal"`);
    }
    if (section === 'log' && key === 'level' && !['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(s)) {
      throw new HqdbError('INVALID_CONFIG', `${origin}: unknown log level "${s}"`);
    }
    target[key] = s;
  }
}
