// Original file: proto/hqdb/v1/collections.proto

import type { VectorParams as _hqdb_v1_VectorParams, VectorParams__Output as _hqdb_v1_VectorParams__Output } from '../../hqdb/v1/VectorParams.js';
import type { HnswConfig as _hqdb_v1_HnswConfig, HnswConfig__Output as _hqdb_v1_HnswConfig__Output } from '../../hqdb/v1/HnswConfig.js';
import type { PayloadIndexInfo as _hqdb_v1_PayloadIndexInfo, PayloadIndexInfo__Output as _hqdb_v1_PayloadIndexInfo__Output } from '../../hqdb/v1/PayloadIndexInfo.js';
import type { Long } from '@grpc/proto-loader';

export interface CollectionInfo {
  /**
   * "green" when every point is in the graph, "yellow" while indexing catches up.
   */
  'status'?: (string);
  /**
   * Live points.
   */
  'points_count'?: (number | string | Long);
  /**
   * Points already inserted into the HNSW graph.
   */
  'indexed_vectors_count'?: (number | string | Long);
  /**
   * Always 1 for now.
   */
  'segments_count'?: (number);
  /**
   * Vector size and distance.
   */
  'vectors'?: (_hqdb_v1_VectorParams | null);
  /**
   * Effective HNSW parameters.
   */
  'hnsw_config'?: (_hqdb_v1_HnswConfig | null);
  /**
   * Indexed payload fields by key.
   */
  'payload_schema'?: ({[key: string]: _hqdb_v1_PayloadIndexInfo});
}

export interface CollectionInfo__Output {
  /**
   * "green" when every point is in the graph, "yellow" while indexing catches up.
   */
  'status'?: (string);
  /**
   * Live points.
   */
  'points_count'?: (string);
  /**
   * Points already inserted into the HNSW graph.
   */
  'indexed_vectors_count'?: (string);
  /**
   * Always 1 for now.
   */
  'segments_count'?: (number);
  /**
   * Vector size and distance.
   */
  'vectors'?: (_hqdb_v1_VectorParams__Output);
  /**
   * Effective HNSW parameters.
   */
  'hnsw_config'?: (_hqdb_v1_HnswConfig__Output);
  /**
   * Indexed payload fields by key.
   */
  'payload_schema'?: ({[key: string]: _hqdb_v1_PayloadIndexInfo__Output});
}
