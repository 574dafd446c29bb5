// Types shared by every layer: collection configuration, points and results.

export const DISTANCES = ['Cosine', 'Euclid', 'Dot', 'Manhattan'] as const;
export type Distance = (typeof DISTANCES)[number];

/** An external point id: an unsigned 64-bit integer (bigint beyond 2^53) or a lowercase hyphenated UUID. */
export type PointId = number | bigint | string;

export type Payload = Record<string, unknown>;

export interface HnswConfig {
  m: number;
  ef_construct: number;
  /** Kept for Qdrant compatibility; in kilobytes of vectors, as Qdrant defines it. */
  full_scan_threshold: number;
}

export interface CollectionConfig {
  vectors: { size: number; distance: Distance };
  hnsw_config: HnswConfig;
}

export const DEFAULT_HNSW: HnswConfig = { m: 16, ef_construct: 100, full_scan_threshold: 10_000 };

/** Which payload keys a response carries. */
export type PayloadSelector = boolean | { include: string[] } | { exclude: string[] };

export interface PointInput {
  id: PointId;
  vector: ArrayLike<number>;
  payload: Payload | null;
}

export interface PointRecord {
  id: PointId;
  payload?: Payload | null;
  vector?: number[];
}

export interface ScoredPoint extends PointRecord {
  version: number;
  score: number;
}
