// Bad input over raw HTTP: each request is answered with the right status and
// stable error code in Qdrant's envelope, changes nothing that is stored, and
// leaves the server answering. Each case gets its own server and data dir.

import { describe, expect, it } from 'vitest';
import { http, ok, rawHttp, type ErrorEnvelope, type HttpResult } from '../helpers/http.js';
import { spawnServer, startTestServer, tempDataDir, type TestServer } from '../helpers/server.js';

const DIM = 4;
const SEEDED = 20;
/** Small enough that a body of a few thousand points exceeds it. */
const MAX_REQUEST_MB = 0.05;
/** Points (or ids, or searches) one request may carry, and the largest limit + offset. */
const MAX_BATCH = 50;
const MAX_LIMIT = 100;

function vector(i: number): number[] {
  return [i, i + 1, i + 2, i + 3].map((x) => x / 8);
}

interface Snapshot {
  collections: string[];
  count: number;
  /** The result of GET /collections/c/points/5 as text: id, payload and vector. */
  point5: string;
  nearest: unknown;
}

async function snapshot(base: string): Promise<Snapshot> {
  const list = await ok<{ collections: { name: string }[] }>(base, 'GET', '/collections');
  const count = await ok<{ count: number }>(base, 'POST', '/collections/c/points/count', {});
  const point5 = await http(base, 'GET', '/collections/c/points/5');
  expect(point5.status).toBe(200);
  const nearest = await ok<{ points: unknown[] }>(base, 'POST', '/collections/c/points/query', { query: vector(5), limit: 3, params: { exact: true }, with_payload: true, with_vector: true });
  return { collections: list.collections.map((c) => c.name).sort(), count: count.count, point5: JSON.stringify((point5.json as { result: unknown }).result), nearest: nearest.points };
}

/** A server holding collection "c" (4-d Euclid) with points 0..19, and a snapshot of that state. */
async function seeded(): Promise<{ server: TestServer; base: string; before: Snapshot }> {
  const server = await startTestServer({ service: { max_request_size_mb: MAX_REQUEST_MB, max_batch_points: MAX_BATCH, max_query_limit: MAX_LIMIT } });
  const base = server.url;
  await ok(base, 'PUT', '/collections/c', { vectors: { size: DIM, distance: 'Euclid' } });
  await ok(base, 'PUT', '/collections/c/points?wait=true', {
    points: Array.from({ length: SEEDED }, (_, i) => ({ id: i, vector: vector(i), payload: { i, tag: `p${i}` } })),
  });
  const before = await snapshot(base);
  expect(before.count).toBe(SEEDED);
  expect(JSON.parse(before.point5)).toEqual({ id: 5, payload: { i: 5, tag: 'p5' }, vector: vector(5) });
  return { server, base, before };
}

interface Case {
  name: string;
  method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  path: string;
  /** A string is sent as-is (for non-JSON literals), anything else JSON-encoded. */
  body?: unknown;
  status: number;
  code: string;
  /** How to send it: fetch (default), app.inject (no socket), or node:http with the path untouched. */
  via?: 'inject' | 'raw';
}

const UPSERT = '/collections/c/points?wait=true';
const QUERY = '/collections/c/points/query';
/** An upsert that would overwrite the sampled point 5 before reaching the bad point. */
const upsertWith = (bad: Record<string, unknown>) => ({ points: [{ id: 5, vector: [9, 9, 9, 9], payload: { overwritten: true } }, { id: 100, vector: vector(1), ...bad }] });
const rawUpsertVector = (literal: string) => `{"points":[{"id":5,"vector":[9,9,9,9]},{"id":100,"vector":[${literal},1,2,3]}]}`;
const rawUpsertId = (literal: string) => `{"points":[{"id":5,"vector":[9,9,9,9]},{"id":${literal},"vector":[1,2,3,4]}]}`;
const nested = (depth: number): unknown => (depth === 0 ? 1 : { a: nested(depth - 1) });

