// Original file: proto/hqdb/v1/common.proto

import type { UpdateStatus as _hqdb_v1_UpdateStatus, UpdateStatus__Output as _hqdb_v1_UpdateStatus__Output } from '../../hqdb/v1/UpdateStatus.js';
import type { Long } from '@grpc/proto-loader';

/**
 * The result of every write.
 */
export interface WriteResult {
  /**
   * The sequence number of the write.
   */
  'operation_id'?: (number | string | Long);
  /**
   * Whether the write was waited for.
   */
  'status'?: (_hqdb_v1_UpdateStatus);
}

/**
 * The result of every write.
 */
export interface WriteResult__Output {
  /**
   * The sequence number of the write.
   */
  'operation_id'?: (string);
  /**
   * Whether the write was waited for.
   */
  'status'?: (_hqdb_v1_UpdateStatus__Output);
}
