// Original file: proto/hqdb/v1/common.proto

import type { PointId as _hqdb_v1_PointId, PointId__Output as _hqdb_v1_PointId__Output } from '../../hqdb/v1/PointId.js';

/**
 * A list of point ids.
 */
export interface PointIdList {
  /**
   * The ids, in order.
   */
  'ids'?: (_hqdb_v1_PointId)[];
}

/**
 * A list of point ids.
 */
export interface PointIdList__Output {
  /**
   * The ids, in order.
   */
  'ids'?: (_hqdb_v1_PointId__Output)[];
}
