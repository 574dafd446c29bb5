// The same scenario through REST and through gRPC gives identical results.
// Each transport writes its own collection with the same operations; then every
// row of one shared table runs as a REST request against the first and as a
// gRPC call against the second, and the results, normalised to REST's JSON,
// must be equal (ids, order, scores, payloads, vectors, counts, offsets).

import { describe, expect, it } from 'vitest';
import type { Struct__Output } from '../../proto/gen/google/protobuf/Struct.js';
import type { PointId__Output } from '../../proto/gen/hqdb/v1/PointId.js';
import { jsonToStruct, structToJson } from '../../server/grpc/convert.js';
import { ok } from '../helpers/http.js';
import { startTestServer } from '../helpers/server.js';
import { randomVectors } from '../helpers/vectors.js';
import { connect, type GrpcClients } from './grpc-client.js';

const N = 240;
const DIM = 8;
const GENRES = ['jazz', 'rock', 'pop', 'folk'];
const T0 = Date.UTC(2024, 0, 1);

function payloadFor(i: number): Record<string, unknown> {
  const p: Record<string, unknown> = { genre: GENRES[i % 4], year: 1950 + (i % 60), n: i };
  if (i % 5 !== 0) p.tags = ['a', 'b', 'c'].slice(0, i % 4);
  if (i % 7 === 0) p.note = null;
  p.t = new Date(T0 + i * 3_600_000).toISOString();
  return p;
}

type Json = Record<string, unknown>;
type GrpcPoint = { id?: PointId__Output; payload?: Struct__Output; vector?: number[]; score?: number; version?: string };

function pointOut(p: GrpcPoint): Json {
  const id = p.id?.kind === 'uuid' ? p.id.uuid : Number(p.id?.num);
  const out: Json = { id };
  if (p.version !== undefined) out.version = Number(p.version);
  if (p.score !== undefined) out.score = p.score;
  if (p.payload) out.payload = structToJson(p.payload);
  if (p.vector && p.vector.length > 0) out.vector = p.vector;
  return out;
}

/** REST points as the gRPC reply can express them (an absent/empty payload or vector is unset). */
function restPoint(p: Json): Json {
  const out: Json = { id: p.id };
  if (p.version !== undefined) out.version = p.version;
  if (p.score !== undefined) out.score = p.score;
  if (p.payload) out.payload = p.payload;
  if (Array.isArray(p.vector) && p.vector.length > 0) out.vector = p.vector;
  return out;
}

const jazz = { must: [{ key: 'genre', match: { value: 'jazz' } }] };
const jazzG = { must: [{ field: { key: 'genre', match: { keyword: 'jazz' } } }] };

interface Row {
  name: string;
  rest: { method: string; path: string; body?: unknown; pick: (result: unknown) => unknown };
  grpc: (c: GrpcClients, collection: string) => Promise<unknown>;
}

const q0 = randomVectors(1, DIM, 99)[0];
const q1 = randomVectors(1, DIM, 98)[0];
const points = (r: unknown): Json[] => ((r as { points: Json[] }).points ?? []).map(restPoint);

