// Original file: proto/hqdb/v1/collections.proto


/**
 * HNSW graph parameters; unset fields take the server defaults.
 */
export interface HnswConfig {
  /**
   * Links per node (default 16).
   */
  'm'?: (number);
  /**
   * Candidate list size while building (default 100).
   */
  'ef_construct'?: (number);
  /**
   * Kept for Qdrant compatibility, in kilobytes of vectors (default 10000).
   */
  'full_scan_threshold'?: (number);
  '_m'?: "m";
  '_ef_construct'?: "ef_construct";
  '_full_scan_threshold'?: "full_scan_threshold";
}

/**
 * HNSW graph parameters; unset fields take the server defaults.
 */
export interface HnswConfig__Output {
  /**
   * Links per node (default 16).
   */
  'm'?: (number);
  /**
   * Candidate list size while building (default 100).
   */
  'ef_construct'?: (number);
  /**
   * Kept for Qdrant compatibility, in kilobytes of vectors (default 10000).
   */
  'full_scan_threshold'?: (number);
  '_m'?: "m";
  '_ef_construct'?: "ef_construct";
  '_full_scan_threshold'?: "full_scan_threshold";
}
