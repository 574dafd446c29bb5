// The executor (Collection.executeBatch, the only search path: a query is a
// batch of one, explain the same call traced), at the engine level:
//  - a query answered alone, executeBatch([q]), and the same query inside a
//    mixed batch agree: identically (ids, scores, versions, payloads, vectors)
//    in exact mode and equal to brute force; in approximate mode with recall
//    per family no worse than alone minus 0.02. Under the whole-collection
//    index, a layout with graphs, and layouts without graphs (with and without
//    the whole-collection index);
//  - a bad query in a batch fails alone, with its own code;
//  - explain's plan for a single query is the single-query planner's choice;
//  - traced, a batch shows which graph plans its group plan upgraded to a
//    blocked scan, and BatchStats counts the scans and the queries they served;
//  - a batch of 300 queries over a layout without graphs answers every query
//    with min(k, matching) points, each partition scanned exactly.
// exact_max_rows is lowered so that, at this size, filters have graph plans.

import { describe, expect, it } from 'vitest';
import type { BatchOutcome, Collection } from '../../engine/collection.js';
import type { ScoredPoint } from '../../core/types.js';
import { emptyBatchStats } from '../../engine/collection-index.js';
import type { LayoutBuildRequest } from '../../engine/layout/types.js';
import { choosePlan } from '../../engine/plan/planner.js';
import type { QueryRequest } from '../../engine/requests.js';
import { clusteredVectors, rng } from '../support/data.js';
import { tempEnginePerTest } from '../support/engine.js';
import { bruteForce, expectSameAsBruteForce, type Truth } from '../support/filtered-brute-force.js';

const N = 2_500;
const DIM = 24;
const K = 10;
const EXACT_MAX_ROWS = 100;
/** A batch's approximate recall per family may trail the query's alone by this much (its routing and group plans differ). */
const BATCH_RECALL_SLACK = 0.02;
const KWS = ['a', 'b', 'c', 'd', 'e', 'f'];
const TAGS = ['t0', 't1', 't2', 't3'];

interface Point {
  id: number;
  vector: Float32Array;
  payload: { kw: string; n: number; tags: string[] };
}

const rand = rng(4242);
const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo));
const vectors = clusteredVectors(N + 400, DIM, 10, 4242);
const POINTS: Point[] = Array.from({ length: N }, (_, i) => ({
  id: i,
  vector: vectors[i],
  // kw skewed (a is a third of the points), n uniform in [0, 100), 0-2 tags.
  payload: { kw: KWS[Math.min(KWS.length - 1, Math.floor(-Math.log2(1 - rand() * 0.98)))], n: int(0, 100), tags: [...new Set(Array.from({ length: int(0, 3) }, () => TAGS[int(0, TAGS.length)]))] },
}));
let nextQuery = N;
const queryVector = (): number[] => Array.from(vectors[nextQuery++ % vectors.length]);

const engines = tempEnginePerTest();

/** A fresh engine with the points, and the layout asked for (none: the whole-collection index alone). */
async function collection(layout?: LayoutBuildRequest): Promise<Collection> {
  const env = await engines.open({
    index: { workers: 2 },
    layout: { flat_max_rows: 250 },
    // A batch visit's fixed cost scaled down to these few points, so that batch layouts cut.
    planner: { exact_max_rows: EXACT_MAX_ROWS, probe_exact_max_rows: 400, batch_visit_us: 1, batch_filter_us: 1 },
    storage: { sync: 'normal' },
  });
  await env.engine.createCollection('c', { vectors: { size: DIM, distance: 'Euclid' } });
  const c = env.engine.collection('c');
  c.createFieldIndex('kw', 'keyword', true);
  c.createFieldIndex('n', 'integer', true);
  c.createFieldIndex('tags', 'keyword', true);
  c.upsert({ points: POINTS.map((p) => ({ id: p.id, vector: Array.from(p.vector), payload: p.payload })) }, true);
  await env.engine.waitIndexed();
  if (layout) {
    c.startLayoutBuild(layout);
    expect(await c.waitLayoutBuild()).toMatchObject({ status: 'ready' });
    await env.engine.waitIndexed();
    const view = c.layoutView();
    expect(view.partitions.length, 'the layout has cuts').toBeGreaterThan(1);
    if (layout.graphs === false) expect(view.partitions.every((p) => p.index === 'flat')).toBe(true);
  }
  return c;
}