const ROWS: Row[] = [
  {
    name: 'exact query with payload',
    rest: { method: 'POST', path: 'points/query', body: { query: q0, limit: 7, with_payload: true, params: { exact: true } }, pick: points },
    grpc: async (c, name) => (await c.points.Query({ collection_name: name, query: { nearest: { data: q0 } }, limit: 7, with_payload: { enable: true }, params: { exact: true } })).points?.map(pointOut),
  },
  {
    name: 'filtered query: match + range, offset, vectors, payload include',
    rest: {
      method: 'POST', path: 'points/query',
      body: { query: q1, limit: 5, offset: 2, with_vector: true, with_payload: { include: ['year'] }, filter: { must: [{ key: 'genre', match: { value: 'rock' } }, { key: 'year', range: { gte: 1960, lt: 2000 } }] } },
      pick: points,
    },
    grpc: async (c, name) => (await c.points.Query({
      collection_name: name, query: { nearest: { data: q1 } }, limit: 5, offset: 2, with_vector: true, with_payload: { include: { keys: ['year'] } },
      filter: { must: [{ field: { key: 'genre', match: { keyword: 'rock' } } }, { field: { key: 'year', range: { gte: 1960, lt: 2000 } } }] },
    })).points?.map(pointOut),
  },
  {
    name: 'should any / must_not is_empty / except / datetime range',
    rest: {
      method: 'POST', path: 'points/query',
      body: {
        query: q0, limit: 10, with_payload: { exclude: ['t'] },
        filter: {
          should: [{ key: 'genre', match: { any: ['pop', 'folk'] } }, { key: 'n', match: { any: [1, 2, 3] } }],
          must_not: [{ is_empty: { key: 'tags' } }, { key: 'year', match: { except: [1951, 1952, 1953, 1954, 1955, 1956, 1957, 1958, 1959, 1960, 1961, 1962, 1963] } }],
          must: [{ key: 't', range: { gte: new Date(T0 + 10 * 3_600_000).toISOString() } }],
        },
      },
      pick: points,
    },
    grpc: async (c, name) => (await c.points.Query({
      collection_name: name, query: { nearest: { data: q0 } }, limit: 10, with_payload: { exclude: { keys: ['t'] } },
      filter: {
        should: [{ field: { key: 'genre', match: { any_keywords: { values: ['pop', 'folk'] } } } }, { field: { key: 'n', match: { any_integers: { values: ['1', '2', '3'] } } } }],
        must_not: [{ is_empty: { key: 'tags' } }, { field: { key: 'year', match: { except_integers: { values: ['1951', '1952', '1953', '1954', '1955', '1956', '1957', '1958', '1959', '1960', '1961', '1962', '1963'] } } } }],
        must: [{ field: { key: 't', datetime_range: { gte: new Date(T0 + 10 * 3_600_000).toISOString() } } }],
      },
    })).points?.map(pointOut),
  },
  {
    name: 'min_should, nested filter, is_null, has_id, values_count, score_threshold',
    rest: {
      method: 'POST', path: 'points/query',
      body: {
        query: q1, limit: 20, score_threshold: -100,
        filter: {
          min_should: { conditions: [{ key: 'genre', match: { value: 'jazz' } }, { is_null: { key: 'note' } }, { key: 'tags', values_count: { gte: 2 } }], min_count: 2 },
          must_not: [{ must: [{ has_id: [0, 28, 56] }] }],
        },
      },
      pick: points,
    },
    grpc: async (c, name) => (await c.points.Query({
      collection_name: name, query: { nearest: { data: q1 } }, limit: 20, score_threshold: -100,
      filter: {
        min_should: { conditions: [{ field: { key: 'genre', match: { keyword: 'jazz' } } }, { is_null: { key: 'note' } }, { field: { key: 'tags', values_count: { gte: 2 } } }], min_count: 2 },
        must_not: [{ filter: { must: [{ has_id: { ids: [{ num: '0' }, { num: '28' }, { num: '56' }] } }] } }],
      },
    })).points?.map(pointOut),
  },
  {
    name: 'query by point id, filtered',
    rest: { method: 'POST', path: 'points/query', body: { query: 5, limit: 4, filter: jazz, with_payload: true }, pick: points },
    grpc: async (c, name) => (await c.points.Query({ collection_name: name, query: { point: { num: '5' } }, limit: 4, filter: jazzG, with_payload: { enable: true } })).points?.map(pointOut),
  },
  {
    name: 'query batch',
    rest: {
      method: 'POST', path: 'points/query/batch',
      body: { searches: [{ query: q0, limit: 3, filter: jazz }, { query: q1, limit: 2, params: { exact: true } }] },
      pick: (r) => (r as { points: Json[] }[]).map((x) => x.points.map(restPoint)),
    },
    grpc: async (c, name) => (await c.points.QueryBatch({
      collection_name: name,
      queries: [{ query: { nearest: { data: q0 } }, limit: 3, filter: jazzG }, { query: { nearest: { data: q1 } }, limit: 2, params: { exact: true } }],
    })).results?.map((r) => (r.points ?? []).map(pointOut)),
  },
  {
    name: 'scroll with filter, page and next offset',
    rest: {
      method: 'POST', path: 'points/scroll', body: { limit: 6, offset: 10, filter: { must: [{ key: 'year', range: { lt: 1980 } }] }, with_payload: { include: ['genre', 'year'] } },
      pick: (r) => ({ points: points(r), next: (r as { next_page_offset: unknown }).next_page_offset }),
    },
    grpc: async (c, name) => {
      const r = await c.points.Scroll({ collection_name: name, limit: 6, offset: { num: '10' }, filter: { must: [{ field: { key: 'year', range: { lt: 1980 } } }] }, with_payload: { include: { keys: ['genre', 'year'] } } });
      return { points: (r.points ?? []).map(pointOut), next: r.next_page_offset ? Number(r.next_page_offset.num) : null };
    },
  },
  {
    name: 'count with filter',
    rest: { method: 'POST', path: 'points/count', body: { filter: { should: [{ key: 'genre', match: { value: 'pop' } }, { is_empty: { key: 'tags' } }] } }, pick: (r) => (r as { count: number }).count },
    grpc: async (c, name) => Number((await c.points.Count({ collection_name: name, filter: { should: [{ field: { key: 'genre', match: { keyword: 'pop' } } }, { is_empty: { key: 'tags' } }] } })).count),
  },
  {
    name: 'get by ids with vectors',
    rest: { method: 'POST', path: 'points', body: { ids: [3, 1000, 7], with_vector: true, with_payload: true }, pick: (r) => (r as Json[]).map(restPoint) },
    grpc: async (c, name) => (await c.points.Get({ collection_name: name, ids: [{ num: '3' }, { num: '1000' }, { num: '7' }], with_vector: true, with_payload: { enable: true } })).points?.map(pointOut),
  },
  {
    name: 'explain plan',
    rest: { method: 'POST', path: 'points/query/explain', body: { query: q0, limit: 3, filter: jazz }, pick: (r) => ({ points: points(r), plan: (r as { explain: { plan: unknown } }).explain.plan }) },
    grpc: async (c, name) => {
      const r = await c.points.Explain({ collection_name: name, query: { nearest: { data: q0 } }, limit: 3, filter: jazzG });
      return { points: (r.points ?? []).map(pointOut), plan: structToJson(r.explain)?.plan };
    },
  },
];

