// Original file: proto/hqdb/v1/points.proto

import type { ScoredPoint as _hqdb_v1_ScoredPoint, ScoredPoint__Output as _hqdb_v1_ScoredPoint__Output } from '../../hqdb/v1/ScoredPoint.js';

export interface QueryPointsResponse {
  /**
   * The results, best first.
   */
  'points'?: (_hqdb_v1_ScoredPoint)[];
}

export interface QueryPointsResponse__Output {
  /**
   * The results, best first.
   */
  'points'?: (_hqdb_v1_ScoredPoint__Output)[];
}
