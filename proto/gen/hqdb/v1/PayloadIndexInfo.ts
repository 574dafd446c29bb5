// Original file: proto/hqdb/v1/collections.proto

import type { Long } from '@grpc/proto-loader';

/**
 * A payload index as reported by Get.
 */
export interface PayloadIndexInfo {
  /**
   * keyword, integer, float, bool, datetime or uuid.
   */
  'data_type'?: (string);
  /**
   * How many points have a value for the field.
   */
  'points'?: (number | string | Long);
}

/**
 * A payload index as reported by Get.
 */
export interface PayloadIndexInfo__Output {
  /**
   * keyword, integer, float, bool, datetime or uuid.
   */
  'data_type'?: (string);
  /**
   * How many points have a value for the field.
   */
  'points'?: (string);
}
