// Original file: proto/hqdb/v1/points.proto


/**
 * A dense vector.
 */
export interface DenseVector {
  /**
   * The floats.
   */
  'data'?: (number | string)[];
}

/**
 * A dense vector.
 */
export interface DenseVector__Output {
  /**
   * The floats.
   */
  'data'?: (number)[];
}
