// Original file: proto/hqdb/v1/workloads.proto


export interface ListWorkloadsRequest {
  /**
   * The collection name.
   */
  'collection_name'?: (string);
}

export interface ListWorkloadsRequest__Output {
  /**
   * The collection name.
   */
  'collection_name'?: (string);
}
