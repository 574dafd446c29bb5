// Original file: proto/hqdb/v1/points.proto

import type { QueryPointsResponse as _hqdb_v1_QueryPointsResponse, QueryPointsResponse__Output as _hqdb_v1_QueryPointsResponse__Output } from '../../hqdb/v1/QueryPointsResponse.js';

export interface QueryBatchResponse {
  /**
   * One result list per query, in order.
   */
  'results'?: (_hqdb_v1_QueryPointsResponse)[];
}

export interface QueryBatchResponse__Output {
  /**
   * One result list per query, in order.
   */
  'results'?: (_hqdb_v1_QueryPointsResponse__Output)[];
}