/** The workloads layouts are learnt from: aligned n ranges (what the online cost model cuts for at this size), and those mixed with keyword equalities. */
const N_RANGES = Array.from({ length: 200 }, (_, i) => ({ filter: { must: [{ key: 'n', range: { gte: (i % 5) * 20, lt: (i % 5) * 20 + 20 } }] } }));
const WORKLOAD = N_RANGES.map((q, i) => (i % 2 === 0 ? { filter: { must: [{ key: 'kw', match: { value: KWS[i % 4] } }] } } : q));

// ---- query families ----------------------------------------------------------------

interface Case {
  family: string;
  req: QueryRequest;
  /** The answer brute force gives. */
  truth: Truth;
}

/** Brute force for a request: limit + offset nearest (the query point left out), then the offset and the score threshold. */
function truthOf(req: QueryRequest): Truth {
  const byId = typeof req.query === 'number' ? req.query : undefined;
  const vector = byId === undefined ? (req.query as number[]) : POINTS[byId].vector;
  const limit = req.limit ?? 10;
  const offset = req.offset ?? 0;
  const t = bruteForce(POINTS, vector, req.filter, limit + offset, byId);
  const top = t.top.slice(offset).filter((p) => req.score_threshold == null || p.score <= req.score_threshold);
  return { ...t, top };
}

const rareN = () => ({ must: [{ key: 'n', match: { value: int(0, 100) } }] });
const FAMILIES: Record<string, () => QueryRequest> = {
  'vector': () => ({ query: queryVector(), limit: K }),
  'point id': () => ({ query: int(0, N), limit: K }),
  'kw =': () => ({ query: queryVector(), filter: { must: [{ key: 'kw', match: { value: KWS[int(0, KWS.length)] } }] }, limit: K }),
  'n range (broad)': () => ({ query: queryVector(), filter: { must: [{ key: 'n', range: { lt: int(60, 95) } }] }, limit: K }),
  'n = (rare)': () => ({ query: queryVector(), filter: rareN(), limit: K }),
  'tags any & !kw': () => ({ query: queryVector(), filter: { must: [{ key: 'tags', match: { any: ['t0', 't1'] } }], must_not: [{ key: 'kw', match: { value: 'a' } }] }, limit: K }),
  'should': () => ({ query: int(0, N), filter: { should: [{ key: 'kw', match: { value: 'c' } }, { key: 'tags', match: { value: 't3' } }] }, limit: K }),
  'has_id': () => ({ query: queryVector(), filter: { must: [{ has_id: Array.from({ length: 300 }, () => int(0, N)) }] }, limit: K }),
  'nothing matches': () => ({ query: queryVector(), filter: { must: [{ key: 'kw', match: { value: 'zzz' } }] }, limit: K }),
  'offset': () => ({ query: queryVector(), filter: { must: [{ key: 'n', range: { gte: 30 } }] }, limit: 5, offset: 7 }),
  'score_threshold': () => {
    const query = queryVector();
    // Halfway between the 5th and 6th nearest: no point sits on the threshold.
    const t = bruteForce(POINTS, query, undefined, 6);
    return { query, limit: K, score_threshold: (t.top[4].score + t.top[5].score) / 2 };
  },
  'with_payload & with_vector': () => ({ query: queryVector(), filter: { must: [{ key: 'kw', match: { value: 'b' } }] }, limit: K, with_payload: true, with_vector: true }),
  'with_payload keys': () => ({ query: int(0, N), limit: K, with_payload: ['kw'] }),
  'limit > matching': () => ({ query: queryVector(), filter: rareN(), limit: 100 }),
};

const QUERIES_PER_FAMILY = 6;

function cases(exact: boolean): Case[] {
  return Object.entries(FAMILIES).flatMap(([family, make]) =>
    Array.from({ length: QUERIES_PER_FAMILY }, () => {
      const req = make();
      if (exact) req.params = { exact: true };
      return { family, req, truth: truthOf(req) };
    }),
  );
}

function pointsOf(o: BatchOutcome, what: string): ScoredPoint[] {
  if ('error' in o) throw new Error(`${what}: ${o.error.code} ${o.error.message}`);
  return o.points;
}

