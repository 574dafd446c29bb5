// The hqdb.v1.Collections service: each handler translates its message into
// the request REST passes to the same engine call, and the result back.

import type { Config } from '../../core/config.js';
import type { Logger } from '../../core/logger.js';
import type { Engine } from '../../engine/engine.js';
import type { CreateCollectionRequest } from '../../engine/requests.js';
import type { CollectionInfo } from '../../proto/gen/hqdb/v1/CollectionInfo.js';
import type { CollectionsHandlers } from '../../proto/gen/hqdb/v1/Collections.js';
import type { Distance } from '../../proto/gen/hqdb/v1/Distance.js';
import type { HnswConfig__Output } from '../../proto/gen/hqdb/v1/HnswConfig.js';
import { writeOut } from './convert.js';
import { unary } from './unary.js';

const DISTANCE_IN: Record<string, string> = { COSINE: 'Cosine', EUCLID: 'Euclid', DOT: 'Dot', MANHATTAN: 'Manhattan' };
const DISTANCE_OUT: Record<string, Distance> = { Cosine: 'COSINE', Euclid: 'EUCLID', Dot: 'DOT', Manhattan: 'MANHATTAN' };

function hnswIn(h: HnswConfig__Output | undefined): Record<string, number> | undefined {
  if (!h) return undefined;
  const out: Record<string, number> = {};
  for (const k of ['m', 'ef_construct', 'full_scan_threshold'] as const) if (h[k] !== undefined) out[k] = h[k];
  return out;
}

export function collectionsService(engine: Engine, _config: Config, log: Logger): CollectionsHandlers {
  return {
    Create: unary(log, 'Collections/Create', async (r) => {
      const body: Record<string, unknown> = {};
      // Unset vectors or distance reach the engine as missing, so it answers as it does REST.
      if (r.vectors) body.vectors = { size: r.vectors.size, distance: DISTANCE_IN[r.vectors.distance ?? ''] ?? r.vectors.distance };
      const hnsw = hnswIn(r.hnsw_config);
      if (hnsw) body.hnsw_config = hnsw;
      await engine.createCollection(r.collection_name ?? '', body as CreateCollectionRequest);
      return { created: true };
    }),

    Get: unary(log, 'Collections/Get', (r): CollectionInfo => {
      const info = engine.collection(r.collection_name ?? '').info();
      const { vectors } = info.config.params;
      const { m, ef_construct, full_scan_threshold } = info.config.hnsw_config;
      const payloadSchema = info.payload_schema as Record<string, { data_type: string; points: number }>;
      return {
        status: info.status,
        points_count: String(info.points_count),
        indexed_vectors_count: String(info.indexed_vectors_count),
        segments_count: info.segments_count,
        vectors: { size: vectors.size, distance: DISTANCE_OUT[vectors.distance] },
        hnsw_config: { m, ef_construct, full_scan_threshold },
        payload_schema: Object.fromEntries(Object.entries(payloadSchema).map(([k, v]) => [k, { data_type: v.data_type, points: String(v.points) }])),
      };
    }),

    List: unary(log, 'Collections/List', () => ({ collections: engine.list() })),

    Delete: unary(log, 'Collections/Delete', async (r) => ({ deleted: await engine.deleteCollection(r.collection_name ?? '') })),

    Exists: unary(log, 'Collections/Exists', (r) => ({ exists: engine.exists(r.collection_name ?? '') })),

    CreatePayloadIndex: unary(log, 'Collections/CreatePayloadIndex', (r) =>
      writeOut(engine.collection(r.collection_name ?? '').createFieldIndex(r.field_name, (r.field_type ?? '').toLowerCase(), r.wait ?? true))),

    DeletePayloadIndex: unary(log, 'Collections/DeletePayloadIndex', (r) =>
      writeOut(engine.collection(r.collection_name ?? '').deleteFieldIndex(r.field_name ?? '', r.wait ?? true))),
  };
}
