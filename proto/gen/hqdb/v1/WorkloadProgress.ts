// Original file: proto/hqdb/v1/workloads.proto

import type { WorkloadInfo as _hqdb_v1_WorkloadInfo, WorkloadInfo__Output as _hqdb_v1_WorkloadInfo__Output } from '../../hqdb/v1/WorkloadInfo.js';

export interface WorkloadProgress {
  /**
   * The job when the message was sent.
   */
  'workload'?: (_hqdb_v1_WorkloadInfo | null);
  /**
   * True on the last message of the stream: the job has ended.
   */
  'ended'?: (boolean);
}

export interface WorkloadProgress__Output {
  /**
   * The job when the message was sent.
   */
  'workload'?: (_hqdb_v1_WorkloadInfo__Output);
  /**
   * True on the last message of the stream: the job has ended.
   */
  'ended'?: (boolean);
}
