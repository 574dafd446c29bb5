// Original file: proto/hqdb/v1/workloads.proto

import type { WorkloadOptions as _hqdb_v1_WorkloadOptions, WorkloadOptions__Output as _hqdb_v1_WorkloadOptions__Output } from '../../hqdb/v1/WorkloadOptions.js';
import type { WorkloadQuery as _hqdb_v1_WorkloadQuery, WorkloadQuery__Output as _hqdb_v1_WorkloadQuery__Output } from '../../hqdb/v1/WorkloadQuery.js';

export interface SubmitWorkloadRequest {
  /**
   * The collection name: required on the first message, empty (or the same) on the others.
   */
  'collection_name'?: (string);
  /**
   * The job's options: on the first message only.
   */
  'options'?: (_hqdb_v1_WorkloadOptions | null);
  /**
   * Queries, numbered from 0 in the order they arrive across messages.
   */
  'queries'?: (_hqdb_v1_WorkloadQuery)[];
}

export interface SubmitWorkloadRequest__Output {
  /**
   * The collection name: required on the first message, empty (or the same) on the others.
   */
  'collection_name'?: (string);
  /**
   * The job's options: on the first message only.
   */
  'options'?: (_hqdb_v1_WorkloadOptions__Output);
  /**
   * Queries, numbered from 0 in the order they arrive across messages.
   */
  'queries'?: (_hqdb_v1_WorkloadQuery__Output)[];
}
