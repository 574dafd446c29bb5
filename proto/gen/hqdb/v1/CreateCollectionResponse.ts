// Original file: proto/hqdb/v1/collections.proto


export interface CreateCollectionResponse {
  /**
   * Always true on success.
   */
  'created'?: (boolean);
}

export interface CreateCollectionResponse__Output {
  /**
   * Always true on success.
   */
  'created'?: (boolean);
}
