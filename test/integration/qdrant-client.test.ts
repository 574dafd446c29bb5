// The official Qdrant JS client, unchanged, against a real hqdb server: every
// call a Qdrant user makes for collections, points, payloads and search, with
// results checked against a brute-force reference computed here.

import { QdrantClient } from '@qdrant/js-client-rest';
import { describe, expect, it, vi } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { BruteForce, DISTANCES, higherIsBetter, randomVectors, recall, score, type Distance } from '../helpers/vectors.js';

const DIM = 64;
/** Stated recall floors for uniform random 64-d data (measured ~0.90-0.95 at the default ef and ~0.99 at ef 400). */
const RECALL_DEFAULT_EF = 0.85;
const RECALL_EF_400 = 0.97;
const SCORE_TOLERANCE = 1e-5;

type Id = number | string;
interface Seeded {
  vectors: number[][];
  bf: BruteForce<number>;
}

function payloadFor(i: number): Record<string, unknown> {
  return { i, a: `a${i}`, parity: i % 2, nested: { x: i, y: -i } };
}

/** A fresh server and a client for it. The version check has its own test; here it would only race the server's shutdown. */
async function newClient(): Promise<{ client: QdrantClient; server: TestServer }> {
  const server = await startTestServer();
  return { client: new QdrantClient({ url: server.url, checkCompatibility: false }), server };
}

/** Creates `name` and upserts points 0..n-1 (random vectors, payloadFor(i)) in batches of `batchSize`. */
async function seed(client: QdrantClient, name: string, distance: Distance, n: number, seedValue: number, batchSize = 1000): Promise<Seeded> {
  await client.createCollection(name, { vectors: { size: DIM, distance } });
  const vectors = randomVectors(n, DIM, seedValue);
  for (let start = 0; start < n; start += batchSize) {
    const ids = vectors.slice(start, start + batchSize).map((_, j) => start + j);
    // Alternate the two upsert forms so both carry real data.
    const result = (start / batchSize) % 2 === 0
      ? await client.upsert(name, { wait: true, points: ids.map((id) => ({ id, vector: vectors[id], payload: payloadFor(id) })) })
      : await client.upsert(name, { wait: true, batch: { ids, vectors: ids.map((id) => vectors[id]), payloads: ids.map(payloadFor) } });
    expect(result.status).toBe('completed');
  }
  return { vectors, bf: new BruteForce(distance, vectors.map((vector, id) => ({ id, vector }))) };
}

function ids(points: { id: Id }[]): Id[] {
  return points.map((p) => p.id);
}

