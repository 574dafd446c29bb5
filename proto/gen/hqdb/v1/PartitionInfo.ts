// Original file: proto/hqdb/v1/layout.proto

import type { PartitionIndex as _hqdb_v1_PartitionIndex, PartitionIndex__Output as _hqdb_v1_PartitionIndex__Output } from '../../hqdb/v1/PartitionIndex.js';
import type { HnswConfig as _hqdb_v1_HnswConfig, HnswConfig__Output as _hqdb_v1_HnswConfig__Output } from '../../hqdb/v1/HnswConfig.js';
import type { Long } from '@grpc/proto-loader';

/**
 * One partition serving queries.
 */
export interface PartitionInfo {
  /**
   * The partition's id (TreeLeaf.partition names it); -1 for the whole-collection index.
   */
  'id'?: (number);
  /**
   * Points in it.
   */
  'size'?: (number | string | Long);
  /**
   * The cuts that define it, e.g. `genre = "jazz" AND NOT year in [1990, 2000)`;
   * "all points" for the whole collection.
   */
  'description'?: (string);
  /**
   * Its index kind.
   */
  'index'?: (_hqdb_v1_PartitionIndex);
  /**
   * The HNSW parameters (m, ef_construct) of an HNSW partition; unset for a flat one.
   */
  'params'?: (_hqdb_v1_HnswConfig | null);
  /**
   * Queries that have searched it since it was created.
   */
  'hits'?: (number | string | Long);
  /**
   * The worker thread that owns it.
   */
  'worker'?: (number);
}

/**
 * One partition serving queries.
 */
export interface PartitionInfo__Output {
  /**
   * The partition's id (TreeLeaf.partition names it); -1 for the whole-collection index.
   */
  'id'?: (number);
  /**
   * Points in it.
   */
  'size'?: (string);
  /**
   * The cuts that define it, e.g. `genre = "jazz" AND NOT year in [1990, 2000)`;
   * "all points" for the whole collection.
   */
  'description'?: (string);
  /**
   * Its index kind.
   */
  'index'?: (_hqdb_v1_PartitionIndex__Output);
  /**
   * The HNSW parameters (m, ef_construct) of an HNSW partition; unset for a flat one.
   */
  'params'?: (_hqdb_v1_HnswConfig__Output);
  /**
   * Queries that have searched it since it was created.
   */
  'hits'?: (string);
  /**
   * The worker thread that owns it.
   */
  'worker'?: (number);
}
