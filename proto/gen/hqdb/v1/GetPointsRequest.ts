// Original file: proto/hqdb/v1/points.proto

import type { PointId as _hqdb_v1_PointId, PointId__Output as _hqdb_v1_PointId__Output } from '../../hqdb/v1/PointId.js';
import type { WithPayloadSelector as _hqdb_v1_WithPayloadSelector, WithPayloadSelector__Output as _hqdb_v1_WithPayloadSelector__Output } from '../../hqdb/v1/WithPayloadSelector.js';

export interface GetPointsRequest {
  /**
   * The collection name.
   */
  'collection_name'?: (string);
  /**
   * The ids to read.
   */
  'ids'?: (_hqdb_v1_PointId)[];
  /**
   * Payload keys to return (default: all).
   */
  'with_payload'?: (_hqdb_v1_WithPayloadSelector | null);
  /**
   * Return vectors (default false).
   */
  'with_vector'?: (boolean);
  '_with_vector'?: "with_vector";
}

export interface GetPointsRequest__Output {
  /**
   * The collection name.
   */
  'collection_name'?: (string);
  /**
   * The ids to read.
   */
  'ids'?: (_hqdb_v1_PointId__Output)[];
  /**
   * Payload keys to return (default: all).
   */
  'with_payload'?: (_hqdb_v1_WithPayloadSelector__Output);
  /**
   * Return vectors (default false).
   */
  'with_vector'?: (boolean);
  '_with_vector'?: "with_vector";
}
