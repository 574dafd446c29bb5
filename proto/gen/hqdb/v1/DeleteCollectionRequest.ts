// Original file: proto/hqdb/v1/collections.proto


export interface DeleteCollectionRequest {
  /**
   * The collection name.
   */
  'collection_name'?: (string);
}

export interface DeleteCollectionRequest__Output {
  /**
   * The collection name.
   */
  'collection_name'?: (string);
}
