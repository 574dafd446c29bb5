// Original file: proto/hqdb/v1/collections.proto

/**
 * The type of a payload index.
 */
export const FieldType = {
  /**
   * Not set: rejected with INVALID_ARGUMENT.
   */
  FIELD_TYPE_UNSPECIFIED: 'FIELD_TYPE_UNSPECIFIED',
  /**
   * Strings, matched exactly.
   */
  KEYWORD: 'KEYWORD',
  /**
   * Signed integers.
   */
  INTEGER: 'INTEGER',
  /**
   * Numbers.
   */
  FLOAT: 'FLOAT',
  /**
   * Booleans.
   */
  BOOL: 'BOOL',
  /**
   * RFC 3339 date-times.
   */
  DATETIME: 'DATETIME',
  /**
   * UUID strings.
   */
  UUID: 'UUID',
} as const;

/**
 * The type of a payload index.
 */
export type FieldType =
  /**
   * Not set: rejected with INVALID_ARGUMENT.
   */
  | 'FIELD_TYPE_UNSPECIFIED'
  | 0
  /**
   * Strings, matched exactly.
   */
  | 'KEYWORD'
  | 1
  /**
   * Signed integers.
   */
  | 'INTEGER'
  | 2
  /**
   * Numbers.
   */
  | 'FLOAT'
  | 3
  /**
   * Booleans.
   */
  | 'BOOL'
  | 4
  /**
   * RFC 3339 date-times.
   */
  | 'DATETIME'
  | 5
  /**
   * UUID strings.
   */
  | 'UUID'
  | 6

/**
 * The type of a payload index.
 */
export type FieldType__Output = typeof FieldType[keyof typeof FieldType]
