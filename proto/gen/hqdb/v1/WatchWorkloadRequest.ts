// Original file: proto/hqdb/v1/workloads.proto


export interface WatchWorkloadRequest {
  /**
   * The collection name.
   */
  'collection_name'?: (string);
  /**
   * The job's id.
   */
  'id'?: (string);
}

export interface WatchWorkloadRequest__Output {
  /**
   * The collection name.
   */
  'collection_name'?: (string);
  /**
   * The job's id.
   */
  'id'?: (string);
}
