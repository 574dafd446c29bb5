// Original file: proto/hqdb/v1/points.proto

import type { QueryPointsRequest as _hqdb_v1_QueryPointsRequest, QueryPointsRequest__Output as _hqdb_v1_QueryPointsRequest__Output } from '../../hqdb/v1/QueryPointsRequest.js';

export interface QueryBatchRequest {
  /**
   * The collection name.
   */
  'collection_name'?: (string);
  /**
   * The queries (at most service.max_batch_points).
   */
  'queries'?: (_hqdb_v1_QueryPointsRequest)[];
}

export interface QueryBatchRequest__Output {
  /**
   * The collection name.
   */
  'collection_name'?: (string);
  /**
   * The queries (at most service.max_batch_points).
   */
  'queries'?: (_hqdb_v1_QueryPointsRequest__Output)[];
}
