// Original file: proto/hqdb/v1/common.proto

import type { Match as _hqdb_v1_Match, Match__Output as _hqdb_v1_Match__Output } from '../../hqdb/v1/Match.js';
import type { Range as _hqdb_v1_Range, Range__Output as _hqdb_v1_Range__Output } from '../../hqdb/v1/Range.js';
import type { DatetimeRange as _hqdb_v1_DatetimeRange, DatetimeRange__Output as _hqdb_v1_DatetimeRange__Output } from '../../hqdb/v1/DatetimeRange.js';
import type { ValuesCount as _hqdb_v1_ValuesCount, ValuesCount__Output as _hqdb_v1_ValuesCount__Output } from '../../hqdb/v1/ValuesCount.js';

/**
 * A condition on the values of a payload field. Arrays match when any
 * element matches. Exactly one of match, range, datetime_range,
 * values_count must be set.
 */
export interface FieldCondition {
  /**
   * The field: a dotted path into nested objects, e.g. "meta.year".
   */
  'key'?: (string);
  /**
   * Equality, membership or exclusion.
   */
  'match'?: (_hqdb_v1_Match | null);
  /**
   * A numeric range.
   */
  'range'?: (_hqdb_v1_Range | null);
  /**
   * A range of RFC 3339 date-times.
   */
  'datetime_range'?: (_hqdb_v1_DatetimeRange | null);
  /**
   * A range on the number of values (array length; 1 for a scalar).
   */
  'values_count'?: (_hqdb_v1_ValuesCount | null);
  'condition'?: "match"|"range"|"datetime_range"|"values_count";
}

/**
 * A condition on the values of a payload field. Arrays match when any
 * element matches. Exactly one of match, range, datetime_range,
 * values_count must be set.
 */
export interface FieldCondition__Output {
  /**
   * The field: a dotted path into nested objects, e.g. "meta.year".
   */
  'key'?: (string);
  /**
   * Equality, membership or exclusion.
   */
  'match'?: (_hqdb_v1_Match__Output);
  /**
   * A numeric range.
   */
  'range'?: (_hqdb_v1_Range__Output);
  /**
   * A range of RFC 3339 date-times.
   */
  'datetime_range'?: (_hqdb_v1_DatetimeRange__Output);
  /**
   * A range on the number of values (array length; 1 for a scalar).
   */
  'values_count'?: (_hqdb_v1_ValuesCount__Output);
  'condition'?: "match"|"range"|"datetime_range"|"values_count";
}
