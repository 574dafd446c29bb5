// Original file: proto/hqdb/v1/layout.proto

import type { QueryLogSource as _hqdb_v1_QueryLogSource, QueryLogSource__Output as _hqdb_v1_QueryLogSource__Output } from '../../hqdb/v1/QueryLogSource.js';
import type { QueryPointsRequest as _hqdb_v1_QueryPointsRequest, QueryPointsRequest__Output as _hqdb_v1_QueryPointsRequest__Output } from '../../hqdb/v1/QueryPointsRequest.js';

export interface BuildLayoutRequest {
  /**
   * The collection name.
   */
  'collection_name'?: (string);
  /**
   * The filters of the queries the collection has answered.
   */
  'log'?: (_hqdb_v1_QueryLogSource | null);
  /**
   * The queries of a workload job, by job id.
   */
  'workload'?: (string);
  /**
   * An explicit workload: only `filter` (and the query vector, for vector
   * cuts) matters; `query` may be left unset. collection_name must be empty
   * or the build's collection.
   */
  'queries'?: (_hqdb_v1_QueryPointsRequest)[];
  /**
   * Smallest partition a cut may create (default: config layout.min_partition_size).
   */
  'min_partition_size'?: (number);
  /**
   * Most leaves the tree may have (default: config layout.max_partitions).
   */
  'max_partitions'?: (number);
  /**
   * Also consider vector-cluster cuts (`centroid IN S`) from k-means over the vectors.
   */
  'vector_cuts'?: (boolean);
  /**
   * Number of k-means clusters for vector cuts (default 16).
   */
  'clusters'?: (number);
  /**
   * Keep the whole-collection index as a fallback (default: config layout.global_index).
   */
  'global_index'?: (boolean);
  /**
   * HNSW graphs for large partitions (default true: the layout serves online
   * queries), or every partition a flat block for batches (false).
   */
  'graphs'?: (boolean);
  /**
   * Where the workload comes from. Unset: `queries` when given, else the query log.
   */
  'source'?: "log"|"workload";
  '_min_partition_size'?: "min_partition_size";
  '_max_partitions'?: "max_partitions";
  '_vector_cuts'?: "vector_cuts";
  '_clusters'?: "clusters";
  '_global_index'?: "global_index";
  '_graphs'?: "graphs";
}

export interface BuildLayoutRequest__Output {
  /**
   * The collection name.
   */
  'collection_name'?: (string);
  /**
   * The filters of the queries the collection has answered.
   */
  'log'?: (_hqdb_v1_QueryLogSource__Output);
  /**
   * The queries of a workload job, by job id.
   */
  'workload'?: (string);
  /**
   * An explicit workload: only `filter` (and the query vector, for vector
   * cuts) matters; `query` may be left unset. collection_name must be empty
   * or the build's collection.
   */
  'queries'?: (_hqdb_v1_QueryPointsRequest__Output)[];
  /**
   * Smallest partition a cut may create (default: config layout.min_partition_size).
   */
  'min_partition_size'?: (number);
  /**
   * Most leaves the tree may have (default: config layout.max_partitions).
   */
  'max_partitions'?: (number);
  /**
   * Also consider vector-cluster cuts (`centroid IN S`) from k-means over the vectors.
   */
  'vector_cuts'?: (boolean);
  /**
   * Number of k-means clusters for vector cuts (default 16).
   */
  'clusters'?: (number);
  /**
   * Keep the whole-collection index as a fallback (default: config layout.global_index).
   */
  'global_index'?: (boolean);
  /**
   * HNSW graphs for large partitions (default true: the layout serves online
   * queries), or every partition a flat block for batches (false).
   */
  'graphs'?: (boolean);
  /**
   * Where the workload comes from. Unset: `queries` when given, else the query log.
   */
  'source'?: "log"|"workload";
  '_min_partition_size'?: "min_partition_size";
  '_max_partitions'?: "max_partitions";
  '_vector_cuts'?: "vector_cuts";
  '_clusters'?: "clusters";
  '_global_index'?: "global_index";
  '_graphs'?: "graphs";
}
