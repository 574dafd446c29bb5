// Original file: proto/hqdb/v1/workloads.proto

import type { WorkloadStatus as _hqdb_v1_WorkloadStatus, WorkloadStatus__Output as _hqdb_v1_WorkloadStatus__Output } from '../../hqdb/v1/WorkloadStatus.js';
import type { WorkloadProgressCount as _hqdb_v1_WorkloadProgressCount, WorkloadProgressCount__Output as _hqdb_v1_WorkloadProgressCount__Output } from '../../hqdb/v1/WorkloadProgressCount.js';
import type { WorkloadOptions as _hqdb_v1_WorkloadOptions, WorkloadOptions__Output as _hqdb_v1_WorkloadOptions__Output } from '../../hqdb/v1/WorkloadOptions.js';
import type { Struct as _google_protobuf_Struct, Struct__Output as _google_protobuf_Struct__Output } from '../../google/protobuf/Struct.js';

/**
 * A job, as REST's GET /collections/{name}/workloads/{id} reports it.
 */
export interface WorkloadInfo {
  /**
   * The job's id.
   */
  'id'?: (string);
  /**
   * The collection name.
   */
  'collection_name'?: (string);
  'status'?: (_hqdb_v1_WorkloadStatus);
  'progress'?: (_hqdb_v1_WorkloadProgressCount | null);
  /**
   * Lines answered with an error.
   */
  'failed_lines'?: (number);
  /**
   * Lines answered per second of running time (an optimise job's layout build not counted).
   */
  'queries_per_second'?: (number | string);
  /**
   * Running time so far, in seconds.
   */
  'running_seconds'?: (number | string);
  /**
   * The options, with defaults applied.
   */
  'options'?: (_hqdb_v1_WorkloadOptions | null);
  /**
   * Statistics exactly as REST's `stats` object (queries, failed_lines,
   * chunks, distinct_filters, layout, executor). A Struct because they are
   * data that grow with the executor.
   */
  'stats'?: (_google_protobuf_Struct | null);
  /**
   * Why the job failed (WORKLOAD_FAILED only).
   */
  'error'?: (string);
  /**
   * RFC 3339 times; started_at and finished_at are unset until they happen.
   */
  'created_at'?: (string);
  'started_at'?: (string);
  'finished_at'?: (string);
  '_error'?: "error";
  '_started_at'?: "started_at";
  '_finished_at'?: "finished_at";
}

/**
 * A job, as REST's GET /collections/{name}/workloads/{id} reports it.
 */
export interface WorkloadInfo__Output {
  /**
   * The job's id.
   */
  'id'?: (string);
  /**
   * The collection name.
   */
  'collection_name'?: (string);
  'status'?: (_hqdb_v1_WorkloadStatus__Output);
  'progress'?: (_hqdb_v1_WorkloadProgressCount__Output);
  /**
   * Lines answered with an error.
   */
  'failed_lines'?: (number);
  /**
   * Lines answered per second of running time (an optimise job's layout build not counted).
   */
  'queries_per_second'?: (number);
  /**
   * Running time so far, in seconds.
   */
  'running_seconds'?: (number);
  /**
   * The options, with defaults applied.
   */
  'options'?: (_hqdb_v1_WorkloadOptions__Output);
  /**
   * Statistics exactly as REST's `stats` object (queries, failed_lines,
   * chunks, distinct_filters, layout, executor). A Struct because they are
   * data that grow with the executor.
   */
  'stats'?: (_google_protobuf_Struct__Output);
  /**
   * Why the job failed (WORKLOAD_FAILED only).
   */
  'error'?: (string);
  /**
   * RFC 3339 times; started_at and finished_at are unset until they happen.
   */
  'created_at'?: (string);
  'started_at'?: (string);
  'finished_at'?: (string);
  '_error'?: "error";
  '_started_at'?: "started_at";
  '_finished_at'?: "finished_at";
}
