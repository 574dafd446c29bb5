// Original file: proto/hqdb/v1/common.proto


/**
 * Matches points whose field is absent, null or an empty array.
 */
export interface IsEmptyCondition {
  /**
   * The field (dotted path).
   */
  'key'?: (string);
}

/**
 * Matches points whose field is absent, null or an empty array.
 */
export interface IsEmptyCondition__Output {
  /**
   * The field (dotted path).
   */
  'key'?: (string);
}
