// Filters through the official Qdrant JS client against a real server: every
// condition type through query, query batch, search, scroll, count, delete by
// filter and set-payload by filter, with and without payload indexes, each
// checked against a predicate written here (independent of the engine's
// reference evaluator). Also: payload index management, `min(limit, matching)`
// results at every selectivity, the plan `explain` reports, and bad filters.

import { QdrantClient, type Schemas } from '@qdrant/js-client-rest';
import { describe, expect, it } from 'vitest';
import { ok } from '../helpers/http.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { BruteForce, randomVectors } from '../helpers/vectors.js';

type Filter = Schemas['Filter'];
type Payload = Record<string, unknown>;

const N = 300;
const DIM = 8;
const COLORS = ['red', 'green', 'blue', 'black'];
const TAGS = ['x', 'y', 'z'];
const T0 = Date.UTC(2024, 0, 1);
const HOUR = 3_600_000;

/** Deterministic payloads covering absent keys, nulls, arrays, nested objects and every value type. */
function payloadFor(i: number): Payload {
  const p: Payload = {};
  if (i % 10 === 1) p.color = null;
  else if (i % 10 === 2) p.color = [COLORS[i % 4], COLORS[(i + 1) % 4]];
  else if (i % 10 !== 0) p.color = COLORS[i % 4];
  p.n = i % 50;
  p.price = (i % 17) / 4;
  p.ok = i % 3 === 0;
  if (i % 7 !== 0) p.t = new Date(T0 + i * 5 * HOUR).toISOString();
  if (i % 13 !== 0) p.tags = TAGS.slice(0, i % 4);
  if (i % 11 === 0) p.nullable = null;
  else if (i % 11 === 1) p.nullable = 'set';
  p.meta = { year: 2018 + (i % 6) };
  return p;
}

/** The values under a top-level key: an array's elements, a scalar, nothing when absent. */
function vals(p: Payload, key: string): unknown[] {
  if (!(key in p)) return [];
  const v = p[key];
  return Array.isArray(v) ? v : [v];
}

/** `except` as Qdrant defines it: absent, [] or some non-null value outside the list. */
function except(p: Payload, key: string, list: unknown[]): boolean {
  if (!(key in p)) return true;
  const nonNull = vals(p, key).filter((v) => v !== null);
  if (nonNull.length === 0) return vals(p, key).length === 0;
  return nonNull.some((v) => !list.includes(v));
}

const time = (p: Payload): number | undefined => (typeof p.t === 'string' ? Date.parse(p.t) : undefined);
const year = (p: Payload): number => (p.meta as { year: number }).year;

interface Case {
  name: string;
  filter: Filter;
  expected: (p: Payload, id: number) => boolean;
}

