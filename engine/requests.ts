// Request shapes the engine accepts. They follow the Qdrant REST bodies so the
// REST layer passes bodies through after schema validation, and the gRPC layer
// translates its messages into the same shapes; the engine re-checks them.

export interface CreateCollectionRequest {
  vectors: { size: number; distance: string; hnsw_config?: HnswConfigRequest; [other: string]: unknown };
  hnsw_config?: HnswConfigRequest;
  [other: string]: unknown;
}

export interface HnswConfigRequest {
  m?: number;
  ef_construct?: number;
  full_scan_threshold?: number;
  [other: string]: unknown;
}

export interface PointStructRequest {
  id: unknown;
  vector: unknown;
  payload?: unknown;
}

export interface UpsertRequest {
  points?: PointStructRequest[];
  batch?: { ids: unknown[]; vectors: unknown[]; payloads?: unknown[] | null };
}

export interface PointsSelectorRequest {
  points?: unknown[];
  filter?: unknown;
}

export interface SetPayloadRequest extends PointsSelectorRequest {
  payload: unknown;
  key?: string;
}

export interface DeletePayloadRequest extends PointsSelectorRequest {
  keys: string[];
}

export interface RetrieveRequest {
  ids: unknown[];
  with_payload?: unknown;
  with_vector?: unknown;
}

export interface ScrollRequest {
  offset?: unknown;
  limit?: number | null;
  filter?: unknown;
  with_payload?: unknown;
  with_vector?: unknown;
  order_by?: unknown;
}

export interface CountRequest {
  filter?: unknown;
  exact?: boolean | null;
}

export interface SearchParams {
  hnsw_ef?: number | null;
  exact?: boolean | null;
  [other: string]: unknown;
}

/** The fields a `points/query` body may have (REST's QueryBody schema has exactly these; a test checks it). */
export const QUERY_REQUEST_FIELDS: ReadonlySet<string> = new Set(['query', 'using', 'prefetch', 'filter', 'params', 'limit', 'offset', 'with_payload', 'with_vector', 'score_threshold', 'lookup_from', 'shard_key']);

export interface QueryRequest {
  /** A vector, a point id, or {nearest: vector | id}. */
  query?: unknown;
  using?: string | null;
  filter?: unknown;
  params?: SearchParams | null;
  limit?: number | null;
  offset?: number | null;
  with_payload?: unknown;
  with_vector?: unknown;
  score_threshold?: number | null;
  [other: string]: unknown;
}
