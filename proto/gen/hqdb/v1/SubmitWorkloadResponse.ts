// Original file: proto/hqdb/v1/workloads.proto

import type { WorkloadStatus as _hqdb_v1_WorkloadStatus, WorkloadStatus__Output as _hqdb_v1_WorkloadStatus__Output } from '../../hqdb/v1/WorkloadStatus.js';

export interface SubmitWorkloadResponse {
  /**
   * The job's id.
   */
  'id'?: (string);
  /**
   * Always WORKLOAD_QUEUED.
   */
  'status'?: (_hqdb_v1_WorkloadStatus);
}

export interface SubmitWorkloadResponse__Output {
  /**
   * The job's id.
   */
  'id'?: (string);
  /**
   * Always WORKLOAD_QUEUED.
   */
  'status'?: (_hqdb_v1_WorkloadStatus__Output);
}
