// Original file: proto/hqdb/v1/collections.proto


export interface DeletePayloadIndexRequest {
  /**
   * The collection name.
   */
  'collection_name'?: (string);
  /**
   * The field (dotted path).
   */
  'field_name'?: (string);
  /**
   * Wait until applied (default true).
   */
  'wait'?: (boolean);
  '_wait'?: "wait";
}

export interface DeletePayloadIndexRequest__Output {
  /**
   * The collection name.
   */
  'collection_name'?: (string);
  /**
   * The field (dotted path).
   */
  'field_name'?: (string);
  /**
   * Wait until applied (default true).
   */
  'wait'?: (boolean);
  '_wait'?: "wait";
}
