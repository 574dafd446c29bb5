// Original file: proto/hqdb/v1/points.proto

import type { Struct as _google_protobuf_Struct, Struct__Output as _google_protobuf_Struct__Output } from '../../google/protobuf/Struct.js';
import type { PointsSelector as _hqdb_v1_PointsSelector, PointsSelector__Output as _hqdb_v1_PointsSelector__Output } from '../../hqdb/v1/PointsSelector.js';

export interface SetPayloadRequest {
  /**
   * The collection name.
   */
  'collection_name'?: (string);
  /**
   * Wait until applied (default true).
   */
  'wait'?: (boolean);
  /**
   * The keys to set (SetPayload) or the new payload (OverwritePayload).
   */
  'payload'?: (_google_protobuf_Struct | null);
  /**
   * Which points (required).
   */
  'selector'?: (_hqdb_v1_PointsSelector | null);
  /**
   * Set the payload under this nested key instead of at the top (SetPayload only).
   */
  'key'?: (string);
  '_wait'?: "wait";
  '_key'?: "key";
}

export interface SetPayloadRequest__Output {
  /**
   * The collection name.
   */
  'collection_name'?: (string);
  /**
   * Wait until applied (default true).
   */
  'wait'?: (boolean);
  /**
   * The keys to set (SetPayload) or the new payload (OverwritePayload).
   */
  'payload'?: (_google_protobuf_Struct__Output);
  /**
   * Which points (required).
   */
  'selector'?: (_hqdb_v1_PointsSelector__Output);
  /**
   * Set the payload under this nested key instead of at the top (SetPayload only).
   */
  'key'?: (string);
  '_wait'?: "wait";
  '_key'?: "key";
}
