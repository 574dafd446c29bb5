// Original file: proto/hqdb/v1/collections.proto

import type { Distance as _hqdb_v1_Distance, Distance__Output as _hqdb_v1_Distance__Output } from '../../hqdb/v1/Distance.js';

/**
 * The vectors of a collection.
 */
export interface VectorParams {
  /**
   * Dimension (number of floats per vector).
   */
  'size'?: (number);
  /**
   * The distance function.
   */
  'distance'?: (_hqdb_v1_Distance);
}

/**
 * The vectors of a collection.
 */
export interface VectorParams__Output {
  /**
   * Dimension (number of floats per vector).
   */
  'size'?: (number);
  /**
   * The distance function.
   */
  'distance'?: (_hqdb_v1_Distance__Output);
}
