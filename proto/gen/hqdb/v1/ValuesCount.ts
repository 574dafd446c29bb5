// Original file: proto/hqdb/v1/common.proto


/**
 * Bounds on the number of values of a field; unset bounds are open.
 */
export interface ValuesCount {
  /**
   * More than.
   */
  'gt'?: (number);
  /**
   * At least.
   */
  'gte'?: (number);
  /**
   * Fewer than.
   */
  'lt'?: (number);
  /**
   * At most.
   */
  'lte'?: (number);
  '_gt'?: "gt";
  '_gte'?: "gte";
  '_lt'?: "lt";
  '_lte'?: "lte";
}

/**
 * Bounds on the number of values of a field; unset bounds are open.
 */
export interface ValuesCount__Output {
  /**
   * More than.
   */
  'gt'?: (number);
  /**
   * At least.
   */
  'gte'?: (number);
  /**
   * Fewer than.
   */
  'lt'?: (number);
  /**
   * At most.
   */
  'lte'?: (number);
  '_gt'?: "gt";
  '_gte'?: "gte";
  '_lt'?: "lt";
  '_lte'?: "lte";
}
