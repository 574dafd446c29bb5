// Crash and restart behaviour of the real `hqdb serve` process: every write
// acknowledged with wait=true survives SIGKILL; a graceful stop leaves index
// snapshots that the next start loads; missing or corrupt index files are
// rebuilt from SQLite (with a warning when corrupt), never fatal.

import { readdir, rm, truncate, open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { http, ok, waitGreen } from '../helpers/http.js';
import { LOG_LEVEL, spawnServer, startTestServer, tempDataDir, type ChildServer, type LogLine } from '../helpers/server.js';
import { BruteForce, randomVectors, rng, score } from '../helpers/vectors.js';

const DIM = 16;

interface Point {
  id: number;
  vector: number[];
  payload: { id: number; batch: number; note: string };
}

function makePoints(firstId: number, n: number, batch: number, seed: number): Point[] {
  return randomVectors(n, DIM, seed).map((vector, i) => ({ id: firstId + i, vector, payload: { id: firstId + i, batch, note: `p${firstId + i}` } }));
}

async function createCollection(base: string): Promise<void> {
  await ok(base, 'PUT', '/collections/c', { vectors: { size: DIM, distance: 'Euclid' } });
}

async function upsert(base: string, points: Point[], wait = true): Promise<void> {
  await ok(base, 'PUT', `/collections/c/points?wait=${wait}`, { points });
}

/** Stored points for `ids` (payload and vector), keyed by id. */
async function retrieveAll(base: string, ids: number[]): Promise<Map<number, { payload: unknown; vector: number[] }>> {
  const out = new Map<number, { payload: unknown; vector: number[] }>();
  for (let i = 0; i < ids.length; i += 1000) {
    const got = await ok<{ id: number; payload: unknown; vector: number[] }[]>(base, 'POST', '/collections/c/points', { ids: ids.slice(i, i + 1000), with_payload: true, with_vector: true });
    for (const p of got) out.set(p.id, { payload: p.payload, vector: p.vector });
  }
  return out;
}

/** Asserts every point is stored with its payload and vector, and is its own top-1 by exact and by default (HNSW) search. */
async function expectAllFound(base: string, points: Point[]): Promise<void> {
  const stored = await retrieveAll(base, points.map((p) => p.id));
  const missing = points.filter((p) => !stored.has(p.id)).map((p) => p.id);
  expect(missing, 'acknowledged points missing after restart').toEqual([]);
  for (const p of points) expect(stored.get(p.id)).toEqual({ payload: p.payload, vector: p.vector });

  await waitGreen(base, 'c');
  for (const exact of [true, false]) {
    const wrong: number[] = [];
    for (let i = 0; i < points.length; i += 200) {
      const chunk = points.slice(i, i + 200);
      const results = await ok<{ points: { id: number }[] }[]>(base, 'POST', '/collections/c/points/query/batch', {
        searches: chunk.map((p) => ({ query: p.vector, limit: 1, params: { exact } })),
      });
      results.forEach((r, j) => {
        if (r.points[0]?.id !== chunk[j].id) wrong.push(chunk[j].id);
      });
    }
    expect(wrong, `points that are not their own nearest neighbour (exact=${exact})`).toEqual([]);
  }
}

function collectionLoaded(server: ChildServer): LogLine {
  const line = server.logs.find((l) => l.msg === 'collection loaded');
  expect(line, 'a "collection loaded" log line').toBeDefined();
  return line as LogLine;
}

/** The one collection's index directory, <data>/collections/<id>. */
async function indexDir(dataDir: string): Promise<string> {
  const ids = await readdir(join(dataDir, 'collections'));
  expect(ids).toHaveLength(1);
  return join(dataDir, 'collections', ids[0]);
}

/** Seeds `n` points on a child server, waits until they are indexed, stops it gracefully. */
async function seedAndStop(n: number): Promise<{ dataDir: string; points: Point[]; dir: string }> {
  const dataDir = await tempDataDir();
  const server = await spawnServer(dataDir);
  await createCollection(server.url);
  const points = makePoints(1, n, 0, 5);
  for (let i = 0; i < n; i += 250) await upsert(server.url, points.slice(i, i + 250));
  await waitGreen(server.url, 'c');
  expect(await server.stop()).toEqual({ code: 0, signal: null });
  const dir = await indexDir(dataDir);
  const files = await readdir(dir);
  expect(files).toContain('snapshot.json');
  expect(files.filter((f) => /^graph-\d+\.hnsw$/.test(f))).toHaveLength(1);
  return { dataDir, points, dir };
}

describe('durability', () => {
  // SIGKILL twice (kill, restart on the same data, write more, kill again); SIGTERM once
  // (a graceful stop must finish or refuse what is in flight, never half-do it).
  it.each([['SIGKILL', 2], ['SIGTERM', 1]] as const)('keeps every acknowledged write when %s stops the server during a stream of upserts, %i time(s)', async (signal, rounds) => {
    const dataDir = await tempDataDir();
    const acked: Point[] = [];
    /** Batches whose request was sent but never answered: each must be all there or all absent. */
    const inFlight: Point[][] = [];
    const random = rng(Date.now() >>> 0);
    let nextId = 1;
    let batchNo = 0;

    for (let round = 0; round < rounds; round++) {
      // Frequent snapshots so a kill may also land in the middle of writing one.
      const server = await spawnServer(dataDir, { HQDB__STORAGE__SNAPSHOT_INTERVAL_S: '0.5' });
      if (round === 0) await createCollection(server.url);
      let killed = false;
      // wait=true is what the Qdrant client sends; wait=false is acknowledged after commit too (DESIGN §4).
      const writer = async (wait: boolean): Promise<void> => {
        while (!killed) {
          const batch = makePoints(nextId, 10, ++batchNo, batchNo);
          nextId += batch.length;
          try {
            await upsert(server.url, batch, wait);
          } catch {
            inFlight.push(batch); // the server died under, or refused, this request
            return;
          }
          acked.push(...batch); // a dead process answers nothing, so every success counts
        }
      };
      const writers = [writer(true), writer(false)];
      const ackedBefore = acked.length;
      const failedBefore = inFlight.length;
      while (acked.length < ackedBefore + 50) {
        expect(inFlight.length, `round ${round}: an upsert failed before the server was stopped`).toBe(failedBefore);
        await new Promise((r) => setTimeout(r, 5));
      }
      const delayMs = Math.floor(200 + random() * 1200);
      await new Promise((r) => setTimeout(r, delayMs));
      if (signal === 'SIGKILL') await server.kill();
      else expect(await server.stop()).toEqual({ code: 0, signal: null });
      killed = true;
      await Promise.all(writers);
      expect(acked.length, `round ${round}: writes acknowledged before ${signal} at +${delayMs} ms`).toBeGreaterThan(ackedBefore);
    }

    const restarted = await spawnServer(dataDir);
    await expectAllFound(restarted.url, acked);
    for (const batch of inFlight) {
      const present = (await retrieveAll(restarted.url, batch.map((p) => p.id))).size;
      expect([0, batch.length], `batch starting at id ${batch[0].id}: ${present} of ${batch.length} points stored`).toContain(present);
    }
    const { count } = await ok<{ count: number }>(restarted.url, 'POST', '/collections/c/points/count', {});
    expect(count).toBeGreaterThanOrEqual(acked.length);
    expect(count).toBeLessThanOrEqual(acked.length + inFlight.flat().length);
    // And it takes writes again.
    await upsert(restarted.url, makePoints(nextId, 5, ++batchNo, 999));
  });

  it('rebuilds the index when its files are deleted', async () => {
    const { dataDir, points, dir } = await seedAndStop(1000);
    for (const f of await readdir(dir)) if (f === 'snapshot.json' || f.startsWith('graph-')) await rm(join(dir, f));
    const server = await spawnServer(dataDir);
    // Nothing was loaded from an index: every point is queued for indexing.
    expect(collectionLoaded(server)).toMatchObject({ points: 1000, indexed: 0, to_index: 1000 });
    await expectAllFound(server.url, points);
    expect(await ok(server.url, 'GET', '/collections/c')).toMatchObject({ status: 'green', points_count: 1000, indexed_vectors_count: 1000 });
  });

  const CORRUPTIONS: [string, (dir: string) => Promise<void>][] = [
    ['graph file truncated', async (dir) => truncate(join(dir, await graphFile(dir)), 100)],
    ['bytes overwritten in the graph file', async (dir) => {
      const fh = await open(join(dir, await graphFile(dir)), 'r+');
      try {
        const { size } = await fh.stat();
        await fh.write(Buffer.alloc(64, 0xab), 0, 64, Math.floor(size / 2));
      } finally {
        await fh.close();
      }
    }],
    ['snapshot.json garbage', async (dir) => writeFile(join(dir, 'snapshot.json'), '{"format": 1, "gener')],
  ];

  it.each(CORRUPTIONS)('starts with a warning and rebuilds the index when the %s', async (_name, corrupt) => {
    const { dataDir, points, dir } = await seedAndStop(600);
    await corrupt(dir);
    const server = await spawnServer(dataDir);
    const warnings = server.logs.filter((l) => l.level === LOG_LEVEL.warn);
    expect(warnings.map((l) => l.msg)).toEqual(['index snapshot unusable; rebuilding the index from storage']);
    expect(warnings[0]).toMatchObject({ collection: 'c' });
    expect(collectionLoaded(server)).toMatchObject({ points: 600, indexed: 0, to_index: 600 });
    await expectAllFound(server.url, points);
  });

  it('does not resurrect deleted points or old vectors from a stale snapshot after SIGKILL', async () => {
    const { dataDir, points } = await seedAndStop(600);
    // No snapshot is taken after these writes: the graph on disk still holds the old state.
    const server = await spawnServer(dataDir, { HQDB__STORAGE__SNAPSHOT_INTERVAL_S: '3600' });
    const deleted = points.slice(0, 50);
    const moved = points.slice(50, 100).map((p, i) => ({ ...p, vector: randomVectors(1, DIM, 7000 + i)[0] }));
    await ok(server.url, 'POST', '/collections/c/points/delete?wait=true', { points: deleted.map((p) => p.id) });
    await upsert(server.url, moved);
    await server.kill();

    const restarted = await spawnServer(dataDir);
    const current = [...moved, ...points.slice(100)];
    expect(await ok(restarted.url, 'POST', '/collections/c/points/count', {})).toEqual({ count: current.length });
    expect(await retrieveAll(restarted.url, deleted.map((p) => p.id))).toEqual(new Map());
    await expectAllFound(restarted.url, current);

    // Query with every stale vector (deleted points' and moved points' old ones): results
    // are exactly brute force over the current points, by graph and by exact scan.
    const bf = new BruteForce('Euclid', current);
    const vectorOf = new Map(current.map((p) => [p.id, p.vector]));
    const stale = [...deleted, ...points.slice(50, 100)];
    for (const exact of [true, false]) {
      const results = await ok<{ points: { id: number; score: number }[] }[]>(restarted.url, 'POST', '/collections/c/points/query/batch', {
        searches: stale.map((p) => ({ query: p.vector, limit: 5, params: { exact } })),
      });
      results.forEach(({ points: got }, i) => {
        expect(got.map((p) => p.id).filter((id) => !vectorOf.has(id)), 'deleted ids in results').toEqual([]);
        for (const p of got) expect(p.score).toBeCloseTo(score('Euclid', stale[i].vector, vectorOf.get(p.id) as number[]), 5);
        if (exact) expect(got.map((p) => p.id)).toEqual(bf.topK(stale[i].vector, 5).map((t) => t.id));
      });
    }
  });

  it('does not give a re-created collection the index files of a dropped one', async () => {
    const dataDir = await tempDataDir();
    const first = await startTestServer({}, dataDir);
    await createCollection(first.url);
    const old = makePoints(1, 500, 0, 8);
    await upsert(first.url, old);
    await first.engine.waitIndexed();
    await first.close(); // writes the snapshot of "c"

    const second = await startTestServer({}, dataDir);
    expect(await ok(second.url, 'DELETE', '/collections/c')).toBe(true);
    await createCollection(second.url);
    const fresh = makePoints(1000, 20, 1, 9);
    await upsert(second.url, fresh);
    await second.close();

    const third = await startTestServer({}, dataDir);
    expect(await ok(third.url, 'POST', '/collections/c/points/count', {})).toEqual({ count: 20 });
    await expectAllFound(third.url, fresh);
    const nearOld = await ok<{ points: { id: number }[] }>(third.url, 'POST', '/collections/c/points/query', { query: old[0].vector, limit: 20 });
    expect(nearOld.points.map((p) => p.id).sort((a, b) => a - b)).toEqual(fresh.map((p) => p.id));
  });

  it('keeps one index generation across restarts with writes in between', async () => {
    const dataDir = await tempDataDir();
    const all: Point[] = [];
    for (let run = 0; run < 3; run++) {
      const server = await startTestServer({}, dataDir);
      if (run === 0) await createCollection(server.url);
      const batch = makePoints(1 + run * 300, 300, run, 20 + run);
      await upsert(server.url, batch);
      all.push(...batch);
      await expectAllFound(server.url, all);
      await server.close();
      await graphFile(await indexDir(dataDir));
    }
  });

  it('loads the intact index after a graceful stop instead of rebuilding it', async () => {
    const { dataDir, points } = await seedAndStop(800);
    const server = await spawnServer(dataDir);
    expect(server.logs.some((l) => l.msg === 'hqdb ready')).toBe(true);
    expect(server.logs.filter((l) => l.level >= LOG_LEVEL.warn)).toEqual([]);
    expect(collectionLoaded(server)).toMatchObject({ points: 800, indexed: 800, to_index: 0 });
    expect(await ok(server.url, 'GET', '/collections/c')).toMatchObject({ status: 'green', points_count: 800, indexed_vectors_count: 800 });
    await expectAllFound(server.url, points);
    expect((await http(server.url, 'GET', '/readyz')).status).toBe(200);
  });
});

async function graphFile(dir: string): Promise<string> {
  const graphs = (await readdir(dir)).filter((f) => /^graph-\d+\.hnsw$/.test(f));
  expect(graphs).toHaveLength(1);
  return graphs[0];
}