describe('@qdrant/js-client-rest against hqdb', () => {
  it('passes the client compatibility check without printing a warning', async () => {
    const server = await startTestServer();
    const warn = vi.spyOn(console, 'warn');
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    try {
      const client = new QdrantClient({ url: server.url, checkCompatibility: true });
      // The check runs in the background: wait for its GET / and for the client to read the body.
      const isRoot = ([input]: Parameters<typeof fetch>) => new URL(input instanceof Request ? input.url : String(input)).pathname === '/';
      const rootCall = await vi.waitFor(() => {
        const i = fetchSpy.mock.calls.findIndex(isRoot);
        expect(i).toBeGreaterThanOrEqual(0);
        return i;
      });
      const response = await (fetchSpy.mock.results[rootCall].value as Promise<Response>);
      expect(response.status).toBe(200);
      await vi.waitFor(() => expect(response.bodyUsed).toBe(true));
      await new Promise((r) => setTimeout(r, 50));
      await client.getCollections(); // and the client works
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
      fetchSpy.mockRestore();
    }
  });

  it('creates, lists, describes, checks and deletes collections of every distance', async () => {
    const { client } = await newClient();
    for (const distance of DISTANCES) {
      expect(await client.createCollection(`c_${distance}`, { vectors: { size: DIM, distance } })).toBe(true);
    }
    const listed = (await client.getCollections()).collections.map((c) => c.name).sort();
    expect(listed).toEqual(DISTANCES.map((d) => `c_${d}`).sort());
    for (const distance of DISTANCES) {
      const info = await client.getCollection(`c_${distance}`);
      expect(info.status).toBe('green');
      expect(info.points_count).toBe(0);
      expect(info.config.params.vectors).toEqual({ size: DIM, distance });
      expect((await client.collectionExists(`c_${distance}`)).exists).toBe(true);
    }
    expect((await client.collectionExists('nope')).exists).toBe(false);

    expect(await client.deleteCollection('c_Dot')).toBe(true);
    expect((await client.collectionExists('c_Dot')).exists).toBe(false);
    expect((await client.getCollections()).collections.map((c) => c.name)).not.toContain('c_Dot');
    await expect(client.getCollection('c_Dot')).rejects.toMatchObject({ status: 404 });
    // Qdrant answers a repeated delete with result false, not an error.
    expect(await client.deleteCollection('c_Dot')).toBe(false);
    expect((await client.collectionExists('c_Cosine')).exists).toBe(true);
  });

  describe.each(DISTANCES)('10k x 64-d points, %s', (distance) => {
    it('stores every point, answers exact search like brute force and HNSW search above the recall floor', async () => {
      const { client, server } = await newClient();
      const name = 'big';
      const { vectors, bf } = await seed(client, name, distance, 10_000, 11);
      expect((await client.getCollection(name)).points_count).toBe(10_000);
      expect((await client.count(name, { exact: true })).count).toBe(10_000);

      const queries = randomVectors(20, DIM, 12);
      const truths = queries.map((q) => bf.topK(q, 10));
      for (const [j, q] of queries.entries()) {
        const { points } = await client.query(name, { query: q, limit: 10, params: { exact: true }, with_payload: true });
        expect(ids(points)).toEqual(ids(truths[j]));
        points.forEach((p, r) => {
          // Scores are float32 sums over 64 dimensions (sequential, one rounding per term): within
          // 64 float32 epsilons of the double-precision truth, relative to its magnitude.
          const truth = truths[j][r].score;
          expect(Math.abs(p.score - truth)).toBeLessThanOrEqual(64 * 2 ** -23 * Math.max(1, Math.abs(truth)));
          expect(p.payload).toEqual(payloadFor(p.id as number));
        });
      }

      // score_threshold keeps exactly the points on the right side of it (>= for similarities, <= for distances).
      const q0 = queries[0];
      const t = (truths[0][4].score + truths[0][5].score) / 2;
      const thresholded = await client.query(name, { query: q0, limit: 10, params: { exact: true }, score_threshold: t });
      expect(ids(thresholded.points)).toEqual(ids(truths[0].slice(0, 5)));
      for (const p of thresholded.points) expect(higherIsBetter(distance) ? p.score >= t : p.score <= t).toBe(true);

      await server.engine.waitIndexed();
      const info = await client.getCollection(name);
      expect(info.status).toBe('green');
      expect(info.indexed_vectors_count).toBe(10_000);

      for (const [ef, floor] of [[undefined, RECALL_DEFAULT_EF], [400, RECALL_EF_400]] as const) {
        let total = 0;
        for (const [j, q] of queries.entries()) {
          const { points } = await client.query(name, { query: q, limit: 10, params: ef === undefined ? undefined : { hnsw_ef: ef } });
          expect(points).toHaveLength(10);
          for (const p of points) expect(Math.abs(p.score - score(distance, q, vectors[p.id as number]))).toBeLessThan(SCORE_TOLERANCE);
          const scores = points.map((p) => p.score);
          expect(scores).toEqual([...scores].sort((x, y) => (higherIsBetter(distance) ? y - x : x - y)));
          total += recall(ids(truths[j]), ids(points));
        }
        expect(total / queries.length, `recall@10 at hnsw_ef=${ef ?? 'default'}`).toBeGreaterThanOrEqual(floor);
      }
    });
  });

  it('queries by point id (excluding that point), with limit, offset and search params', async () => {
    const { client } = await newClient();
    const { vectors, bf } = await seed(client, 'c', 'Euclid', 500, 21, 250);

    const byId = await client.query('c', { query: 7, limit: 10, params: { exact: true } });
    expect(ids(byId.points)).not.toContain(7);
    expect(ids(byId.points)).toEqual(ids(bf.topK(vectors[7], 10, 7)));

    const q = randomVectors(1, DIM, 22)[0];
    const truth = bf.topK(q, 15);
    const first = await client.query('c', { query: q, limit: 5, params: { exact: true } });
    const page2 = await client.query('c', { query: q, limit: 5, offset: 5, params: { exact: true } });
    const page3 = await client.query('c', { query: q, limit: 5, offset: 10, params: { exact: true } });
    expect(ids(first.points)).toEqual(ids(truth.slice(0, 5)));
    expect(ids(page2.points)).toEqual(ids(truth.slice(5, 10)));
    expect(ids(page3.points)).toEqual(ids(truth.slice(10, 15)));

    const withEf = await client.query('c', { query: q, limit: 3, params: { hnsw_ef: 128, exact: false } });
    expect(withEf.points).toHaveLength(3);
    // Default limit is 10, as in Qdrant.
    expect((await client.query('c', { query: q })).points).toHaveLength(10);
  });

  it('returns payloads and vectors as selected by with_payload and with_vector', async () => {
    const { client } = await newClient();
    const { vectors } = await seed(client, 'c', 'Cosine', 100, 31);
    const q = vectors[3];
    const query = (extra: Record<string, unknown>) => client.query('c', { query: q, limit: 1, params: { exact: true }, ...extra }).then((r) => r.points[0]);

    expect((await query({ with_payload: true })).payload).toEqual(payloadFor(3));
    expect((await query({ with_payload: false })).payload ?? null).toBeNull();
    expect((await query({})).payload ?? null).toBeNull(); // query's default is no payload
    expect((await query({ with_payload: ['a', 'nested.x'] })).payload).toEqual({ a: 'a3', nested: { x: 3 } });
    expect((await query({ with_payload: { include: ['parity'] } })).payload).toEqual({ parity: 1 });
    expect((await query({ with_payload: { exclude: ['a', 'nested.y'] } })).payload).toEqual({ i: 3, parity: 1, nested: { x: 3 } });

    const withVector = await query({ with_vector: true });
    expect(withVector.id).toBe(3);
    // Cosine vectors come back normalised, as Qdrant stores them.
    const norm = Math.hypot(...vectors[3]);
    (withVector.vector as number[]).forEach((x, i) => expect(x).toBeCloseTo(vectors[3][i] / norm, 6));
    expect((await query({ with_vector: false })).vector ?? null).toBeNull();
  });

  it('answers queryBatch, search and searchBatch like the single query', async () => {
    const { client } = await newClient();
    const { bf } = await seed(client, 'c', 'Dot', 400, 41);
    const qs = randomVectors(3, DIM, 42);
    const batch = await client.queryBatch('c', { searches: qs.map((q) => ({ query: q, limit: 4, params: { exact: true } })) });
    expect(batch).toHaveLength(3);
    batch.forEach((r, j) => expect(ids(r.points)).toEqual(ids(bf.topK(qs[j], 4))));

    const search = await client.search('c', { vector: qs[0], limit: 4, params: { exact: true } });
    expect(ids(search)).toEqual(ids(bf.topK(qs[0], 4)));
    expect(search[0].payload).toEqual(payloadFor(search[0].id as number)); // search's default is with payload

    const searchBatch = await client.searchBatch('c', { searches: qs.map((q) => ({ vector: q, limit: 4, params: { exact: true } })) });
    expect(searchBatch.map(ids)).toEqual(qs.map((q) => ids(bf.topK(q, 4))));
  });

  it('retrieves points by id, skipping missing ones', async () => {
    const { client } = await newClient();
    const { vectors } = await seed(client, 'c', 'Euclid', 50, 51);
    const got = await client.retrieve('c', { ids: [12, 3, 999_999], with_vector: true });
    expect(got.map((p) => p.id).sort()).toEqual([12, 3].sort());
    for (const p of got) {
      expect(p.payload).toEqual(payloadFor(p.id as number));
      expect(p.vector).toEqual(vectors[p.id as number]);
    }
    const bare = await client.retrieve('c', { ids: [5], with_payload: false, with_vector: false });
    expect(bare).toHaveLength(1);
    expect(bare[0].payload ?? null).toBeNull();
    expect(bare[0].vector ?? null).toBeNull();
  });

  it('scrolls through every point in id order, integers before UUIDs', async () => {
    const { client } = await newClient();
    await client.createCollection('c', { vectors: { size: 4, distance: 'Dot' } });
    const intIds = [...new Set(randomVectors(1, 250, 61)[0].map((x) => Math.floor((x + 1) * 1e9)))];
    const uuids = Array.from({ length: 40 }, (_, i) => `${i.toString(16).padStart(8, '0')}-1111-4111-8111-${(1e11 + i * 7919).toString(16).padStart(12, '0')}`);
    const all: Id[] = [...uuids, ...intIds]; // sent shuffled-ish: UUIDs first
    await client.upsert('c', { wait: true, points: all.map((id, i) => ({ id, vector: [i, 1, 0, 0], payload: { n: i } })) });
    expect((await client.count('c')).count).toBe(all.length);

    const seen: Id[] = [];
    let offset: Id | null | undefined;
    let pages = 0;
    do {
      const page = await client.scroll('c', { limit: 37, offset: offset ?? undefined, with_payload: true });
      expect(page.points.length).toBeLessThanOrEqual(37);
      for (const p of page.points) {
        expect(p.payload).toEqual({ n: all.indexOf(p.id) });
        seen.push(p.id);
      }
      offset = page.next_page_offset as Id | null | undefined;
      pages++;
    } while (offset !== null && offset !== undefined && pages < 100);
    expect(pages).toBe(Math.ceil(all.length / 37));
    const sorted = [...[...intIds].sort((x, y) => x - y), ...[...uuids].sort()];
    expect(seen).toEqual(sorted);

    // An offset that is not a stored id starts at the next one; vectors come when asked for.
    const between = (sorted[5] as number) + 1;
    expect(between).toBeLessThan(sorted[6] as number);
    const page = await client.scroll('c', { offset: between, limit: 2, with_vector: true, with_payload: false });
    expect(ids(page.points)).toEqual(sorted.slice(6, 8));
    expect(page.next_page_offset).toBe(sorted[8]);
    for (const p of page.points) {
      expect(p.vector).toEqual([all.indexOf(p.id), 1, 0, 0]);
      expect(p.payload ?? null).toBeNull();
    }
  });

  it('sets, merges, overwrites, deletes and clears payloads', async () => {
    const { client } = await newClient();
    await seed(client, 'c', 'Cosine', 10, 71);
    const payloadOf = async (id: number) => (await client.retrieve('c', { ids: [id] }))[0].payload;

    await client.setPayload('c', { points: [1, 2], payload: { c: 3, a: 'replaced' }, wait: true });
    expect(await payloadOf(1)).toEqual({ ...payloadFor(1), c: 3, a: 'replaced' });
    expect(await payloadOf(2)).toEqual({ ...payloadFor(2), c: 3, a: 'replaced' });

    await client.setPayload('c', { points: [1], key: 'nested', payload: { z: 9 }, wait: true });
    expect(await payloadOf(1)).toEqual({ ...payloadFor(1), c: 3, a: 'replaced', nested: { x: 1, y: -1, z: 9 } });

    await client.overwritePayload('c', { points: [2], payload: { only: true }, wait: true });
    expect(await payloadOf(2)).toEqual({ only: true });

    await client.deletePayload('c', { points: [3], keys: ['a', 'nested.x'], wait: true });
    expect(await payloadOf(3)).toEqual({ i: 3, parity: 1, nested: { y: -3 } });

    await client.clearPayload('c', { points: [4], wait: true });
    expect(await payloadOf(4)).toEqual({});

    // Payload values round-trip as sent.
    const rich = { s: 'héllo wörld ✓ 🚀', empty: '', n: -12.5, small: 1e-7, zero: 0, t: true, f: false, nil: null, arr: [1, 'two', [3, { four: 4 }], null], obj: { deep: { er: ['x'] } }, 'dotted.key': 1 };
    await client.overwritePayload('c', { points: [6], payload: rich, wait: true });
    expect(await payloadOf(6)).toEqual(rich);

    // Points not named are untouched, and so is every vector.
    expect(await payloadOf(5)).toEqual(payloadFor(5));
    expect((await client.count('c')).count).toBe(10);
  });

  it('deletes points by id: gone from search, retrieve and count', async () => {
    const { client, server } = await newClient();
    const { vectors } = await seed(client, 'c', 'Euclid', 300, 81, 100);
    const doomed = [0, 17, 150, 299];
    const result = await client.delete('c', { points: doomed, wait: true });
    expect(result.status).toBe('completed');

    expect((await client.count('c')).count).toBe(296);
    expect(await client.retrieve('c', { ids: doomed })).toEqual([]);
    await expect(client.query('c', { query: 17 })).rejects.toMatchObject({ status: 404 });
    const check = async (exact: boolean) => {
      for (const id of doomed) {
        const { points } = await client.query('c', { query: vectors[id], limit: 5, params: { exact } });
        expect(ids(points)).not.toContain(id);
        expect(points).toHaveLength(5);
      }
    };
    await check(true);
    await check(false);
    await server.engine.waitIndexed();
    await check(false);
    // A survivor is still its own nearest neighbour.
    expect(ids((await client.query('c', { query: vectors[18], limit: 1 })).points)).toEqual([18]);
  });

  it('serves new and rewritten points at once, before the graph holds them', async () => {
    const { client, server } = await newClient();
    const { vectors } = await seed(client, 'c', 'Euclid', 3000, 101);
    // Rewrite 200 points with new vectors, then query before (and after) the indexer catches up.
    const rewritten = new Map(randomVectors(200, DIM, 102).map((v, i) => [i * 10, v]));
    await client.upsert('c', { wait: true, points: [...rewritten].map(([id, vector]) => ({ id, vector, payload: payloadFor(id) })) });
    const current = vectors.map((v, id) => rewritten.get(id) ?? v);
    const bf = new BruteForce('Euclid', current.map((vector, id) => ({ id, vector })));

    const sample = [...rewritten.keys()].slice(0, 50);
    // Stored vectors (rewritten ones and untouched ones) and the stale vectors rewritten points had before.
    const probes = [
      ...sample.map((id) => ({ q: current[id], self: id as number | undefined })),
      ...vectors.slice(2950).map((q, j) => ({ q, self: 2950 + j as number | undefined })),
      ...sample.map((id) => ({ q: vectors[id], self: undefined })),
    ];
    const check = async (): Promise<void> => {
      for (const exact of [true, false]) {
        const results = await client.queryBatch('c', { searches: probes.map(({ q }) => ({ query: q, limit: 5, params: { exact } })) });
        results.forEach(({ points }, j) => {
          const { q, self } = probes[j];
          if (exact) expect(ids(points)).toEqual(ids(bf.topK(q, 5)));
          else if (self !== undefined) expect(points[0].id).toBe(self);
          // No result carries the score of a vector the point no longer has.
          for (const p of points) expect(p.score).toBeCloseTo(score('Euclid', q, current[p.id as number]), 5);
        });
      }
    };
    await check();
    await server.engine.waitIndexed();
    expect((await client.getCollection('c')).status).toBe('green');
    await check();
    expect((await client.count('c')).count).toBe(3000);
  });

  it('drops a collection with its points, even while it is being indexed', async () => {
    const { client, server } = await newClient();
    await seed(client, 'kept', 'Cosine', 20, 92);
    await seed(client, 'gone', 'Cosine', 2000, 91);
    expect(await client.deleteCollection('gone')).toBe(true);
    expect((await client.collectionExists('gone')).exists).toBe(false);
    await expect(client.count('gone')).rejects.toMatchObject({ status: 404 });
    // Re-creating the name starts empty.
    await client.createCollection('gone', { vectors: { size: DIM, distance: 'Cosine' } });
    expect((await client.count('gone')).count).toBe(0);
    expect((await client.query('gone', { query: randomVectors(1, DIM, 93)[0] })).points).toEqual([]);
    expect((await client.count('kept')).count).toBe(20);
    await server.engine.waitIndexed();
    expect((await client.getCollections()).collections.map((c) => c.name).sort()).toEqual(['gone', 'kept']);
  });
});
