// Original file: proto/hqdb/v1/collections.proto


export interface CollectionExistsRequest {
  /**
   * The collection name.
   */
  'collection_name'?: (string);
}

export interface CollectionExistsRequest__Output {
  /**
   * The collection name.
   */
  'collection_name'?: (string);
}