const CASES: Case[] = [
  // vectors
  { name: 'wrong dimension (points)', method: 'PUT', path: UPSERT, body: upsertWith({ vector: [1, 2, 3] }), status: 400, code: 'WRONG_DIMENSION' },
  { name: 'wrong dimension (batch)', method: 'PUT', path: UPSERT, body: { batch: { ids: [5, 100], vectors: [[9, 9, 9, 9], [1, 2, 3, 4, 5]] } }, status: 400, code: 'WRONG_DIMENSION' },
  { name: 'wrong dimension (query)', method: 'POST', path: QUERY, body: { query: [1, 2] }, status: 400, code: 'WRONG_DIMENSION' },
  { name: 'NaN literal (not JSON)', method: 'PUT', path: UPSERT, body: rawUpsertVector('NaN'), status: 400, code: 'MALFORMED_JSON' },
  { name: 'Infinity literal (not JSON)', method: 'PUT', path: UPSERT, body: rawUpsertVector('Infinity'), status: 400, code: 'MALFORMED_JSON' },
  { name: '1e999 (parses to Infinity)', method: 'PUT', path: UPSERT, body: rawUpsertVector('1e999'), status: 400, code: 'INVALID_VECTOR' },
  { name: '1e39 (beyond float32)', method: 'PUT', path: UPSERT, body: rawUpsertVector('1e39'), status: 400, code: 'INVALID_VECTOR' },
  { name: '1e999 in a query vector', method: 'POST', path: QUERY, body: '{"query":[1e999,0,0,0]}', status: 400, code: 'INVALID_VECTOR' },
  { name: 'string in a vector', method: 'PUT', path: UPSERT, body: upsertWith({ vector: ['1', 2, 3, 4] }), status: 400, code: 'INVALID_VECTOR' },
  { name: 'null in a vector', method: 'PUT', path: UPSERT, body: upsertWith({ vector: [null, 2, 3, 4] }), status: 400, code: 'INVALID_VECTOR' },
  { name: 'vector is a string', method: 'PUT', path: UPSERT, body: upsertWith({ vector: 'abcd' }), status: 400, code: 'INVALID_VECTOR' },
  { name: 'string in a query vector', method: 'POST', path: QUERY, body: { query: [1, 'x', 3, 4] }, status: 400, code: 'INVALID_VECTOR' },
  // ids
  { name: 'negative id', method: 'PUT', path: UPSERT, body: rawUpsertId('-1'), status: 400, code: 'INVALID_POINT_ID' },
  { name: 'float id', method: 'PUT', path: UPSERT, body: rawUpsertId('1.5'), status: 400, code: 'INVALID_POINT_ID' },
  { name: 'non-UUID string id', method: 'PUT', path: UPSERT, body: rawUpsertId('"not-a-uuid"'), status: 400, code: 'INVALID_POINT_ID' },
  { name: 'numeric string id', method: 'PUT', path: UPSERT, body: rawUpsertId('"42"'), status: 400, code: 'INVALID_POINT_ID' },
  { name: 'id 2^64 (one past u64 max)', method: 'PUT', path: UPSERT, body: rawUpsertId('18446744073709551616'), status: 400, code: 'INVALID_POINT_ID' },
  { name: 'id 1e30', method: 'PUT', path: UPSERT, body: rawUpsertId('1000000000000000000000000000000'), status: 400, code: 'INVALID_POINT_ID' },
  { name: 'null id', method: 'PUT', path: UPSERT, body: rawUpsertId('null'), status: 400, code: 'INVALID_POINT_ID' },
  { name: 'object id', method: 'PUT', path: UPSERT, body: rawUpsertId('{"n":1}'), status: 400, code: 'INVALID_POINT_ID' },
  { name: 'invalid id in batch form', method: 'PUT', path: UPSERT, body: { batch: { ids: [5, -3], vectors: [[9, 9, 9, 9], [1, 2, 3, 4]] } }, status: 400, code: 'INVALID_POINT_ID' },
  { name: 'invalid id in retrieve', method: 'POST', path: '/collections/c/points', body: { ids: [1, 'nope'] }, status: 400, code: 'INVALID_POINT_ID' },
  { name: 'invalid id in delete', method: 'POST', path: '/collections/c/points/delete?wait=true', body: { points: [5, -1] }, status: 400, code: 'INVALID_POINT_ID' },
  { name: 'invalid id in GET path', method: 'GET', path: '/collections/c/points/not-a-uuid', status: 400, code: 'INVALID_POINT_ID' },
  { name: 'GET path id 2^64', method: 'GET', path: '/collections/c/points/18446744073709551616', status: 400, code: 'INVALID_POINT_ID' },
  { name: 'invalid scroll offset', method: 'POST', path: '/collections/c/points/scroll', body: { offset: -5 }, status: 400, code: 'INVALID_POINT_ID' },
  { name: 'invalid query point id', method: 'POST', path: QUERY, body: { query: 'zzz' }, status: 400, code: 'INVALID_POINT_ID' },
  // not found
  { name: 'unknown collection (upsert)', method: 'PUT', path: '/collections/nope/points?wait=true', body: { points: [{ id: 1, vector: [1, 2, 3, 4] }] }, status: 404, code: 'COLLECTION_NOT_FOUND' },
  { name: 'unknown collection (info)', method: 'GET', path: '/collections/nope', status: 404, code: 'COLLECTION_NOT_FOUND' },
  { name: 'unknown collection (query)', method: 'POST', path: '/collections/nope/points/query', body: { query: [1, 2, 3, 4] }, status: 404, code: 'COLLECTION_NOT_FOUND' },
  { name: 'unknown collection (count)', method: 'POST', path: '/collections/nope/points/count', body: {}, status: 404, code: 'COLLECTION_NOT_FOUND' },
  { name: 'unknown point (GET)', method: 'GET', path: '/collections/c/points/12345', status: 404, code: 'POINT_NOT_FOUND' },
  { name: 'unknown point (query by id)', method: 'POST', path: QUERY, body: { query: 12345 }, status: 404, code: 'POINT_NOT_FOUND' },
  // Qdrant answers payload operations naming a missing point with 404 (check_unprocessed_points), and so must hqdb.
  { name: 'set_payload on a missing point', method: 'POST', path: '/collections/c/points/payload?wait=true', body: { payload: { x: 1 }, points: [5, 12345] }, status: 404, code: 'POINT_NOT_FOUND' },
  { name: 'overwrite_payload on a missing point', method: 'PUT', path: '/collections/c/points/payload?wait=true', body: { payload: { x: 1 }, points: [5, 12345] }, status: 404, code: 'POINT_NOT_FOUND' },
  { name: 'delete_payload on a missing point', method: 'POST', path: '/collections/c/points/payload/delete?wait=true', body: { keys: ['tag'], points: [5, 12345] }, status: 404, code: 'POINT_NOT_FOUND' },
  { name: 'clear_payload on a missing point', method: 'POST', path: '/collections/c/points/payload/clear?wait=true', body: { points: [5, 12345] }, status: 404, code: 'POINT_NOT_FOUND' },
  { name: 'unknown route', method: 'GET', path: '/nope', status: 404, code: 'ROUTE_NOT_FOUND' },
  { name: 'unknown route under a collection', method: 'POST', path: '/collections/c/points/frobnicate', body: {}, status: 404, code: 'ROUTE_NOT_FOUND' },
  // collections
  { name: 'existing collection', method: 'PUT', path: '/collections/c', body: { vectors: { size: 8, distance: 'Dot' } }, status: 409, code: 'COLLECTION_EXISTS' },
  { name: 'unsupported distance', method: 'PUT', path: '/collections/new', body: { vectors: { size: 4, distance: 'Hamming' } }, status: 400, code: 'INVALID_CONFIG' },
  { name: 'lowercase distance', method: 'PUT', path: '/collections/new', body: { vectors: { size: 4, distance: 'cosine' } }, status: 400, code: 'INVALID_CONFIG' },
  { name: 'size 0', method: 'PUT', path: '/collections/new', body: { vectors: { size: 0, distance: 'Dot' } }, status: 400, code: 'INVALID_CONFIG' },
  { name: 'fractional size', method: 'PUT', path: '/collections/new', body: { vectors: { size: 4.5, distance: 'Dot' } }, status: 400, code: 'INVALID_CONFIG' },
  { name: 'collection name with a slash (%2F)', method: 'PUT', path: '/collections/a%2Fb', body: { vectors: { size: 4, distance: 'Dot' } }, status: 400, code: 'INVALID_COLLECTION_NAME' },
  { name: 'collection name with a colon', method: 'PUT', path: '/collections/a:b', body: { vectors: { size: 4, distance: 'Dot' } }, status: 400, code: 'INVALID_COLLECTION_NAME' },
  { name: 'collection name with a star', method: 'PUT', path: '/collections/a*b', body: { vectors: { size: 4, distance: 'Dot' } }, status: 400, code: 'INVALID_COLLECTION_NAME' },
  { name: 'collection name with a control character', method: 'PUT', path: '/collections/a%01b', body: { vectors: { size: 4, distance: 'Dot' } }, status: 400, code: 'INVALID_COLLECTION_NAME' },
  { name: 'collection name ..', method: 'PUT', path: '/collections/..', body: { vectors: { size: 4, distance: 'Dot' } }, status: 400, code: 'INVALID_COLLECTION_NAME', via: 'raw' },
  { name: 'collection name .', method: 'PUT', path: '/collections/.', body: { vectors: { size: 4, distance: 'Dot' } }, status: 400, code: 'INVALID_COLLECTION_NAME', via: 'raw' },
  { name: 'collection name of 256 characters', method: 'PUT', path: `/collections/${'x'.repeat(256)}`, body: { vectors: { size: 4, distance: 'Dot' } }, status: 400, code: 'INVALID_COLLECTION_NAME' },
  // shape (schema) errors
  { name: 'unknown top-level field in upsert', method: 'PUT', path: UPSERT, body: { points: [{ id: 5, vector: [9, 9, 9, 9] }], extra: 1 }, status: 422, code: 'SCHEMA_VIOLATION' },
  { name: 'unknown field in a point', method: 'PUT', path: UPSERT, body: upsertWith({ vectr: [1, 2, 3, 4] }), status: 422, code: 'SCHEMA_VIOLATION' },
  { name: 'unknown field in query', method: 'POST', path: QUERY, body: { query: [1, 2, 3, 4], lim: 3 }, status: 422, code: 'SCHEMA_VIOLATION' },
  { name: 'unknown field in create collection', method: 'PUT', path: '/collections/new', body: { vectors: { size: 4, distance: 'Dot' }, sharding: 2 }, status: 422, code: 'SCHEMA_VIOLATION' },
  { name: 'limit as a string', method: 'POST', path: QUERY, body: { query: [1, 2, 3, 4], limit: '10' }, status: 422, code: 'SCHEMA_VIOLATION' },
  { name: 'points as an object', method: 'PUT', path: UPSERT, body: { points: { id: 5, vector: [9, 9, 9, 9] } }, status: 422, code: 'SCHEMA_VIOLATION' },
  { name: 'with_payload as a number', method: 'POST', path: QUERY, body: { query: [1, 2, 3, 4], with_payload: 5 }, status: 422, code: 'SCHEMA_VIOLATION' },
  { name: 'payload as an array', method: 'PUT', path: UPSERT, body: upsertWith({ payload: [1, 2] }), status: 422, code: 'SCHEMA_VIOLATION' },
  { name: 'set_payload without payload', method: 'POST', path: '/collections/c/points/payload?wait=true', body: { points: [5] }, status: 422, code: 'SCHEMA_VIOLATION' },
  { name: 'vectors as a string in create collection', method: 'PUT', path: '/collections/new', body: { vectors: 'x' }, status: 422, code: 'SCHEMA_VIOLATION' },
  { name: 'body is a JSON array', method: 'PUT', path: UPSERT, body: [{ id: 5, vector: [9, 9, 9, 9] }], status: 422, code: 'SCHEMA_VIOLATION' },
  // malformed bodies
  { name: 'truncated JSON', method: 'PUT', path: UPSERT, body: '{"points": [{"id": 5, "vector": [9, 9', status: 400, code: 'MALFORMED_JSON' },
  { name: 'trailing garbage', method: 'PUT', path: UPSERT, body: '{"points": [{"id": 5, "vector": [9, 9, 9, 9]}]} x', status: 400, code: 'MALFORMED_JSON' },
  { name: 'single quotes', method: 'POST', path: QUERY, body: "{'query': [1, 2, 3, 4]}", status: 400, code: 'MALFORMED_JSON' },
  { name: 'deeply nested payload', method: 'PUT', path: UPSERT, body: { points: [{ id: 5, vector: [9, 9, 9, 9], payload: nested(100) }] }, status: 400, code: 'MALFORMED_JSON' },
  { name: '20k nested arrays', method: 'POST', path: QUERY, body: `{"query":${'['.repeat(20_000)}${']'.repeat(20_000)}}`, status: 400, code: 'MALFORMED_JSON' },
  { name: 'body over the size limit', method: 'PUT', path: UPSERT, body: { points: Array.from({ length: 3000 }, (_, i) => ({ id: i, vector: [9, 9, 9, 9], payload: { i } })) }, status: 413, code: 'PAYLOAD_TOO_LARGE' },
  { name: 'body over the size limit (inject)', method: 'PUT', path: UPSERT, body: { points: Array.from({ length: 3000 }, (_, i) => ({ id: i, vector: [9, 9, 9, 9], payload: { i } })) }, status: 413, code: 'PAYLOAD_TOO_LARGE', via: 'inject' },
  // batches and limits
  { name: 'empty upsert (points)', method: 'PUT', path: UPSERT, body: { points: [] }, status: 400, code: 'EMPTY_BATCH' },
  { name: 'empty upsert (batch)', method: 'PUT', path: UPSERT, body: { batch: { ids: [], vectors: [] } }, status: 400, code: 'EMPTY_BATCH' },
  { name: 'query limit 0', method: 'POST', path: QUERY, body: { query: [1, 2, 3, 4], limit: 0 }, status: 400, code: 'INVALID_LIMIT' },
  { name: 'query limit -1', method: 'POST', path: QUERY, body: { query: [1, 2, 3, 4], limit: -1 }, status: 400, code: 'INVALID_LIMIT' },
  { name: 'query limit 10^9', method: 'POST', path: QUERY, body: { query: [1, 2, 3, 4], limit: 1_000_000_000 }, status: 400, code: 'INVALID_LIMIT' },
  { name: 'query offset -1', method: 'POST', path: QUERY, body: { query: [1, 2, 3, 4], offset: -1 }, status: 400, code: 'INVALID_LIMIT' },
  { name: 'query hnsw_ef 0', method: 'POST', path: QUERY, body: { query: [1, 2, 3, 4], params: { hnsw_ef: 0 } }, status: 400, code: 'INVALID_LIMIT' },
  { name: 'query limit over max_query_limit', method: 'POST', path: QUERY, body: { query: [1, 2, 3, 4], limit: MAX_LIMIT + 1 }, status: 400, code: 'INVALID_LIMIT' },
  { name: 'query limit + offset over max_query_limit', method: 'POST', path: QUERY, body: { query: [1, 2, 3, 4], limit: MAX_LIMIT / 2 + 1, offset: MAX_LIMIT / 2 }, status: 400, code: 'INVALID_LIMIT' },
  { name: 'upsert over max_batch_points', method: 'PUT', path: UPSERT, body: { points: Array.from({ length: MAX_BATCH + 1 }, (_, i) => ({ id: i, vector: [9, 9, 9, 9] })) }, status: 400, code: 'INVALID_LIMIT' },
  { name: 'retrieve over max_batch_points', method: 'POST', path: '/collections/c/points', body: { ids: Array.from({ length: MAX_BATCH + 1 }, (_, i) => i) }, status: 400, code: 'INVALID_LIMIT' },
  { name: 'delete over max_batch_points', method: 'POST', path: '/collections/c/points/delete?wait=true', body: { points: Array.from({ length: MAX_BATCH + 1 }, (_, i) => i) }, status: 400, code: 'INVALID_LIMIT' },
  { name: 'query batch over max_batch_points', method: 'POST', path: '/collections/c/points/query/batch', body: { searches: Array.from({ length: MAX_BATCH + 1 }, () => ({ query: [1, 2, 3, 4] })) }, status: 400, code: 'INVALID_LIMIT' },
  { name: 'scroll limit 0', method: 'POST', path: '/collections/c/points/scroll', body: { limit: 0 }, status: 400, code: 'INVALID_LIMIT' },
  { name: 'scroll limit 10^9', method: 'POST', path: '/collections/c/points/scroll', body: { limit: 1_000_000_000 }, status: 400, code: 'INVALID_LIMIT' },
  { name: 'search limit 0', method: 'POST', path: '/collections/c/points/search', body: { vector: [1, 2, 3, 4], limit: 0 }, status: 400, code: 'INVALID_LIMIT' },
  { name: 'query batch with limit 0 inside', method: 'POST', path: '/collections/c/points/query/batch', body: { searches: [{ query: [1, 2, 3, 4] }, { query: [1, 2, 3, 4], limit: 0 }] }, status: 400, code: 'INVALID_LIMIT' },
  // malformed filters: 400 INVALID_FILTER naming the path of the problem, on every route that takes a filter
  { name: 'filter with an unknown clause', method: 'POST', path: QUERY, body: { query: [1, 2, 3, 4], filter: { maybe: [] } }, status: 400, code: 'INVALID_FILTER' },
  { name: 'filter with an unknown match', method: 'POST', path: QUERY, body: { query: [1, 2, 3, 4], filter: { must: [{ key: 'i', match: { like: 'x' } }] } }, status: 400, code: 'INVALID_FILTER' },
  { name: 'filter match with a float', method: 'POST', path: '/collections/c/points/search', body: { vector: [1, 2, 3, 4], limit: 3, filter: { must: [{ key: 'i', match: { value: 1.5 } }] } }, status: 400, code: 'INVALID_FILTER' },
  { name: 'filter with an empty any', method: 'POST', path: '/collections/c/points/scroll', body: { filter: { must: [{ key: 'i', match: { any: [] } }] } }, status: 400, code: 'INVALID_FILTER' },
  { name: 'filter range with a non-number', method: 'POST', path: '/collections/c/points/count', body: { filter: { must: [{ key: 'i', range: { gt: [1] } }] } }, status: 400, code: 'INVALID_FILTER' },
  { name: 'filter nested too deeply', method: 'POST', path: '/collections/c/points/delete?wait=true', body: { filter: JSON.parse('{"must":'.repeat(20) + '[]' + '}'.repeat(20)) as unknown }, status: 400, code: 'INVALID_FILTER' },
  { name: 'filter with a huge any list', method: 'POST', path: '/collections/c/points/payload?wait=true', body: { payload: { x: 1 }, filter: { must: [{ key: 'i', match: { any: Array.from({ length: 10_001 }, (_, i) => i) } }] } }, status: 400, code: 'INVALID_FILTER' },
];

