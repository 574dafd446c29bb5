// Original file: proto/hqdb/v1/workloads.proto


export interface GetWorkloadRequest {
  /**
   * The collection name.
   */
  'collection_name'?: (string);
  /**
   * The job's id.
   */
  'id'?: (string);
}

export interface GetWorkloadRequest__Output {
  /**
   * The collection name.
   */
  'collection_name'?: (string);
  /**
   * The job's id.
   */
  'id'?: (string);
}
