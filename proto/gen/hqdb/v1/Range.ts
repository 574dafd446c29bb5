// Original file: proto/hqdb/v1/common.proto


/**
 * Numeric bounds; unset bounds are open. At least one should be set.
 */
export interface Range {
  /**
   * Greater than.
   */
  'gt'?: (number | string);
  /**
   * Greater than or equal.
   */
  'gte'?: (number | string);
  /**
   * Less than.
   */
  'lt'?: (number | string);
  /**
   * Less than or equal.
   */
  'lte'?: (number | string);
  '_gt'?: "gt";
  '_gte'?: "gte";
  '_lt'?: "lt";
  '_lte'?: "lte";
}

/**
 * Numeric bounds; unset bounds are open. At least one should be set.
 */
export interface Range__Output {
  /**
   * Greater than.
   */
  'gt'?: (number);
  /**
   * Greater than or equal.
   */
  'gte'?: (number);
  /**
   * Less than.
   */
  'lt'?: (number);
  /**
   * Less than or equal.
   */
  'lte'?: (number);
  '_gt'?: "gt";
  '_gte'?: "gte";
  '_lt'?: "lt";
  '_lte'?: "lte";
}
