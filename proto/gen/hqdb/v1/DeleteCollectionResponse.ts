// Original file: proto/hqdb/v1/collections.proto


export interface DeleteCollectionResponse {
  /**
   * Whether a collection was deleted (false: there was none).
   */
  'deleted'?: (boolean);
}

export interface DeleteCollectionResponse__Output {
  /**
   * Whether a collection was deleted (false: there was none).
   */
  'deleted'?: (boolean);
}
