// Original file: proto/hqdb/v1/common.proto

import type { Condition as _hqdb_v1_Condition, Condition__Output as _hqdb_v1_Condition__Output } from '../../hqdb/v1/Condition.js';

/**
 * The `min_should` clause of a filter.
 */
export interface MinShould {
  /**
   * The candidate conditions.
   */
  'conditions'?: (_hqdb_v1_Condition)[];
  /**
   * How many of them must hold.
   */
  'min_count'?: (number);
}

/**
 * The `min_should` clause of a filter.
 */
export interface MinShould__Output {
  /**
   * The candidate conditions.
   */
  'conditions'?: (_hqdb_v1_Condition__Output)[];
  /**
   * How many of them must hold.
   */
  'min_count'?: (number);
}
