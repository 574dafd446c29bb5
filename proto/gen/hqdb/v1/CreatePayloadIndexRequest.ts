// Original file: proto/hqdb/v1/collections.proto

import type { FieldType as _hqdb_v1_FieldType, FieldType__Output as _hqdb_v1_FieldType__Output } from '../../hqdb/v1/FieldType.js';

export interface CreatePayloadIndexRequest {
  /**
   * The collection name.
   */
  'collection_name'?: (string);
  /**
   * The field (dotted path).
   */
  'field_name'?: (string);
  /**
   * The index type.
   */
  'field_type'?: (_hqdb_v1_FieldType);
  /**
   * Wait until applied (default true).
   */
  'wait'?: (boolean);
  '_wait'?: "wait";
}

export interface CreatePayloadIndexRequest__Output {
  /**
   * The collection name.
   */
  'collection_name'?: (string);
  /**
   * The field (dotted path).
   */
  'field_name'?: (string);
  /**
   * The index type.
   */
  'field_type'?: (_hqdb_v1_FieldType__Output);
  /**
   * Wait until applied (default true).
   */
  'wait'?: (boolean);
  '_wait'?: "wait";
}
