// Original file: proto/hqdb/v1/common.proto

import type { Long } from '@grpc/proto-loader';

/**
 * A point id: an unsigned 64-bit integer or a UUID. Exactly one must be set.
 */
export interface PointId {
  /**
   * An unsigned integer id (0 .. 2^64-1).
   */
  'num'?: (number | string | Long);
  /**
   * A UUID in any common spelling (hyphenated or not, braced, urn:uuid:);
   * ids are returned lowercase and hyphenated.
   */
  'uuid'?: (string);
  'kind'?: "num"|"uuid";
}

/**
 * A point id: an unsigned 64-bit integer or a UUID. Exactly one must be set.
 */
export interface PointId__Output {
  /**
   * An unsigned integer id (0 .. 2^64-1).
   */
  'num'?: (string);
  /**
   * A UUID in any common spelling (hyphenated or not, braced, urn:uuid:);
   * ids are returned lowercase and hyphenated.
   */
  'uuid'?: (string);
  'kind'?: "num"|"uuid";
}