describe('REST and gRPC give identical results', () => {
  it('for every row of the shared table', async () => {
    const server = await startTestServer();
    const grpc = connect(server.grpcPort);
    try {
      const vectors = randomVectors(N, DIM, 7);
      // The same writes through each transport, each into its own collection.
      await ok(server.url, 'PUT', '/collections/r', { vectors: { size: DIM, distance: 'Cosine' } });
      await ok(server.url, 'PUT', '/collections/r/index', { field_name: 'genre', field_schema: 'keyword' });
      await ok(server.url, 'PUT', '/collections/r/points?wait=true', { points: vectors.map((v, i) => ({ id: i, vector: v, payload: payloadFor(i) })) });
      await ok(server.url, 'POST', '/collections/r/points/payload', { points: [1, 2], payload: { extra: { deep: [1, 'x'] } } });

      await grpc.collections.Create({ collection_name: 'g', vectors: { size: DIM, distance: 'COSINE' } });
      await grpc.collections.CreatePayloadIndex({ collection_name: 'g', field_name: 'genre', field_type: 'KEYWORD' });
      await grpc.points.Upsert({ collection_name: 'g', points: vectors.map((v, i) => ({ id: { num: String(i) }, vector: v, payload: jsonToStruct(payloadFor(i)) })) });
      await grpc.points.SetPayload({ collection_name: 'g', selector: { points: { ids: [{ num: '1' }, { num: '2' }] } }, payload: jsonToStruct({ extra: { deep: [1, 'x'] } }) });

      for (const row of ROWS) {
        const viaRest = row.rest.pick(await ok(server.url, row.rest.method, `/collections/r/${row.rest.path}`, row.rest.body));
        const viaGrpc = await row.grpc(grpc, 'g');
        expect(viaGrpc, row.name).toEqual(viaRest);
        // A row that selects nothing would compare two empty answers: make sure each says something.
        expect(['[]', '0', 'null', '{"points":[],"next":null}'], row.name).not.toContain(JSON.stringify(viaRest));
      }
    } finally {
      grpc.close();
    }
  });
});