const CASES: Case[] = [
  { name: 'match keyword', filter: { must: [{ key: 'color', match: { value: 'red' } }] }, expected: (p) => vals(p, 'color').includes('red') },
  { name: 'match integer', filter: { must: [{ key: 'n', match: { value: 7 } }] }, expected: (p) => p.n === 7 },
  { name: 'match bool', filter: { must: [{ key: 'ok', match: { value: true } }] }, expected: (p) => p.ok === true },
  { name: 'match any keywords', filter: { must: [{ key: 'color', match: { any: ['green', 'blue'] } }] }, expected: (p) => vals(p, 'color').some((c) => c === 'green' || c === 'blue') },
  { name: 'match any integers', filter: { must: [{ key: 'n', match: { any: [1, 2, 3, 49] } }] }, expected: (p) => [1, 2, 3, 49].includes(p.n as number) },
  { name: 'match except keywords', filter: { must: [{ key: 'color', match: { except: ['red', 'green'] } }] }, expected: (p) => except(p, 'color', ['red', 'green']) },
  { name: 'match except integers', filter: { must: [{ key: 'n', match: { except: Array.from({ length: 25 }, (_, i) => i) } }] }, expected: (p) => (p.n as number) >= 25 },
  { name: 'range on integers', filter: { must: [{ key: 'n', range: { gte: 10, lt: 20 } }] }, expected: (p) => (p.n as number) >= 10 && (p.n as number) < 20 },
  { name: 'range on floats', filter: { must: [{ key: 'price', range: { gt: 1.5, lte: 3 } }] }, expected: (p) => (p.price as number) > 1.5 && (p.price as number) <= 3 },
  {
    name: 'datetime range',
    filter: { must: [{ key: 't', range: { gte: '2024-01-10T00:00:00Z', lt: '2024-01-20T02:00:00+02:00' } }] },
    expected: (p) => time(p) !== undefined && time(p)! >= Date.UTC(2024, 0, 10) && time(p)! < Date.UTC(2024, 0, 20),
  },
  { name: 'is_null', filter: { must: [{ is_null: { key: 'nullable' } }] }, expected: (p) => 'nullable' in p && p.nullable === null },
  { name: 'is_empty', filter: { must: [{ is_empty: { key: 'tags' } }] }, expected: (p) => vals(p, 'tags').length === 0 },
  { name: 'values_count', filter: { must: [{ key: 'tags', values_count: { gte: 2 } }] }, expected: (p) => vals(p, 'tags').length >= 2 },
  { name: 'has_id', filter: { must: [{ has_id: [3, 14, 15, 92, 6535] }] }, expected: (_, id) => [3, 14, 15, 92].includes(id) },
  { name: 'match on a nested key', filter: { must: [{ key: 'meta.year', match: { value: 2021 } }] }, expected: (p) => year(p) === 2021 },
  { name: 'range on a nested key', filter: { must: [{ key: 'meta.year', range: { gt: 2021 } }] }, expected: (p) => year(p) > 2021 },
  {
    name: 'should, must_not and min_should',
    filter: {
      should: [{ key: 'ok', match: { value: true } }, { key: 'n', range: { lt: 5 } }],
      must_not: [{ has_id: [0, 3] }],
      min_should: { conditions: [{ key: 'color', match: { any: ['red'] } }, { key: 'price', range: { gte: 2 } }, { is_empty: { key: 'tags' } }], min_count: 2 },
    },
    expected: (p, id) =>
      (p.ok === true || (p.n as number) < 5) &&
      id !== 0 && id !== 3 &&
      [vals(p, 'color').includes('red'), (p.price as number) >= 2, vals(p, 'tags').length === 0].filter(Boolean).length >= 2,
  },
  {
    name: 'nested filters',
    filter: { must: [{ should: [{ key: 'n', range: { gte: 45 } }, { must_not: [{ key: 't', range: { gte: '2024-01-02T00:00:00Z' } }] }] }] },
    expected: (p) => (p.n as number) >= 45 || !(time(p) !== undefined && time(p)! >= Date.UTC(2024, 0, 2)),
  },
];

const INDEXES: [string, Schemas['PayloadSchemaType']][] = [
  ['color', 'keyword'], ['n', 'integer'], ['price', 'float'], ['ok', 'bool'], ['t', 'datetime'], ['tags', 'keyword'], ['meta.year', 'integer'], ['nullable', 'keyword'],
];

const vectors = randomVectors(N, DIM, 4242);
const bf = new BruteForce('Euclid', vectors.map((vector, id) => ({ id, vector })));

async function newClient(overrides: Parameters<typeof startTestServer>[0] = {}, dataDir?: string): Promise<{ client: QdrantClient; server: TestServer }> {
  const server = await startTestServer(overrides, dataDir);
  return { client: new QdrantClient({ url: server.url, checkCompatibility: false }), server };
}

/** Creates `name` with points 0..N-1 (payloadFor), and the payload indexes when `indexed`. */
async function seed(client: QdrantClient, name: string, indexed: boolean): Promise<void> {
  await client.createCollection(name, { vectors: { size: DIM, distance: 'Euclid' } });
  await client.upsert(name, { wait: true, points: vectors.map((vector, id) => ({ id, vector, payload: payloadFor(id) })) });
  if (indexed) for (const [field_name, field_schema] of INDEXES) await client.createPayloadIndex(name, { field_name, field_schema, wait: true });
}

