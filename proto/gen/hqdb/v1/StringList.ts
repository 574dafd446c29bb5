// Original file: proto/hqdb/v1/common.proto


/**
 * A list of strings.
 */
export interface StringList {
  /**
   * The strings.
   */
  'values'?: (string)[];
}

/**
 * A list of strings.
 */
export interface StringList__Output {
  /**
   * The strings.
   */
  'values'?: (string)[];
}
