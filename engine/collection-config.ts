// Turns a Qdrant create-collection body into a CollectionConfig: the fields
// hqdb honours, the ones it accepts and ignores (single-node settings), and
// the ones it refuses because it would silently behave differently.

import { fail } from '../core/errors.js';
import { DEFAULT_HNSW, DISTANCES, type CollectionConfig, type Distance } from '../core/types.js';
import type { CreateCollectionRequest, HnswConfigRequest } from './requests.js';

const MAX_DIM = 65_536;

function intIn(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail('INVALID_CONFIG', `${name} must be an integer between ${min} and ${max}, got ${JSON.stringify(value)}`);
  }
  return value;
}

export function parseCollectionConfig(body: CreateCollectionRequest): CollectionConfig {
  const vectors = body.vectors;
  if (vectors === undefined || vectors === null || typeof vectors !== 'object' || Array.isArray(vectors)) {
    fail('INVALID_CONFIG', '"vectors" must be an object {size, distance}');
  }
  if (!('size' in vectors) && !('distance' in vectors)) {
    fail('UNSUPPORTED', 'named vectors are not supported: use "vectors": {"size": N, "distance": "Cosine"}');
  }
  const size = intIn(vectors.size, 'vectors.size', 1, MAX_DIM);
  if (!DISTANCES.includes(vectors.distance as Distance)) {
    fail('INVALID_CONFIG', `vectors.distance must be one of ${DISTANCES.join(', ')}, got ${JSON.stringify(vectors.distance)}`);
  }
  if (vectors.multivector_config != null) fail('UNSUPPORTED', 'multivectors are not supported');
  if (vectors.datatype != null && vectors.datatype !== 'float32') fail('UNSUPPORTED', `vectors.datatype "${String(vectors.datatype)}" is not supported; vectors are float32`);
  if (vectors.quantization_config != null || body.quantization_config != null) fail('UNSUPPORTED', 'quantization is not supported');
  if (body.sparse_vectors != null && Object.keys(body.sparse_vectors as object).length > 0) fail('UNSUPPORTED', 'sparse vectors are not supported');
  if (body.init_from != null) fail('UNSUPPORTED', 'init_from is not supported');
  const hnsw: HnswConfigRequest = { ...(body.hnsw_config ?? {}), ...(vectors.hnsw_config ?? {}) };
  return {
    vectors: { size, distance: vectors.distance as Distance },
    hnsw_config: {
      m: hnsw.m === undefined ? DEFAULT_HNSW.m : intIn(hnsw.m, 'hnsw_config.m', 2, 128),
      ef_construct: hnsw.ef_construct === undefined ? DEFAULT_HNSW.ef_construct : intIn(hnsw.ef_construct, 'hnsw_config.ef_construct', 4, 4096),
      full_scan_threshold: hnsw.full_scan_threshold === undefined ? DEFAULT_HNSW.full_scan_threshold : intIn(hnsw.full_scan_threshold, 'hnsw_config.full_scan_threshold', 0, 1e9),
    },
  };
}
