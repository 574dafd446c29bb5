// Original file: proto/hqdb/v1/common.proto

import type { PointId as _hqdb_v1_PointId, PointId__Output as _hqdb_v1_PointId__Output } from '../../hqdb/v1/PointId.js';

/**
 * Matches points with one of these ids.
 */
export interface HasIdCondition {
  /**
   * The ids.
   */
  'ids'?: (_hqdb_v1_PointId)[];
}

/**
 * Matches points with one of these ids.
 */
export interface HasIdCondition__Output {
  /**
   * The ids.
   */
  'ids'?: (_hqdb_v1_PointId__Output)[];
}
