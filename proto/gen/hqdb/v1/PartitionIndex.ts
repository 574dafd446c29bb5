// Original file: proto/hqdb/v1/layout.proto

/**
 * How a partition's points are searched.
 */
export const PartitionIndex = {
  /**
   * Never sent.
   */
  PARTITION_INDEX_UNSPECIFIED: 'PARTITION_INDEX_UNSPECIFIED',
  /**
   * An HNSW graph.
   */
  HNSW: 'HNSW',
  /**
   * A flat block scanned exactly (small partitions).
   */
  FLAT: 'FLAT',
} as const;

/**
 * How a partition's points are searched.
 */
export type PartitionIndex =
  /**
   * Never sent.
   */
  | 'PARTITION_INDEX_UNSPECIFIED'
  | 0
  /**
   * An HNSW graph.
   */
  | 'HNSW'
  | 1
  /**
   * A flat block scanned exactly (small partitions).
   */
  | 'FLAT'
  | 2

/**
 * How a partition's points are searched.
 */
export type PartitionIndex__Output = typeof PartitionIndex[keyof typeof PartitionIndex]
