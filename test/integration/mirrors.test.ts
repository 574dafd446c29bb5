// Mirrors of flat partitions (engine/partitions/host.ts): once a flat layout's
// writes pause, its owner shares each partition read-only with the other
// worker, and a batch's queries of a partition are split across both.
//  - a query answered by the owner and by a mirror gets the same points and
//    scores, exact or approximate (IVF probes of clustered partitions);
//  - an acknowledged write is seen by the very next query, whichever worker
//    serves it: a mirror stops serving until its owner shares it again;
//  - after a worker restart, queries stay exact and the mirrors come back.
// Waits are on conditions (polled), never on timings.

import { describe, expect, it } from 'vitest';
import type { ScoredPoint } from '../../core/types.js';
import type { BatchOutcome, Collection } from '../../engine/collection.js';
import type { QueryRequest } from '../../engine/requests.js';
import { clusteredVectors, rng } from '../support/data.js';
import { tempEnginePerTest } from '../support/engine.js';
import { bruteForce, expectSameAsBruteForce } from '../support/filtered-brute-force.js';

const N = 3_000;
const DIM = 16;
const K = 10;
const KWS = ['a', 'b', 'c', 'd'];
const rand = rng(99);
const vectors = clusteredVectors(N + 400, DIM, 12, 99);
const POINTS = Array.from({ length: N }, (_, i) => ({ id: i, vector: vectors[i], payload: { kw: KWS[Math.floor(rand() * KWS.length)] } as Record<string, unknown> }));
let nextQuery = N;
const queryVector = (): number[] => Array.from(vectors[nextQuery++ % vectors.length]);

const engines = tempEnginePerTest();

async function layoutCollection(): Promise<Collection> {
  const env = await engines.open({
    index: { workers: 2, mirrors: true },
    layout: { flat_max_rows: 100_000 },
    // Flat partitions of 120 rows and more are clustered and probed (as in layout-correctness.test.ts).
    planner: { exact_max_rows: 40, probe_exact_max_rows: 400, ivf_cluster_rows: 30, ivf_rows_per_ef: 5, ivf_min_rows: 40, batch_visit_us: 1, batch_filter_us: 1 },
    storage: { sync: 'normal' },
  });
  await env.engine.createCollection('m', { vectors: { size: DIM, distance: 'Euclid' } });
  const c = env.engine.collection('m');
  c.createFieldIndex('kw', 'keyword', true);
  c.upsert({ points: POINTS.map((p) => ({ id: p.id, vector: Array.from(p.vector), payload: p.payload })) }, true);
  await env.engine.waitIndexed();
  c.startLayoutBuild({ queries: Array.from({ length: 200 }, (_, i) => ({ filter: { must: [{ key: 'kw', match: { value: KWS[i % 4] } }] } })), min_partition_size: 150, max_partitions: 6, global_index: false, graphs: false });
  expect(await c.waitLayoutBuild()).toMatchObject({ status: 'ready' });
  await env.engine.waitIndexed();
  expect(c.layoutView().partitions.every((p) => p.index === 'flat')).toBe(true);
  return c;
}

const kwFilter = (kw: string) => ({ must: [{ key: 'kw', match: { value: kw } }] });

function requests(n: number): QueryRequest[] {
  return Array.from({ length: n }, (_, i): QueryRequest => ({
    query: queryVector(),
    filter: i % 3 === 0 ? undefined : kwFilter(KWS[i % 4]),
    limit: K,
    ...(i % 4 === 3 ? { params: { exact: true } } : {}),
  }));
}

function traced(o: BatchOutcome, what: string): { points: ScoredPoint[]; workers: Set<number> } {
  if ('error' in o) throw new Error(`${what}: ${o.error.code} ${o.error.message}`);
  return { points: o.points, workers: new Set(o.explain!.route.partitions.map((p) => p.worker)) };
}

/**
 * Polls until every partition is shared: unfiltered exact queries visit every partition,
 * and each of them is then served by one worker, their turns' (both workers in all).
 */
async function mirrored(c: Collection): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const outcomes = await c.executeBatch(requests(4).map((r) => ({ query: r.query, limit: K, params: { exact: true } })), { trace: true });
    const used = outcomes.map((o, j) => traced(o, `query ${j}`).workers);
    if (used.every((w) => w.size === 1) && new Set(used.flatMap((w) => [...w])).size === 2) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('the partitions were never all served by both workers');
}

