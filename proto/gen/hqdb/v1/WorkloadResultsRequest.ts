// Original file: proto/hqdb/v1/workloads.proto


export interface WorkloadResultsRequest {
  /**
   * The collection name.
   */
  'collection_name'?: (string);
  /**
   * The job's id.
   */
  'id'?: (string);
  /**
   * The first line to send (default 0).
   */
  'offset'?: (number);
  /**
   * The most lines to send (default: all).
   */
  'limit'?: (number);
  /**
   * Wait for lines not answered yet and end when the job ends (default: end at the lines answered so far).
   */
  'follow'?: (boolean);
  '_offset'?: "offset";
  '_limit'?: "limit";
  '_follow'?: "follow";
}

export interface WorkloadResultsRequest__Output {
  /**
   * The collection name.
   */
  'collection_name'?: (string);
  /**
   * The job's id.
   */
  'id'?: (string);
  /**
   * The first line to send (default 0).
   */
  'offset'?: (number);
  /**
   * The most lines to send (default: all).
   */
  'limit'?: (number);
  /**
   * Wait for lines not answered yet and end when the job ends (default: end at the lines answered so far).
   */
  'follow'?: (boolean);
  '_offset'?: "offset";
  '_limit'?: "limit";
  '_follow'?: "follow";
}
