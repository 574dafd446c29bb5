// Original file: proto/hqdb/v1/points.proto


/**
 * Search parameters.
 */
export interface SearchParams {
  /**
   * Candidate list size for graph search (default: max(limit + offset, ef_construct)).
   */
  'hnsw_ef'?: (number);
  /**
   * Force an exact scan.
   */
  'exact'?: (boolean);
  '_hnsw_ef'?: "hnsw_ef";
  '_exact'?: "exact";
}

/**
 * Search parameters.
 */
export interface SearchParams__Output {
  /**
   * Candidate list size for graph search (default: max(limit + offset, ef_construct)).
   */
  'hnsw_ef'?: (number);
  /**
   * Force an exact scan.
   */
  'exact'?: (boolean);
  '_hnsw_ef'?: "hnsw_ef";
  '_exact'?: "exact";
}
