// Original file: proto/hqdb/v1/collections.proto


export interface GetCollectionRequest {
  /**
   * The collection name.
   */
  'collection_name'?: (string);
}

export interface GetCollectionRequest__Output {
  /**
   * The collection name.
   */
  'collection_name'?: (string);
}