async function scrollAll(client: QdrantClient, name: string, filter?: Filter, withPayload = false): Promise<{ id: number; payload?: Payload | null }[]> {
  const out: { id: number; payload?: Payload | null }[] = [];
  let offset: Schemas['ExtendedPointId'] | null | undefined;
  do {
    const page = await client.scroll(name, { filter, limit: 37, offset: offset ?? undefined, with_payload: withPayload });
    out.push(...page.points.map((p) => ({ id: Number(p.id), payload: p.payload as Payload | null | undefined })));
    offset = page.next_page_offset as Schemas['ExtendedPointId'] | null | undefined;
  } while (offset !== null && offset !== undefined);
  return out;
}

const sorted = (ids: (number | string)[]): number[] => ids.map(Number).sort((a, b) => a - b);

/** Runs each check and collects failures (assertion or request errors), so one test reports every operation that is wrong. */
async function checks(list: [string, () => Promise<void>][]): Promise<string[]> {
  const failures: string[] = [];
  for (const [op, fn] of list) {
    try {
      await fn();
    } catch (err) {
      const e = err as { status?: number; data?: unknown; message?: string };
      failures.push(`${op}: ${e.status ? `HTTP ${e.status} ${JSON.stringify(e.data)}` : e.message?.split('\n')[0]}`);
    }
  }
  return failures;
}

describe.each([false, true])('every condition type (payload indexes: %s)', (indexed) => {
  it.each(CASES)('$name', async ({ name, filter, expected }) => {
    const { client } = await newClient();
    await seed(client, 'c', indexed);
    const matching = vectors.map((_, id) => id).filter((id) => expected(payloadFor(id), id));
    expect(matching.length, `${name} should select some but not all points`).toBeGreaterThan(0);
    expect(matching.length).toBeLessThan(N);
    const query = vectors[(matching.length * 7) % N];
    const top10 = bf.topK(query, N).filter((s) => matching.includes(s.id)).slice(0, 10).map((s) => s.id);

    const failures = await checks([
      ['query (every match)', async () => {
        const { points } = await client.query('c', { query, filter, limit: N });
        expect(sorted(points.map((p) => p.id))).toEqual(matching);
      }],
      ['query (top 10)', async () => {
        const { points } = await client.query('c', { query, filter, limit: 10 });
        expect(points.map((p) => Number(p.id))).toEqual(top10);
      }],
      ['query batch', async () => {
        const [a, b] = await client.queryBatch('c', { searches: [{ query, filter, limit: N }, { query, limit: 3 }] });
        expect(sorted(a.points.map((p) => p.id))).toEqual(matching);
        expect(b.points).toHaveLength(3);
      }],
      ['search', async () => {
        const points = await client.search('c', { vector: query, filter, limit: 10 });
        expect(points.map((p) => Number(p.id))).toEqual(top10);
      }],
      ['scroll', async () => {
        expect((await scrollAll(client, 'c', filter)).map((p) => p.id)).toEqual(matching);
      }],
      ['count', async () => {
        expect((await client.count('c', { filter, exact: true })).count).toBe(matching.length);
      }],
      ['set payload by filter', async () => {
        await client.setPayload('c', { filter, payload: { hit: name }, wait: true });
        const all = await scrollAll(client, 'c', undefined, true);
        expect(all.filter((p) => p.payload?.hit === name).map((p) => p.id)).toEqual(matching);
        // Other keys are untouched.
        for (const p of all) expect({ ...p.payload, hit: undefined }).toEqual({ ...payloadFor(p.id), hit: undefined });
      }],
      ['delete by filter', async () => {
        await client.delete('c', { filter, wait: true });
        expect((await scrollAll(client, 'c')).map((p) => p.id)).toEqual(vectors.map((_, id) => id).filter((id) => !matching.includes(id)));
        expect((await client.count('c', { filter, exact: true })).count).toBe(0);
      }],
    ]);
    expect(failures).toEqual([]);
  });
});

