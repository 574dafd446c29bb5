// Original file: proto/hqdb/v1/workloads.proto


export interface CancelWorkloadRequest {
  /**
   * The collection name.
   */
  'collection_name'?: (string);
  /**
   * The job's id.
   */
  'id'?: (string);
}

export interface CancelWorkloadRequest__Output {
  /**
   * The collection name.
   */
  'collection_name'?: (string);
  /**
   * The job's id.
   */
  'id'?: (string);
}
