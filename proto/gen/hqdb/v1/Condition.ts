// Original file: proto/hqdb/v1/common.proto

import type { FieldCondition as _hqdb_v1_FieldCondition, FieldCondition__Output as _hqdb_v1_FieldCondition__Output } from '../../hqdb/v1/FieldCondition.js';
import type { IsEmptyCondition as _hqdb_v1_IsEmptyCondition, IsEmptyCondition__Output as _hqdb_v1_IsEmptyCondition__Output } from '../../hqdb/v1/IsEmptyCondition.js';
import type { IsNullCondition as _hqdb_v1_IsNullCondition, IsNullCondition__Output as _hqdb_v1_IsNullCondition__Output } from '../../hqdb/v1/IsNullCondition.js';
import type { HasIdCondition as _hqdb_v1_HasIdCondition, HasIdCondition__Output as _hqdb_v1_HasIdCondition__Output } from '../../hqdb/v1/HasIdCondition.js';
import type { Filter as _hqdb_v1_Filter, Filter__Output as _hqdb_v1_Filter__Output } from '../../hqdb/v1/Filter.js';

/**
 * One condition of a filter. Exactly one kind must be set.
 */
export interface Condition {
  /**
   * A condition on a payload field.
   */
  'field'?: (_hqdb_v1_FieldCondition | null);
  /**
   * The field is absent, null or an empty array.
   */
  'is_empty'?: (_hqdb_v1_IsEmptyCondition | null);
  /**
   * The field is present and null.
   */
  'is_null'?: (_hqdb_v1_IsNullCondition | null);
  /**
   * The point's id is one of these.
   */
  'has_id'?: (_hqdb_v1_HasIdCondition | null);
  /**
   * A nested filter (its own must/should/must_not/min_should).
   */
  'filter'?: (_hqdb_v1_Filter | null);
  'kind'?: "field"|"is_empty"|"is_null"|"has_id"|"filter";
}

/**
 * One condition of a filter. Exactly one kind must be set.
 */
export interface Condition__Output {
  /**
   * A condition on a payload field.
   */
  'field'?: (_hqdb_v1_FieldCondition__Output);
  /**
   * The field is absent, null or an empty array.
   */
  'is_empty'?: (_hqdb_v1_IsEmptyCondition__Output);
  /**
   * The field is present and null.
   */
  'is_null'?: (_hqdb_v1_IsNullCondition__Output);
  /**
   * The point's id is one of these.
   */
  'has_id'?: (_hqdb_v1_HasIdCondition__Output);
  /**
   * A nested filter (its own must/should/must_not/min_should).
   */
  'filter'?: (_hqdb_v1_Filter__Output);
  'kind'?: "field"|"is_empty"|"is_null"|"has_id"|"filter";
}
