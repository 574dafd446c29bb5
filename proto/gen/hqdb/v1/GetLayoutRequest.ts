// Original file: proto/hqdb/v1/layout.proto


export interface GetLayoutRequest {
  /**
   * The collection name.
   */
  'collection_name'?: (string);
}

export interface GetLayoutRequest__Output {
  /**
   * The collection name.
   */
  'collection_name'?: (string);
}