async function send(server: TestServer, c: Case): Promise<HttpResult> {
  if (c.via === 'raw') return rawHttp(server.url, c.method, c.path, c.body);
  if (c.via !== 'inject') return http(server.url, c.method, c.path, c.body);
  const res = await server.app.inject({ method: c.method, url: c.path, payload: typeof c.body === 'string' ? c.body : JSON.stringify(c.body), headers: { 'content-type': 'application/json' } });
  return { status: res.statusCode, text: res.body, json: JSON.parse(res.body) as unknown };
}

describe('bad requests', () => {
  it.each(CASES)('$name -> $status $code', async (c) => {
    const { server, base, before } = await seeded();
    const { status, json: body } = await send(server, c);
    expect({ status, code: (body as ErrorEnvelope | undefined)?.status?.code }).toEqual({ status: c.status, code: c.code });
    const envelope = body as ErrorEnvelope;
    expect(typeof envelope.status.error).toBe('string');
    expect(envelope.status.error.length).toBeGreaterThan(0);
    expect(typeof envelope.time).toBe('number');

    // Nothing stored changed, and the server still answers.
    expect(await snapshot(base)).toEqual(before);
    expect((await http(base, 'GET', '/healthz')).status).toBe(200);
  });

  it('names the failing query of a batch', async () => {
    const { base } = await seeded();
    for (const path of ['/collections/c/points/query/batch', '/collections/c/points/search/batch']) {
      const key = path.endsWith('query/batch') ? 'query' : 'vector';
      const res = await http(base, 'POST', path, { searches: [{ [key]: [1, 2, 3, 4], limit: 1 }, { [key]: [1, 2, 3, 4], limit: 1 }, { [key]: [1, 2, 3], limit: 1 }] });
      expect(res.status, path).toBe(400);
      const { status } = res.json as ErrorEnvelope;
      expect(status.code).toBe('WRONG_DIMENSION');
      expect(status.error).toMatch(/^searches\[2\]: /);
    }
  });

  it('rejects a whole upsert batch when one point is bad (no partial writes)', async () => {
    const { base, before } = await seeded();
    const res = await http(base, 'PUT', UPSERT, { points: [
      { id: 500, vector: [1, 1, 1, 1] },
      { id: 5, vector: [9, 9, 9, 9] },
      { id: 501, vector: [1, 1, 1] },
    ] });
    expect(res.status).toBe(400);
    expect((res.json as ErrorEnvelope).status.code).toBe('WRONG_DIMENSION');
    const got = await ok<unknown[]>(base, 'POST', '/collections/c/points', { ids: [500, 501] });
    expect(got).toEqual([]);
    expect(await snapshot(base)).toEqual(before);
  });

  it('keeps serving while many bad requests arrive at once', async () => {
    const { server, base, before } = await seeded();
    // The 400/422 cases against the points of "c", all in flight together.
    const bad = CASES.filter((c) => c.path.startsWith('/collections/c/') && (c.status === 400 || c.status === 422));
    expect(bad.length).toBeGreaterThan(40);
    const results = await Promise.all(bad.map((c) => send(server, c)));
    results.forEach((res, i) => expect(res.status, bad[i].name).toBe(bad[i].status));
    expect(await snapshot(base)).toEqual(before);
  });

  it('accepts collection names up to 255 characters, as Qdrant does', async () => {
    const { base } = await seeded();
    for (const name of ['x'.repeat(101), 'y'.repeat(255)]) {
      const created = await http(base, 'PUT', `/collections/${name}`, { vectors: { size: DIM, distance: 'Dot' } });
      expect({ status: created.status, body: created.json }).toMatchObject({ status: 200, body: { result: true } });
      await ok(base, 'PUT', `/collections/${name}/points?wait=true`, { points: [{ id: 1, vector: vector(1) }] });
      expect(await ok(base, 'GET', `/collections/${name}/exists`)).toEqual({ exists: true });
      expect(await ok(base, 'POST', `/collections/${name}/points/count`, {})).toEqual({ count: 1 });
    }
  });
});

