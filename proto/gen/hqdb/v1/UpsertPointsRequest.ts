// Original file: proto/hqdb/v1/points.proto

import type { PointStruct as _hqdb_v1_PointStruct, PointStruct__Output as _hqdb_v1_PointStruct__Output } from '../../hqdb/v1/PointStruct.js';

export interface UpsertPointsRequest {
  /**
   * The collection name.
   */
  'collection_name'?: (string);
  /**
   * Wait until the points are applied (default true); they are committed either way.
   */
  'wait'?: (boolean);
  /**
   * The points (at least one).
   */
  'points'?: (_hqdb_v1_PointStruct)[];
  '_wait'?: "wait";
}

export interface UpsertPointsRequest__Output {
  /**
   * The collection name.
   */
  'collection_name'?: (string);
  /**
   * Wait until the points are applied (default true); they are committed either way.
   */
  'wait'?: (boolean);
  /**
   * The points (at least one).
   */
  'points'?: (_hqdb_v1_PointStruct__Output)[];
  '_wait'?: "wait";
}