describe('payload indexes', () => {
  it('are listed in payload_schema, serve filters, and can be deleted without changing results', async () => {
    const { client } = await newClient();
    await seed(client, 'c', false);
    expect((await client.getCollection('c')).payload_schema).toEqual({});
    for (const [field_name, field_schema] of INDEXES) {
      const result = await client.createPayloadIndex('c', { field_name, field_schema, wait: true });
      expect(result.status).toBe('completed');
    }
    const schema = (await client.getCollection('c')).payload_schema;
    expect(Object.keys(schema).sort()).toEqual(INDEXES.map(([f]) => f).sort());
    for (const [field, type] of INDEXES) expect(schema[field]).toMatchObject({ data_type: type });
    // Every point has `n`; points_count counts the points the index holds.
    expect(schema.n?.points).toBe(N);

    const filter: Filter = { must: [{ key: 'n', range: { gte: 10, lt: 20 } }, { key: 'color', match: { any: ['red', 'black'] } }] };
    const expected = vectors.map((_, id) => id).filter((id) => {
      const p = payloadFor(id);
      return (p.n as number) >= 10 && (p.n as number) < 20 && vals(p, 'color').some((c) => c === 'red' || c === 'black');
    });
    const results = async () => ({
      query: sorted((await client.query('c', { query: vectors[0], filter, limit: N })).points.map((p) => p.id)),
      count: (await client.count('c', { filter, exact: true })).count,
    });
    expect(await results()).toEqual({ query: expected, count: expected.length });

    expect((await client.deletePayloadIndex('c', 'n', { wait: true })).status).toBe('completed');
    expect((await client.deletePayloadIndex('c', 'color', { wait: true })).status).toBe('completed');
    expect(Object.keys((await client.getCollection('c')).payload_schema).sort()).toEqual(INDEXES.map(([f]) => f).filter((f) => f !== 'n' && f !== 'color').sort());
    expect(await results()).toEqual({ query: expected, count: expected.length });
  });

  it('stay current through writes: upsert, payload updates, deletes', async () => {
    const { client } = await newClient();
    await seed(client, 'c', true);
    const filter: Filter = { must: [{ key: 'color', match: { any: ['purple'] } }] };
    const found = async () => sorted((await client.query('c', { query: vectors[0], filter, limit: N })).points.map((p) => p.id));
    expect(await found()).toEqual([]);
    await client.setPayload('c', { points: [5, 6, 7], payload: { color: 'purple' }, wait: true });
    await client.upsert('c', { wait: true, points: [{ id: 8, vector: vectors[8], payload: { color: ['x', 'purple'] } }] });
    expect(await found()).toEqual([5, 6, 7, 8]);
    await client.overwritePayload('c', { points: [5], payload: { n: 1 }, wait: true });
    await client.deletePayload('c', { points: [6], keys: ['color'], wait: true });
    await client.delete('c', { points: [7], wait: true });
    expect(await found()).toEqual([8]);
    await client.clearPayload('c', { points: [8], wait: true });
    expect(await found()).toEqual([]);
  });

  it('survive a restart: listed again and rebuilt from storage', async () => {
    const first = await newClient();
    await seed(first.client, 'c', true);
    await first.server.close();
    const { client, server } = await newClient({}, first.server.dataDir);
    const schema = (await client.getCollection('c')).payload_schema;
    expect(Object.keys(schema).sort()).toEqual(INDEXES.map(([f]) => f).sort());
    const filter: Filter = { must: [{ key: 'color', match: { any: ['red'] } }, { key: 'n', range: { lt: 25 } }] };
    const expected = vectors.map((_, id) => id).filter((id) => vals(payloadFor(id), 'color').includes('red') && (payloadFor(id).n as number) < 25);
    const { points, explain } = await ok<{ points: { id: number }[]; explain: { matching: number; filter: { conditions_from_index: number; conditions_from_sql: number } } }>(
      server.url, 'POST', '/collections/c/points/query/explain', { query: vectors[1], filter, limit: N },
    );
    expect(sorted(points.map((p) => p.id))).toEqual(expected);
    // Both conditions were answered by the rebuilt column cache, not by SQL.
    expect(explain.filter).toMatchObject({ conditions_from_index: 2, conditions_from_sql: 0 });
  });

  it('refuses a range on a keyword-indexed field with 400 INVALID_FILTER everywhere a filter goes', async () => {
    const { client } = await newClient();
    await seed(client, 'c', true);
    const filter: Filter = { must: [{ key: 'n', range: { gte: 0 } }, { key: 'color', range: { gt: 1 } }] };
    const refused = { status: 400, data: { status: { code: 'INVALID_FILTER' } } };
    await expect(client.query('c', { query: vectors[0], filter })).rejects.toMatchObject(refused);
    await expect(client.search('c', { vector: vectors[0], filter })).rejects.toMatchObject(refused);
    await expect(client.scroll('c', { filter })).rejects.toMatchObject(refused);
    await expect(client.count('c', { filter })).rejects.toMatchObject(refused);
    await expect(client.delete('c', { filter, wait: true })).rejects.toMatchObject(refused);
    await expect(client.setPayload('c', { filter, payload: { x: 1 }, wait: true })).rejects.toMatchObject(refused);
    const err = await client.count('c', { filter }).catch((e: { data: { status: { error: string } } }) => e.data.status.error);
    expect(err).toMatch(/^filter\.must\[1\]/);
    // Nothing was written.
    expect((await client.count('c')).count).toBe(N);
    expect((await scrollAll(client, 'c', undefined, true)).every((p) => !('x' in (p.payload ?? {})))).toBe(true);
  });

  it('refuses malformed filters with 400 and the path, and changes nothing', async () => {
    const { client } = await newClient();
    await seed(client, 'c', false);
    const bad = [
      { must: [{ key: 'n', like: 3 }] },
      { must: [{ key: 'n', match: { value: 1.5 } }] },
      { must: [{ key: 'n', match: { any: [] } }] },
      { should: [{ key: 'n', match: { any: [1, 'a'] } }] },
      { must: [{ key: 't', range: { gt: 'not a date' } }] },
    ] as unknown as Filter[];
    for (const filter of bad) {
      await expect(client.count('c', { filter })).rejects.toMatchObject({ status: 400, data: { status: { code: 'INVALID_FILTER' } } });
      await expect(client.delete('c', { filter, wait: true })).rejects.toMatchObject({ status: 400 });
      await expect(client.query('c', { query: vectors[0], filter })).rejects.toMatchObject({ status: 400 });
    }
    await expect(client.count('c', { filter: { must: [{ key: 'loc', geo_radius: { center: { lon: 0, lat: 0 }, radius: 1 } }] } })).rejects.toMatchObject({ status: 400, data: { status: { code: 'UNSUPPORTED' } } });
    expect((await client.count('c')).count).toBe(N);
  });
});

