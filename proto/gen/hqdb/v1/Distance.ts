// Original file: proto/hqdb/v1/collections.proto

/**
 * How vectors are compared.
 */
export const Distance = {
  /**
   * Not set: rejected with INVALID_ARGUMENT.
   */
  DISTANCE_UNSPECIFIED: 'DISTANCE_UNSPECIFIED',
  /**
   * Cosine similarity (vectors normalised at write), higher first.
   */
  COSINE: 'COSINE',
  /**
   * L2 distance, lower first.
   */
  EUCLID: 'EUCLID',
  /**
   * Dot product, higher first.
   */
  DOT: 'DOT',
  /**
   * L1 distance, lower first.
   */
  MANHATTAN: 'MANHATTAN',
} as const;

/**
 * How vectors are compared.
 */
export type Distance =
  /**
   * Not set: rejected with INVALID_ARGUMENT.
   */
  | 'DISTANCE_UNSPECIFIED'
  | 0
  /**
   * Cosine similarity (vectors normalised at write), higher first.
   */
  | 'COSINE'
  | 1
  /**
   * L2 distance, lower first.
   */
  | 'EUCLID'
  | 2
  /**
   * Dot product, higher first.
   */
  | 'DOT'
  | 3
  /**
   * L1 distance, lower first.
   */
  | 'MANHATTAN'
  | 4

/**
 * How vectors are compared.
 */
export type Distance__Output = typeof Distance[keyof typeof Distance]
