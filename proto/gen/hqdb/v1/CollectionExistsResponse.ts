// Original file: proto/hqdb/v1/collections.proto


export interface CollectionExistsResponse {
  /**
   * Whether it exists.
   */
  'exists'?: (boolean);
}

export interface CollectionExistsResponse__Output {
  /**
   * Whether it exists.
   */
  'exists'?: (boolean);
}