describe('numbers beyond 2^53 in filters', () => {
  // Nanosecond timestamps (~1.7e18) are ordinary JSON numbers: the client sends them as
  // 19-digit integer literals, which the server parses exactly (as bigint). Qdrant takes
  // range bounds as doubles and match values as 64-bit integers.
  const BASE = 1_700_000_000_000_000_000; // a multiple of 2^17: base + i * 1e9 is exact as a double
  const SECOND = 1_000_000_000;

  it('range bounds and match values given as big integer literals select the right points', async () => {
    const { client } = await newClient();
    await client.createCollection('c', { vectors: { size: DIM, distance: 'Euclid' } });
    await client.upsert('c', { wait: true, points: vectors.slice(0, 20).map((vector, id) => ({ id, vector, payload: { ns: BASE + id * SECOND } })) });
    const gte5: Filter = { must: [{ key: 'ns', range: { gte: BASE + 5 * SECOND } }] };
    const is7: Filter = { must: [{ key: 'ns', match: { value: BASE + 7 * SECOND } }] };
    const failures = await checks([
      ['count with a range bound of 1.7e18', async () => expect((await client.count('c', { filter: gte5 })).count).toBe(15)],
      ['query with a range bound of 1.7e18', async () => expect((await client.query('c', { query: vectors[0], filter: gte5, limit: 20 })).points).toHaveLength(15)],
      ['count with a match value of 1.7e18', async () => expect((await client.count('c', { filter: is7 })).count).toBe(1)],
    ]);
    expect(failures).toEqual([]);
  });

  it('negative big integer literals are kept exact too: stored, read back and matched', async () => {
    const { client } = await newClient();
    await client.createCollection('c', { vectors: { size: DIM, distance: 'Euclid' } });
    await client.upsert('c', { wait: true, points: vectors.slice(0, 20).map((vector, id) => ({ id, vector, payload: { ns: -BASE - id * SECOND } })) });
    const failures = await checks([
      ['count with a range bound of -1.7e18', async () => expect((await client.count('c', { filter: { must: [{ key: 'ns', range: { lte: -BASE - 5 * SECOND } }] } })).count).toBe(15)],
      ['count with a match value of -1.7e18', async () => expect((await client.count('c', { filter: { must: [{ key: 'ns', match: { value: -BASE - 7 * SECOND } }] } })).count).toBe(1)],
      ['the payload read back', async () => expect((await client.retrieve('c', { ids: [7], with_payload: true }))[0].payload).toEqual({ ns: -BASE - 7 * SECOND })],
    ]);
    expect(failures).toEqual([]);
  });
});