describe('mirrors of flat partitions', () => {
  it("split a partition's queries across the workers, and a mirror answers exactly as the owner", async () => {
    const c = await layoutCollection();
    await mirrored(c);
    const batch = requests(40);
    const first = await c.executeBatch(batch, { trace: true });
    // Again in reverse order: queries take turns, those sharing a filter bitmap by the filter's
    // place in the batch (engine/collection-index.ts), so many are served by the other worker.
    const second = (await c.executeBatch([...batch].reverse(), { trace: true })).reverse();
    let probed = 0;
    const moved = { filtered: 0, unfiltered: 0 };
    batch.forEach((req, i) => {
      const a = traced(first[i], `query ${i}`);
      const b = traced(second[i], `query ${i} again`);
      expect(a.workers.size, `query ${i}: one worker serves all of its partitions`).toBe(1);
      expect(b.workers.size, `query ${i} again: one worker`).toBe(1);
      if ([...a.workers][0] !== [...b.workers][0]) moved[req.filter ? 'filtered' : 'unfiltered']++;
      expect(b.points, `query ${i}: same points and scores from either worker`).toEqual(a.points);
      if (req.params?.exact) expectSameAsBruteForce(a.points, bruteForce(POINTS, req.query as number[], req.filter, K), `query ${i} (exact)`);
      if ('explain' in first[i]) probed += first[i].explain!.route.partitions.filter((p) => p.plan.kind === 'ivf').length;
    });
    // Owner and mirror compared on both kinds of query.
    expect(moved.filtered, JSON.stringify(moved)).toBeGreaterThan(0);
    expect(moved.unfiltered, JSON.stringify(moved)).toBeGreaterThan(0);
    expect(probed, 'approximate queries probed clusters of the mirrors too').toBeGreaterThan(0);
  });

  it('never serve a write late: the next query sees an upsert and a delete, on either worker, and they are shared again', async () => {
    const c = await layoutCollection();
    await mirrored(c);
    const live = new Map(POINTS.map((p) => [p.id, { id: p.id, vector: Array.from(p.vector), payload: p.payload }]));
    const check = async (what: string, target?: number[]): Promise<BatchOutcome[]> => {
      // Queries near `target` (when given) with both turns' workers, exact and approximate.
      const reqs = Array.from({ length: 6 }, (_, i): QueryRequest => ({
        query: target ? target.map((x, d) => x + (d === i ? 1e-3 : 0)) : queryVector(),
        filter: kwFilter('b'),
        limit: K,
        ...(i % 2 === 0 ? { params: { exact: true } } : {}),
      }));
      const outcomes = await c.executeBatch(reqs, { trace: true });
      reqs.forEach((r, i) => {
        if (r.params?.exact) expectSameAsBruteForce(traced(outcomes[i], what).points, bruteForce(live.values(), r.query as number[], r.filter, K), `${what}: query ${i}`);
      });
      return outcomes;
    };
    const target = queryVector();
    for (let round = 0; round < 3; round++) {
      const id = N + 100 + round;
      const p = { id, vector: target, payload: { kw: 'b' } };
      c.upsert({ points: [p] }, true);
      live.set(id, p);
      const after = await check(`after upserting ${id}`, target);
      after.forEach((o, i) => expect(traced(o, `query ${i}`).points[0]?.id, `round ${round}, query ${i}: the new point first`).toBe(id));
      c.deletePoints({ points: [id, round] }, true);
      live.delete(id);
      live.delete(round);
      const gone = await check(`after deleting ${id}`, target);
      gone.forEach((o, i) => expect(traced(o, `query ${i}`).points.map((q) => q.id), `round ${round}, query ${i}`).not.toContain(id));
      await mirrored(c);
      await check(`round ${round}, shared again`, target);
    }
  });

  it('after a worker restart, queries stay exact and the mirrors come back', async () => {
    const c = await layoutCollection();
    await mirrored(c);
    for (const worker of [0, 1]) {
      const host = engines.env.engine.host;
      const before = host.restarts(worker);
      host.crash(worker);
      while (host.restarts(worker) === before) await new Promise((r) => setTimeout(r, 5));
      await host.settled();
      for (const req of requests(12).map((r) => ({ ...r, params: { exact: true } }))) {
        expectSameAsBruteForce(await c.query(req), bruteForce(POINTS, req.query as number[], req.filter, K), `after worker ${worker} restarted`);
      }
      await mirrored(c);
    }
  });
});
