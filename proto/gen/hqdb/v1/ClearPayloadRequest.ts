// Original file: proto/hqdb/v1/points.proto

import type { PointsSelector as _hqdb_v1_PointsSelector, PointsSelector__Output as _hqdb_v1_PointsSelector__Output } from '../../hqdb/v1/PointsSelector.js';

export interface ClearPayloadRequest {
  /**
   * The collection name.
   */
  'collection_name'?: (string);
  /**
   * Wait until applied (default true).
   */
  'wait'?: (boolean);
  /**
   * Which points (required).
   */
  'selector'?: (_hqdb_v1_PointsSelector | null);
  '_wait'?: "wait";
}

export interface ClearPayloadRequest__Output {
  /**
   * The collection name.
   */
  'collection_name'?: (string);
  /**
   * Wait until applied (default true).
   */
  'wait'?: (boolean);
  /**
   * Which points (required).
   */
  'selector'?: (_hqdb_v1_PointsSelector__Output);
  '_wait'?: "wait";
}