function recallOf(points: readonly ScoredPoint[], truth: Truth): { hits: number; expected: number } {
  const ids = new Set(truth.top.map((p) => p.id));
  return { hits: points.filter((p) => ids.has(p.id as number)).length, expected: truth.top.length };
}

// ---- tests ------------------------------------------------------------------------------

const STATES: { name: string; layout?: LayoutBuildRequest }[] = [
  { name: 'the whole-collection index' },
  { name: 'a layout with graphs, without the whole-collection index', layout: { queries: N_RANGES, min_partition_size: 150, max_partitions: 12, global_index: false } },
  { name: 'a layout without graphs, with the whole-collection index', layout: { queries: WORKLOAD, min_partition_size: 150, max_partitions: 12, global_index: true, graphs: false } },
  { name: 'a layout without graphs, without the whole-collection index', layout: { queries: WORKLOAD, min_partition_size: 150, max_partitions: 12, global_index: false, graphs: false } },
];

describe('executor: a query in a batch answers as it does alone', () => {
  it.each(STATES)('under $name', async ({ layout }) => {
    const c = await collection(layout);
    const exact = cases(true);
    const approx = cases(false);
    const all = [...exact, ...approx];
    // Mixed in one batch, exact and approximate interleaved.
    const order = all.map((_, i) => i).sort(() => rand() - 0.5);
    const batch = await c.executeBatch(order.map((i) => all[i].req));
    const inBatch = new Array<ScoredPoint[]>(all.length);
    order.forEach((i, j) => (inBatch[i] = pointsOf(batch[j], `${all[i].family} (batch)`)));

    for (let i = 0; i < exact.length; i++) {
      const { family, req, truth } = exact[i];
      const what = `${family} ${JSON.stringify({ ...req, query: typeof req.query === 'number' ? req.query : 'vector' })}`;
      const [one] = await c.executeBatch([req]);
      const alone = pointsOf(one, what);
      expectSameAsBruteForce(alone, truth, `${what} (exact, alone)`);
      expect(inBatch[i], `${what}: batch = alone`).toEqual(alone);
      if (req.with_vector) alone.forEach((p) => expect(p.vector, what).toEqual(Array.from(POINTS[p.id as number].vector)));
      if (req.with_payload === true) alone.forEach((p) => expect(p.payload, what).toEqual(POINTS[p.id as number].payload));
      if (Array.isArray(req.with_payload)) alone.forEach((p) => expect(p.payload, what).toEqual({ kw: POINTS[p.id as number].payload.kw }));
      if (!req.with_payload) alone.forEach((p) => expect(p.payload ?? null, what).toBeNull());
    }

    const recall: Record<string, { alone: number; batch: number; expected: number }> = {};
    for (let i = 0; i < approx.length; i++) {
      const { family, req, truth } = approx[i];
      const [one] = await c.executeBatch([req]);
      const r = (recall[family] ??= { alone: 0, batch: 0, expected: 0 });
      r.alone += recallOf(pointsOf(one, family), truth).hits;
      r.batch += recallOf(inBatch[exact.length + i], truth).hits;
      r.expected += truth.top.length;
    }
    const low = Object.entries(recall)
      .filter(([, r]) => r.expected > 0 && r.batch / r.expected < r.alone / r.expected - BATCH_RECALL_SLACK)
      .map(([family, r]) => [family, r.batch / r.expected, r.alone / r.expected]);
    expect(low, `families [name, batch recall, alone recall] whose batch recall is below alone - ${BATCH_RECALL_SLACK}`).toEqual([]);
  });
});

