// Original file: proto/hqdb/v1/workloads.proto

import type { PointId as _hqdb_v1_PointId, PointId__Output as _hqdb_v1_PointId__Output } from '../../hqdb/v1/PointId.js';
import type { Struct as _google_protobuf_Struct, Struct__Output as _google_protobuf_Struct__Output } from '../../google/protobuf/Struct.js';

/**
 * A point found for a workload query. Result lines carry no version (unlike ScoredPoint).
 */
export interface WorkloadPoint {
  /**
   * The point's id.
   */
  'id'?: (_hqdb_v1_PointId | null);
  /**
   * As in ScoredPoint.
   */
  'score'?: (number | string);
  /**
   * The selected payload; unset when none was asked for or the point has none.
   */
  'payload'?: (_google_protobuf_Struct | null);
  /**
   * The vector, when the query set with_vector.
   */
  'vector'?: (number | string)[];
}

/**
 * A point found for a workload query. Result lines carry no version (unlike ScoredPoint).
 */
export interface WorkloadPoint__Output {
  /**
   * The point's id.
   */
  'id'?: (_hqdb_v1_PointId__Output);
  /**
   * As in ScoredPoint.
   */
  'score'?: (number);
  /**
   * The selected payload; unset when none was asked for or the point has none.
   */
  'payload'?: (_google_protobuf_Struct__Output);
  /**
   * The vector, when the query set with_vector.
   */
  'vector'?: (number)[];
}
