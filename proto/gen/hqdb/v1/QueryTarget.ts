// Original file: proto/hqdb/v1/points.proto

import type { DenseVector as _hqdb_v1_DenseVector, DenseVector__Output as _hqdb_v1_DenseVector__Output } from '../../hqdb/v1/DenseVector.js';
import type { PointId as _hqdb_v1_PointId, PointId__Output as _hqdb_v1_PointId__Output } from '../../hqdb/v1/PointId.js';

/**
 * What to search near. Exactly one must be set.
 */
export interface QueryTarget {
  /**
   * A query vector (as many floats as the collection's size).
   */
  'nearest'?: (_hqdb_v1_DenseVector | null);
  /**
   * The vector of this stored point (the point itself is not returned).
   */
  'point'?: (_hqdb_v1_PointId | null);
  'kind'?: "nearest"|"point";
}

/**
 * What to search near. Exactly one must be set.
 */
export interface QueryTarget__Output {
  /**
   * A query vector (as many floats as the collection's size).
   */
  'nearest'?: (_hqdb_v1_DenseVector__Output);
  /**
   * The vector of this stored point (the point itself is not returned).
   */
  'point'?: (_hqdb_v1_PointId__Output);
  'kind'?: "nearest"|"point";
}
