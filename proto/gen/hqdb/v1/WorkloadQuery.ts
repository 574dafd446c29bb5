// Original file: proto/hqdb/v1/workloads.proto

import type { WorkloadQueryId as _hqdb_v1_WorkloadQueryId, WorkloadQueryId__Output as _hqdb_v1_WorkloadQueryId__Output } from '../../hqdb/v1/WorkloadQueryId.js';
import type { QueryPointsRequest as _hqdb_v1_QueryPointsRequest, QueryPointsRequest__Output as _hqdb_v1_QueryPointsRequest__Output } from '../../hqdb/v1/QueryPointsRequest.js';

/**
 * One query of a workload.
 */
export interface WorkloadQuery {
  /**
   * The client's id (optional).
   */
  'id'?: (_hqdb_v1_WorkloadQueryId | null);
  /**
   * The query, as Points.Query takes it; collection_name empty or the job's.
   * A query that cannot be read fails only its own line.
   */
  'query'?: (_hqdb_v1_QueryPointsRequest | null);
}

/**
 * One query of a workload.
 */
export interface WorkloadQuery__Output {
  /**
   * The client's id (optional).
   */
  'id'?: (_hqdb_v1_WorkloadQueryId__Output);
  /**
   * The query, as Points.Query takes it; collection_name empty or the job's.
   * A query that cannot be read fails only its own line.
   */
  'query'?: (_hqdb_v1_QueryPointsRequest__Output);
}
