// Original file: proto/hqdb/v1/common.proto

import type { StringList as _hqdb_v1_StringList, StringList__Output as _hqdb_v1_StringList__Output } from '../../hqdb/v1/StringList.js';
import type { IntegerList as _hqdb_v1_IntegerList, IntegerList__Output as _hqdb_v1_IntegerList__Output } from '../../hqdb/v1/IntegerList.js';
import type { Long } from '@grpc/proto-loader';

/**
 * What a field's value must equal. Exactly one kind must be set.
 */
export interface Match {
  /**
   * Equals this string.
   */
  'keyword'?: (string);
  /**
   * Equals this integer (exact over the full 64-bit range).
   */
  'integer'?: (number | string | Long);
  /**
   * Equals this boolean.
   */
  'boolean'?: (boolean);
  /**
   * Equals any of these strings.
   */
  'any_keywords'?: (_hqdb_v1_StringList | null);
  /**
   * Equals any of these integers.
   */
  'any_integers'?: (_hqdb_v1_IntegerList | null);
  /**
   * Equals none of these strings (absent fields match).
   */
  'except_keywords'?: (_hqdb_v1_StringList | null);
  /**
   * Equals none of these integers (absent fields match).
   */
  'except_integers'?: (_hqdb_v1_IntegerList | null);
  'kind'?: "keyword"|"integer"|"boolean"|"any_keywords"|"any_integers"|"except_keywords"|"except_integers";
}

/**
 * What a field's value must equal. Exactly one kind must be set.
 */
export interface Match__Output {
  /**
   * Equals this string.
   */
  'keyword'?: (string);
  /**
   * Equals this integer (exact over the full 64-bit range).
   */
  'integer'?: (string);
  /**
   * Equals this boolean.
   */
  'boolean'?: (boolean);
  /**
   * Equals any of these strings.
   */
  'any_keywords'?: (_hqdb_v1_StringList__Output);
  /**
   * Equals any of these integers.
   */
  'any_integers'?: (_hqdb_v1_IntegerList__Output);
  /**
   * Equals none of these strings (absent fields match).
   */
  'except_keywords'?: (_hqdb_v1_StringList__Output);
  /**
   * Equals none of these integers (absent fields match).
   */
  'except_integers'?: (_hqdb_v1_IntegerList__Output);
  'kind'?: "keyword"|"integer"|"boolean"|"any_keywords"|"any_integers"|"except_keywords"|"except_integers";
}
