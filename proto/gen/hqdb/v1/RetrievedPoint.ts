// Original file: proto/hqdb/v1/common.proto

import type { PointId as _hqdb_v1_PointId, PointId__Output as _hqdb_v1_PointId__Output } from '../../hqdb/v1/PointId.js';
import type { Struct as _google_protobuf_Struct, Struct__Output as _google_protobuf_Struct__Output } from '../../google/protobuf/Struct.js';

/**
 * A point as read back by Get and Scroll.
 */
export interface RetrievedPoint {
  /**
   * The point's id.
   */
  'id'?: (_hqdb_v1_PointId | null);
  /**
   * The selected payload; unset when no payload was asked for or the point has none.
   */
  'payload'?: (_google_protobuf_Struct | null);
  /**
   * The vector, when with_vector was true (normalised for Cosine collections).
   */
  'vector'?: (number | string)[];
}

/**
 * A point as read back by Get and Scroll.
 */
export interface RetrievedPoint__Output {
  /**
   * The point's id.
   */
  'id'?: (_hqdb_v1_PointId__Output);
  /**
   * The selected payload; unset when no payload was asked for or the point has none.
   */
  'payload'?: (_google_protobuf_Struct__Output);
  /**
   * The vector, when with_vector was true (normalised for Cosine collections).
   */
  'vector'?: (number)[];
}