describe('executor: errors', () => {
  it('fails a bad query alone, with its own code, and answers the others', async () => {
    const c = await collection();
    const good = (): QueryRequest => ({ query: queryVector(), filter: { must: [{ key: 'kw', match: { value: 'b' } }] }, limit: K });
    const requests: QueryRequest[] = [
      good(),
      { query: [1, 2, 3], limit: K },
      good(),
      { query: N + 1_000, limit: K },
      { query: queryVector(), filter: { must: [{ key: 'kw', match: { nope: 1 } }] }, limit: K },
      { query: queryVector(), limit: 0 },
      { query: queryVector(), with_payload: 7 },
      { query: queryVector(), using: 'image' },
      good(),
    ];
    const codes = ['ok', 'WRONG_DIMENSION', 'ok', 'POINT_NOT_FOUND', 'INVALID_FILTER', 'INVALID_LIMIT', 'BAD_REQUEST', 'UNSUPPORTED', 'ok'];
    for (const exact of [false, true]) {
      const reqs = requests.map((r) => ({ ...r, params: { exact } }));
      const outcomes = await c.executeBatch(reqs);
      expect(outcomes.map((o) => ('error' in o ? o.error.code : 'ok'))).toEqual(codes);
      for (let i = 0; i < reqs.length; i++) {
        if (codes[i] !== 'ok') continue;
        const [alone] = await c.executeBatch([reqs[i]]);
        if (exact) expect(pointsOf(outcomes[i], `query ${i}`)).toEqual(pointsOf(alone, `query ${i} alone`));
        else expect(pointsOf(outcomes[i], `query ${i}`)).toHaveLength(K);
      }
      // Alone, the same bad queries fail with the same codes (query() throws them).
      for (let i = 0; i < reqs.length; i++) {
        if (codes[i] === 'ok') continue;
        await expect(c.query(reqs[i])).rejects.toMatchObject({ code: codes[i] });
      }
    }
    // Through queryBatch (the Qdrant batch contract) one bad query fails the request, with its code.
    await expect(c.queryBatch(requests.slice(0, 2))).rejects.toMatchObject({ code: 'WRONG_DIMENSION' });
  });
});

