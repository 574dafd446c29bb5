// Original file: proto/hqdb/v1/common.proto


/**
 * A list of payload keys.
 */
export interface KeyList {
  /**
   * Dotted key paths such as "genre" or "meta.year".
   */
  'keys'?: (string)[];
}

/**
 * A list of payload keys.
 */
export interface KeyList__Output {
  /**
   * Dotted key paths such as "genre" or "meta.year".
   */
  'keys'?: (string)[];
}
