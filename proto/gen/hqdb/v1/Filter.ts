// Original file: proto/hqdb/v1/common.proto

import type { Condition as _hqdb_v1_Condition, Condition__Output as _hqdb_v1_Condition__Output } from '../../hqdb/v1/Condition.js';
import type { MinShould as _hqdb_v1_MinShould, MinShould__Output as _hqdb_v1_MinShould__Output } from '../../hqdb/v1/MinShould.js';

/**
 * A filter: the REST filter as a message. A point matches when every `must`
 * condition holds, at least one `should` holds (if any are given), no
 * `must_not` holds, and at least `min_should.min_count` of
 * `min_should.conditions` hold.
 */
export interface Filter {
  /**
   * All of these must hold.
   */
  'must'?: (_hqdb_v1_Condition)[];
  /**
   * At least one of these must hold (ignored when empty).
   */
  'should'?: (_hqdb_v1_Condition)[];
  /**
   * None of these may hold.
   */
  'must_not'?: (_hqdb_v1_Condition)[];
  /**
   * At least min_count of these must hold.
   */
  'min_should'?: (_hqdb_v1_MinShould | null);
}

/**
 * A filter: the REST filter as a message. A point matches when every `must`
 * condition holds, at least one `should` holds (if any are given), no
 * `must_not` holds, and at least `min_should.min_count` of
 * `min_should.conditions` hold.
 */
export interface Filter__Output {
  /**
   * All of these must hold.
   */
  'must'?: (_hqdb_v1_Condition__Output)[];
  /**
   * At least one of these must hold (ignored when empty).
   */
  'should'?: (_hqdb_v1_Condition__Output)[];
  /**
   * None of these may hold.
   */
  'must_not'?: (_hqdb_v1_Condition__Output)[];
  /**
   * At least min_count of these must hold.
   */
  'min_should'?: (_hqdb_v1_MinShould__Output);
}
