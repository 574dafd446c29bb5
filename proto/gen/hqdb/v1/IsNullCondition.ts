// Original file: proto/hqdb/v1/common.proto


/**
 * Matches points whose field is present and null.
 */
export interface IsNullCondition {
  /**
   * The field (dotted path).
   */
  'key'?: (string);
}

/**
 * Matches points whose field is present and null.
 */
export interface IsNullCondition__Output {
  /**
   * The field (dotted path).
   */
  'key'?: (string);
}
