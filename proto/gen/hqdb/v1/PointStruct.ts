// Original file: proto/hqdb/v1/common.proto

import type { PointId as _hqdb_v1_PointId, PointId__Output as _hqdb_v1_PointId__Output } from '../../hqdb/v1/PointId.js';
import type { Struct as _google_protobuf_Struct, Struct__Output as _google_protobuf_Struct__Output } from '../../google/protobuf/Struct.js';

/**
 * A point to write.
 */
export interface PointStruct {
  /**
   * The point's id; an existing point with this id is replaced.
   */
  'id'?: (_hqdb_v1_PointId | null);
  /**
   * The vector, exactly as many floats as the collection's size.
   */
  'vector'?: (number | string)[];
  /**
   * The point's attributes (any JSON object). Unset means no payload.
   * Numbers travel as doubles: integers beyond 2^53 lose precision here.
   */
  'payload'?: (_google_protobuf_Struct | null);
}

/**
 * A point to write.
 */
export interface PointStruct__Output {
  /**
   * The point's id; an existing point with this id is replaced.
   */
  'id'?: (_hqdb_v1_PointId__Output);
  /**
   * The vector, exactly as many floats as the collection's size.
   */
  'vector'?: (number)[];
  /**
   * The point's attributes (any JSON object). Unset means no payload.
   * Numbers travel as doubles: integers beyond 2^53 lose precision here.
   */
  'payload'?: (_google_protobuf_Struct__Output);
}
