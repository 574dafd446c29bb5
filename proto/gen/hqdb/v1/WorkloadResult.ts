// Original file: proto/hqdb/v1/workloads.proto

import type { WorkloadQueryId as _hqdb_v1_WorkloadQueryId, WorkloadQueryId__Output as _hqdb_v1_WorkloadQueryId__Output } from '../../hqdb/v1/WorkloadQueryId.js';
import type { WorkloadPoint as _hqdb_v1_WorkloadPoint, WorkloadPoint__Output as _hqdb_v1_WorkloadPoint__Output } from '../../hqdb/v1/WorkloadPoint.js';
import type { WorkloadLineError as _hqdb_v1_WorkloadLineError, WorkloadLineError__Output as _hqdb_v1_WorkloadLineError__Output } from '../../hqdb/v1/WorkloadLineError.js';

/**
 * One result line.
 */
export interface WorkloadResult {
  /**
   * The client's id, or the line number.
   */
  'id'?: (_hqdb_v1_WorkloadQueryId | null);
  /**
   * The points, best first; empty when `error` is set.
   */
  'points'?: (_hqdb_v1_WorkloadPoint)[];
  /**
   * Set when the line could not run.
   */
  'error'?: (_hqdb_v1_WorkloadLineError | null);
}

/**
 * One result line.
 */
export interface WorkloadResult__Output {
  /**
   * The client's id, or the line number.
   */
  'id'?: (_hqdb_v1_WorkloadQueryId__Output);
  /**
   * The points, best first; empty when `error` is set.
   */
  'points'?: (_hqdb_v1_WorkloadPoint__Output)[];
  /**
   * Set when the line could not run.
   */
  'error'?: (_hqdb_v1_WorkloadLineError__Output);
}