describe('executor: plans', () => {
  it("explain's plan for a single query is the single-query planner's choice", async () => {
    const c = await collection();
    const ef = 64;
    const broadN = 80;
    const queries: { filter: unknown; kind: string[] }[] = [
      { filter: rareN(), kind: ['exact'] },
      { filter: undefined, kind: ['hnsw'] },
      { filter: { must: [{ key: 'n', range: { lt: broadN } }] }, kind: ['probe', 'hnsw-filtered'] },
      { filter: { must: [{ key: 'kw', match: { value: 'zzz' } }] }, kind: ['empty'] },
    ];
    for (const { filter, kind } of queries) {
      const { explain } = await c.explain({ query: queryVector(), filter, limit: K, params: { hnsw_ef: ef } });
      const what = JSON.stringify(filter);
      expect(kind, `${what}: ${JSON.stringify(explain.plan)}`).toContain(explain.plan.kind);
      expect(explain.route.target, what).toBe('collection');
      expect(explain.matching, what).toBe(bruteForce(POINTS, new Float32Array(DIM), filter, 0).matching);
      if (explain.matching === 0) continue;
      // The same plan the planner gives for what explain reports.
      expect(explain.plan, what).toEqual(choosePlan({ matching: explain.matching, live: explain.live, k: K, ef, exact: false, filtered: filter !== undefined }, explain.thresholds));
      expect(explain.route.partitions.map((p) => p.plan), what).toEqual([explain.plan]);
    }
    // Exact requested: exact, whatever the filter.
    const { explain } = await c.explain({ query: queryVector(), limit: K, params: { exact: true } });
    expect(explain.plan).toMatchObject({ kind: 'exact', rows: N });
  });

  it('traced, a batch shows graph plans upgraded to a blocked scan, and BatchStats counts the scans and their queries', async () => {
    const c = await collection();
    // At 2.5k x 24-d a query's share of a scan of every row costs a few µs against ~135 µs of graph search:
    // the group plan upgrades unfiltered (hnsw) and broad (probe) queries; rare filters are exact on their own.
    const unfiltered = Array.from({ length: 8 }, (): QueryRequest => ({ query: queryVector(), limit: K }));
    const broad: QueryRequest = { query: queryVector(), filter: { must: [{ key: 'n', range: { lt: 80 } }] }, limit: K };
    const rare = [0, 1].map((v): QueryRequest => ({ query: queryVector(), filter: { must: [{ key: 'n', match: { value: v } }] }, limit: K }));
    const none: QueryRequest = { query: queryVector(), filter: { must: [{ key: 'kw', match: { value: 'zzz' } }] }, limit: K };
    const requests = [...unfiltered, broad, ...rare, none];
    // Their plans alone, for comparison.
    const aloneKinds = await Promise.all(requests.map(async (r) => (await c.explain(r)).explain.plan.kind));
    expect(aloneKinds).toEqual([...unfiltered.map(() => 'hnsw'), 'probe', 'exact', 'exact', 'empty']);

    const stats = emptyBatchStats();
    const outcomes = await c.executeBatch(requests, { trace: true, stats });
    const traced = outcomes.map((o, i) => {
      if ('error' in o) throw o.error;
      expect(o.explain, `query ${i} traced`).toBeDefined();
      return o;
    });
    const upgraded = [...unfiltered.keys(), unfiltered.length];
    for (const i of upgraded) {
      const parts = traced[i].explain!.route.partitions;
      expect(parts, `query ${i}`).toHaveLength(1);
      expect(parts[0].plan.kind, `query ${i}`).toBe('exact');
      expect(parts[0].plan.reason, `query ${i}`).toMatch(new RegExp(`blocked scan .*instead of ${aloneKinds[i]}`));
      expect(traced[i].explain!.plan).toEqual(parts[0].plan);
      // Upgraded to exact answers: brute force's.
      expectSameAsBruteForce(traced[i].points, truthOf(requests[i]), `upgraded query ${i}`);
    }
    for (const i of [unfiltered.length + 1, unfiltered.length + 2]) {
      // Alone in its scan: the planner's own exact plan.
      expect(traced[i].explain!.plan).toMatchObject({ kind: 'exact' });
      expect(traced[i].explain!.plan.reason).toMatch(/exact_max_rows/);
      expectSameAsBruteForce(traced[i].points, truthOf(requests[i]), `rare query ${i}`);
    }
    expect(traced[requests.length - 1].explain!.plan.kind).toBe('empty');
    expect(traced[requests.length - 1].explain!.route.partitions).toEqual([]);
    expect(traced[requests.length - 1].points).toEqual([]);

    // One every-row scan (8 unfiltered, the broad filter masked in it) and one scan per rare filter.
    const exactVisits = traced.flatMap((o) => o.explain!.route.partitions).filter((p) => p.plan.kind === 'exact').length;
    expect(exactVisits).toBe(upgraded.length + rare.length);
    expect(stats).toMatchObject({ queries: requests.length, empty: 1, blocks: 1 + rare.length, blockedQueries: exactVisits, answeredBy: { exact: exactVisits } });

    // The same queries one at a time run no upgraded scan: their graph plans, and only the rare ones blocked.
    const aloneStats = emptyBatchStats();
    for (const r of requests) await c.executeBatch([r], { stats: aloneStats });
    expect(aloneStats).toMatchObject({ blocks: rare.length, blockedQueries: rare.length });
  });

  it('a batch of 300 queries over a layout without graphs returns min(k, matching) points for every query, each partition scanned exactly', async () => {
    const c = await collection({ queries: WORKLOAD, min_partition_size: 150, max_partitions: 12, global_index: false, graphs: false });
    const families = Object.entries(FAMILIES).filter(([f]) => !['offset', 'score_threshold'].includes(f));
    const requests = Array.from({ length: 300 }, (_, i) => families[i % families.length][1]());
    const stats = emptyBatchStats();
    const outcomes = await c.executeBatch(requests, { stats });
    const short: string[] = [];
    outcomes.forEach((o, i) => {
      const expected = truthOf(requests[i]).top.length;
      const got = pointsOf(o, `query ${i}`).length;
      if (got !== expected) short.push(`${families[i % families.length][0]} query ${i}: ${got} of ${expected}`);
    });
    expect(short).toEqual([]);
    // Identical queries (a point id drawn twice) run once; every other one went to the partitions.
    expect(stats.queries + stats.duplicates).toBe(300);
    expect(stats.toPartitions).toBe(stats.queries);
    // Flat partitions: every visit with a matching point is an exact scan, and it ran blocked.
    expect(Object.keys(stats.answeredBy).filter((k) => k !== 'exact' && k !== 'empty')).toEqual([]);
    expect(stats.blockedQueries).toBe(stats.answeredBy.exact);
    expect(stats.blocks).toBeGreaterThan(0);
    expect(stats.blocks).toBeLessThan(stats.blockedQueries);
  });
});
