// Original file: proto/hqdb/v1/layout.proto

import type { Long } from '@grpc/proto-loader';

/**
 * A leaf: one partition.
 */
export interface TreeLeaf {
  /**
   * The partition's id (PartitionInfo.id).
   */
  'partition'?: (number);
  /**
   * Points in it.
   */
  'size'?: (number | string | Long);
}

/**
 * A leaf: one partition.
 */
export interface TreeLeaf__Output {
  /**
   * The partition's id (PartitionInfo.id).
   */
  'partition'?: (number);
  /**
   * Points in it.
   */
  'size'?: (string);
}