describe('a filtered query returns min(limit, matching) points at every selectivity', () => {
  const M = 1000;
  const sel = (i: number): Payload => ({
    none_of: 'x',
    one: i === 500 ? 'yes' : 'no',
    five: i % 200 === 7 ? 'yes' : 'no',
    fifteen: i % 67 === 3 ? 'yes' : 'no',
    half: i % 2 === 0 ? 'yes' : 'no',
    all: 'yes',
    i,
  });
  const buckets: [string, number][] = [['none_of', 0], ['one', 1], ['five', 5], ['fifteen', 15], ['half', 500], ['all', 1000]];

  // A low exact_max_rows so that the graph (filtered and unfiltered) serves the broad buckets.
  it.each([true, false])('with the fields indexed: %s', async (indexed) => {
    const { client, server } = await newClient({ planner: { exact_max_rows: 10 } });
    const vs = randomVectors(M, DIM, 77);
    await client.createCollection('c', { vectors: { size: DIM, distance: 'Cosine' } });
    await client.upsert('c', { wait: true, points: vs.map((vector, id) => ({ id, vector, payload: sel(id) })) });
    if (indexed) for (const [field] of buckets) await client.createPayloadIndex('c', { field_name: field, field_schema: 'keyword', wait: true });
    const plans = new Set<string>();
    for (const [field, matching] of buckets) {
      // `any` (not `match`) so the unindexed path is the SQL one without depending on match's own tests.
      const filter: Filter = { must: [{ key: field, match: { any: ['yes'] } }] };
      for (const limit of [1, 10, 100]) {
        const body = { query: vs[(limit * 31) % M], filter, limit };
        const { points, explain } = await ok<{ points: { id: number; payload: Payload }[]; explain: { plan: { kind: string }; matching: number } }>(
          server.url, 'POST', '/collections/c/points/query/explain', { ...body, with_payload: true },
        );
        plans.add(explain.plan.kind);
        expect(explain.matching).toBe(matching);
        expect(points, `${field} limit ${limit} (plan ${explain.plan.kind})`).toHaveLength(Math.min(limit, matching));
        for (const p of points) expect(p.payload[field]).toBe('yes');
        expect(new Set(points.map((p) => p.id)).size).toBe(points.length);
        expect((await client.query('c', body)).points).toHaveLength(Math.min(limit, matching));
      }
    }
    expect([...plans].sort()).toEqual(['empty', 'exact', 'hnsw', 'probe']);
  });
});

