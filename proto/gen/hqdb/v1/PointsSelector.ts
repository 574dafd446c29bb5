// Original file: proto/hqdb/v1/common.proto

import type { PointIdList as _hqdb_v1_PointIdList, PointIdList__Output as _hqdb_v1_PointIdList__Output } from '../../hqdb/v1/PointIdList.js';
import type { Filter as _hqdb_v1_Filter, Filter__Output as _hqdb_v1_Filter__Output } from '../../hqdb/v1/Filter.js';

/**
 * Selects points by ids or by a filter. Exactly one must be set.
 */
export interface PointsSelector {
  /**
   * These points (unknown ids are ignored).
   */
  'points'?: (_hqdb_v1_PointIdList | null);
  /**
   * Every point the filter matches.
   */
  'filter'?: (_hqdb_v1_Filter | null);
  'kind'?: "points"|"filter";
}

/**
 * Selects points by ids or by a filter. Exactly one must be set.
 */
export interface PointsSelector__Output {
  /**
   * These points (unknown ids are ignored).
   */
  'points'?: (_hqdb_v1_PointIdList__Output);
  /**
   * Every point the filter matches.
   */
  'filter'?: (_hqdb_v1_Filter__Output);
  'kind'?: "points"|"filter";
}
