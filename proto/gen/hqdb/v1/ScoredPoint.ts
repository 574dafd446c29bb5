// Original file: proto/hqdb/v1/common.proto

import type { PointId as _hqdb_v1_PointId, PointId__Output as _hqdb_v1_PointId__Output } from '../../hqdb/v1/PointId.js';
import type { Struct as _google_protobuf_Struct, Struct__Output as _google_protobuf_Struct__Output } from '../../google/protobuf/Struct.js';
import type { Long } from '@grpc/proto-loader';

/**
 * A point found by a query, with its score.
 */
export interface ScoredPoint {
  /**
   * The point's id.
   */
  'id'?: (_hqdb_v1_PointId | null);
  /**
   * The sequence number of the last write to the point.
   */
  'version'?: (number | string | Long);
  /**
   * Cosine similarity or dot product (higher first), Euclid or Manhattan distance (lower first).
   */
  'score'?: (number | string);
  /**
   * The selected payload; unset when no payload was asked for or the point has none.
   */
  'payload'?: (_google_protobuf_Struct | null);
  /**
   * The vector, when with_vector was true.
   */
  'vector'?: (number | string)[];
}

/**
 * A point found by a query, with its score.
 */
export interface ScoredPoint__Output {
  /**
   * The point's id.
   */
  'id'?: (_hqdb_v1_PointId__Output);
  /**
   * The sequence number of the last write to the point.
   */
  'version'?: (string);
  /**
   * Cosine similarity or dot product (higher first), Euclid or Manhattan distance (lower first).
   */
  'score'?: (number);
  /**
   * The selected payload; unset when no payload was asked for or the point has none.
   */
  'payload'?: (_google_protobuf_Struct__Output);
  /**
   * The vector, when with_vector was true.
   */
  'vector'?: (number)[];
}
