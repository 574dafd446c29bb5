// Original file: proto/hqdb/v1/common.proto

import type { Long } from '@grpc/proto-loader';

/**
 * A list of signed 64-bit integers.
 */
export interface IntegerList {
  /**
   * The integers.
   */
  'values'?: (number | string | Long)[];
}

/**
 * A list of signed 64-bit integers.
 */
export interface IntegerList__Output {
  /**
   * The integers.
   */
  'values'?: (string)[];
}
