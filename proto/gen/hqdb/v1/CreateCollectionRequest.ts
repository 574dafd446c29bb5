// Original file: proto/hqdb/v1/collections.proto

import type { VectorParams as _hqdb_v1_VectorParams, VectorParams__Output as _hqdb_v1_VectorParams__Output } from '../../hqdb/v1/VectorParams.js';
import type { HnswConfig as _hqdb_v1_HnswConfig, HnswConfig__Output as _hqdb_v1_HnswConfig__Output } from '../../hqdb/v1/HnswConfig.js';

export interface CreateCollectionRequest {
  /**
   * The collection name (letters, digits, '-', '_', '.'; see REST).
   */
  'collection_name'?: (string);
  /**
   * Vector size and distance (required).
   */
  'vectors'?: (_hqdb_v1_VectorParams | null);
  /**
   * Optional HNSW parameters.
   */
  'hnsw_config'?: (_hqdb_v1_HnswConfig | null);
}

export interface CreateCollectionRequest__Output {
  /**
   * The collection name (letters, digits, '-', '_', '.'; see REST).
   */
  'collection_name'?: (string);
  /**
   * Vector size and distance (required).
   */
  'vectors'?: (_hqdb_v1_VectorParams__Output);
  /**
   * Optional HNSW parameters.
   */
  'hnsw_config'?: (_hqdb_v1_HnswConfig__Output);
}
