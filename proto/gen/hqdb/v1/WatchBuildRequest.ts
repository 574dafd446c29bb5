// Original file: proto/hqdb/v1/layout.proto


export interface WatchBuildRequest {
  /**
   * The collection name.
   */
  'collection_name'?: (string);
}

export interface WatchBuildRequest__Output {
  /**
   * The collection name.
   */
  'collection_name'?: (string);
}
