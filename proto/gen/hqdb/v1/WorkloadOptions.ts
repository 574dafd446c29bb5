// Original file: proto/hqdb/v1/workloads.proto

import type { WorkloadLayoutMode as _hqdb_v1_WorkloadLayoutMode, WorkloadLayoutMode__Output as _hqdb_v1_WorkloadLayoutMode__Output } from '../../hqdb/v1/WorkloadLayoutMode.js';
import type { WithPayloadSelector as _hqdb_v1_WithPayloadSelector, WithPayloadSelector__Output as _hqdb_v1_WithPayloadSelector__Output } from '../../hqdb/v1/WithPayloadSelector.js';

/**
 * A job's options; each applies to the queries that do not set it.
 */
export interface WorkloadOptions {
  /**
   * Default WORKLOAD_LAYOUT_KEEP.
   */
  'layout'?: (_hqdb_v1_WorkloadLayoutMode);
  /**
   * `limit` of queries that set none (default 10).
   */
  'limit'?: (number);
  /**
   * `with_payload` of queries that set none (default: none).
   */
  'with_payload'?: (_hqdb_v1_WithPayloadSelector | null);
  '_limit'?: "limit";
}

/**
 * A job's options; each applies to the queries that do not set it.
 */
export interface WorkloadOptions__Output {
  /**
   * Default WORKLOAD_LAYOUT_KEEP.
   */
  'layout'?: (_hqdb_v1_WorkloadLayoutMode__Output);
  /**
   * `limit` of queries that set none (default 10).
   */
  'limit'?: (number);
  /**
   * `with_payload` of queries that set none (default: none).
   */
  'with_payload'?: (_hqdb_v1_WithPayloadSelector__Output);
  '_limit'?: "limit";
}
