// Original file: proto/hqdb/v1/common.proto


/**
 * Date-time bounds as RFC 3339 strings ("2024-01-01T00:00:00Z"); unset bounds are open.
 */
export interface DatetimeRange {
  /**
   * Later than.
   */
  'gt'?: (string);
  /**
   * Later than or at.
   */
  'gte'?: (string);
  /**
   * Earlier than.
   */
  'lt'?: (string);
  /**
   * Earlier than or at.
   */
  'lte'?: (string);
  '_gt'?: "gt";
  '_gte'?: "gte";
  '_lt'?: "lt";
  '_lte'?: "lte";
}

/**
 * Date-time bounds as RFC 3339 strings ("2024-01-01T00:00:00Z"); unset bounds are open.
 */
export interface DatetimeRange__Output {
  /**
   * Later than.
   */
  'gt'?: (string);
  /**
   * Later than or at.
   */
  'gte'?: (string);
  /**
   * Earlier than.
   */
  'lt'?: (string);
  /**
   * Earlier than or at.
   */
  'lte'?: (string);
  '_gt'?: "gt";
  '_gte'?: "gte";
  '_lt'?: "lt";
  '_lte'?: "lte";
}
