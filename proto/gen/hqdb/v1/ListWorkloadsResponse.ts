// Original file: proto/hqdb/v1/workloads.proto

import type { WorkloadInfo as _hqdb_v1_WorkloadInfo, WorkloadInfo__Output as _hqdb_v1_WorkloadInfo__Output } from '../../hqdb/v1/WorkloadInfo.js';

export interface ListWorkloadsResponse {
  /**
   * Oldest first.
   */
  'workloads'?: (_hqdb_v1_WorkloadInfo)[];
}

export interface ListWorkloadsResponse__Output {
  /**
   * Oldest first.
   */
  'workloads'?: (_hqdb_v1_WorkloadInfo__Output)[];
}
