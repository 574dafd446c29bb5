// Original file: proto/hqdb/v1/points.proto

import type { RetrievedPoint as _hqdb_v1_RetrievedPoint, RetrievedPoint__Output as _hqdb_v1_RetrievedPoint__Output } from '../../hqdb/v1/RetrievedPoint.js';

export interface GetPointsResponse {
  /**
   * The points found, in the order asked.
   */
  'points'?: (_hqdb_v1_RetrievedPoint)[];
}

export interface GetPointsResponse__Output {
  /**
   * The points found, in the order asked.
   */
  'points'?: (_hqdb_v1_RetrievedPoint__Output)[];
}