describe('explain reports the plan the planner chose', () => {
  it('exact for a rare filter, hnsw without a filter or when it matches everything, probe or hnsw-filtered when broad, empty for none', async () => {
    const M = 30_000;
    const D = 16;
    const EXACT_MAX_ROWS = 1000;
    // A probe of at most 100 points: broad filters whose fallback is a filtered graph search skip it.
    const { client, server: srv } = await newClient({ planner: { exact_max_rows: EXACT_MAX_ROWS, probe_exact_max_rows: 5000, probe_max: 100 } });
    const vs = randomVectors(M, D, 99);
    await client.createCollection('big', { vectors: { size: D, distance: 'Euclid' } });
    // group: 'rare' on 100 points, 'edge' on exactly EXACT_MAX_ROWS, 'edge+1' on one more, 'broad' on the rest.
    const group = (i: number): string => (i < 100 ? 'rare' : i < 100 + EXACT_MAX_ROWS ? 'edge' : i < 100 + EXACT_MAX_ROWS * 2 + 1 ? 'edge+1' : 'broad');
    for (let start = 0; start < M; start += 5000) {
      const ids = Array.from({ length: 5000 }, (_, j) => start + j);
      await client.upsert('big', { wait: true, batch: { ids, vectors: ids.map((i) => vs[i]), payloads: ids.map((i) => ({ group: group(i), i, everyone: true })) } });
    }
    await client.createPayloadIndex('big', { field_name: 'group', field_schema: 'keyword', wait: true });
    await srv.engine.waitIndexed();

    interface Explained { points: unknown[]; explain: { plan: { kind: string; ef?: number; selectivity?: number }; matching: number; live: number; thresholds: { exact_max_rows: number }; filter: unknown } }
    const explain = (filter?: Filter, limit = 10) => ok<Explained>(srv.url, 'POST', '/collections/big/points/query/explain', { query: vs[123], filter, limit });
    const inGroups = (...groups: string[]): Filter => ({ must: [{ key: 'group', match: { any: groups } }] });

    const rare = await explain(inGroups('rare'));
    expect(rare.explain).toMatchObject({ plan: { kind: 'exact' }, matching: 100, live: M, thresholds: { exact_max_rows: EXACT_MAX_ROWS } });
    expect(rare.points).toHaveLength(10);

    const unfiltered = await explain();
    expect(unfiltered.explain).toMatchObject({ plan: { kind: 'hnsw' }, matching: M, filter: null });
    expect(unfiltered.points).toHaveLength(10);

    const everything = await explain({ must: [{ key: 'everyone', match: { value: true } }] });
    expect(everything.explain).toMatchObject({ plan: { kind: 'hnsw' }, matching: M });
    const everyGroup = await explain(inGroups('rare', 'edge', 'edge+1', 'broad'));
    expect(everyGroup.explain).toMatchObject({ plan: { kind: 'hnsw' }, matching: M });

    const broad = await explain(inGroups('broad'));
    expect(broad.explain.plan.kind).toBe('hnsw-filtered');
    expect(broad.explain.matching).toBe(M - 100 - EXACT_MAX_ROWS * 2 - 1);
    expect(broad.explain.plan.selectivity).toBeCloseTo(broad.explain.matching / M, 6);
    expect(broad.points).toHaveLength(10);

    // The threshold itself: at most exact_max_rows matching points scan exactly, one more probes the
    // nearest points first (falling back to an exact scan, as it matches <= probe_exact_max_rows).
    expect((await explain(inGroups('edge'))).explain).toMatchObject({ plan: { kind: 'exact' }, matching: EXACT_MAX_ROWS });
    expect((await explain(inGroups('edge+1'))).explain).toMatchObject({ plan: { kind: 'probe', fallback: { kind: 'exact' } }, matching: EXACT_MAX_ROWS + 1 });
    // An unindexed field gives the same counts (through SQL).
    expect((await explain({ must: [{ key: 'i', range: { lt: 100 } }] })).explain).toMatchObject({ plan: { kind: 'exact' }, matching: 100 });
    expect((await explain({ must: [{ key: 'i', range: { gte: 15_000 } }] })).explain).toMatchObject({ plan: { kind: 'hnsw-filtered' }, matching: 15_000 });

    const nothing = await explain(inGroups('nobody'));
    expect(nothing.explain).toMatchObject({ plan: { kind: 'empty' }, matching: 0 });
    expect(nothing.points).toEqual([]);
  });
});