// Payload paths are user input: "__proto__" must be an ordinary key (as in Qdrant) or be
// refused, never a way into Object.prototype. These run the server in a child process,
// because the bug they guard against would poison whatever process hosts the server.
describe('payload paths through __proto__', () => {
  const HOSTILE: { name: string; method: string; path: string; body: unknown; literal: string }[] = [
    { name: 'set_payload key "__proto__.hqdbPolluted"', method: 'POST', path: '/collections/c/points/payload?wait=true', body: { payload: { x: 1 }, points: [5], key: '__proto__.hqdbPolluted' }, literal: '{"a":1,"__proto__":{"hqdbPolluted":{"x":1}}}' },
    { name: 'set_payload key "__proto__"', method: 'POST', path: '/collections/c/points/payload?wait=true', body: { payload: { x: 1 }, points: [5], key: '__proto__' }, literal: '{"a":1,"__proto__":{"x":1}}' },
    // Raw text: a "__proto__" key in a JS object literal would set the prototype instead.
    { name: 'set_payload merging a "__proto__" key', method: 'POST', path: '/collections/c/points/payload?wait=true', body: '{"payload":{"__proto__":{"y":2},"ok":1},"points":[5]}', literal: '{"a":1,"__proto__":{"y":2},"ok":1}' },
    { name: 'delete_payload key "__proto__.hasOwnProperty"', method: 'POST', path: '/collections/c/points/payload/delete?wait=true', body: { keys: ['__proto__.hasOwnProperty'], points: [5] }, literal: '{"a":1}' },
    { name: 'query with_payload exclude "__proto__.hasOwnProperty"', method: 'POST', path: '/collections/c/points/query', body: { query: [1, 1, 1, 1], with_payload: { exclude: ['__proto__.hasOwnProperty'] } }, literal: '{"a":1}' },
  ];

  it.each(HOSTILE)('$name is stored literally or refused, and the server is unharmed', async (c) => {
    const server = await spawnServer(await tempDataDir());
    const base = server.url;
    await ok(base, 'PUT', '/collections/c', { vectors: { size: DIM, distance: 'Euclid' } });
    await ok(base, 'PUT', UPSERT, { points: [{ id: 5, vector: [1, 1, 1, 1], payload: { a: 1 } }] });

    // A dropped connection becomes status 0, so the checks below can say what happened.
    const lost = (err: Error): HttpResult => ({ status: 0, text: String(err.cause ?? err), json: undefined });
    const res = await http(base, c.method, c.path, c.body).catch(lost);

    // First: the process is alive and every request still works as before.
    // A crash may follow the response: give it a moment.
    await Promise.race([server.exited, new Promise((r) => setTimeout(r, 500))]);
    expect(server.child.exitCode, `server exited after the request (${res.status} ${res.text}); stderr: ${server.stderr()}`).toBeNull();
    const health = await http(base, 'GET', '/healthz').catch(lost);
    expect(health.status, `GET /healthz after the request (${res.status} ${res.text}): ${health.text}; stderr: ${server.stderr()}`).toBe(200);
    await ok(base, 'PUT', UPSERT, { points: [{ id: 6, vector: [2, 2, 2, 2], payload: { b: 2 } }] });
    const nearest = await ok<{ points: { id: number; payload: unknown }[] }>(base, 'POST', QUERY, { query: [2, 2, 2, 2], limit: 1, with_payload: true });
    expect(nearest.points).toEqual([expect.objectContaining({ id: 6, payload: { b: 2 } })]);

    // Then: the request did what Qdrant does with such a key, or was refused and changed nothing.
    const payloadText = async () => /"payload":(\{.*?\})\}\]/.exec((await http(base, 'POST', '/collections/c/points', { ids: [5] })).text)?.[1];
    if (res.status === 200) {
      if (c.path.includes('/query')) expect(res.text).toContain(`"payload":${c.literal}`);
      else expect(await payloadText()).toBe(c.literal);
    } else {
      expect({ status: res.status, code: (res.json as ErrorEnvelope).status.code }).toEqual({ status: 400, code: 'INVALID_PAYLOAD' });
      expect(await payloadText()).toBe('{"a":1}');
    }
    expect(server.child.exitCode).toBeNull();
  });
});
