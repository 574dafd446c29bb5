// Original file: proto/hqdb/v1/collections.proto


export interface ListCollectionsResponse {
  /**
   * Every collection name.
   */
  'collections'?: (string)[];
}

export interface ListCollectionsResponse__Output {
  /**
   * Every collection name.
   */
  'collections'?: (string)[];
}
