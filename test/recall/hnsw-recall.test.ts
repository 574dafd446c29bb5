// Recall of the HNSW path against exact search, with the threshold stated in
// the issue: recall@10 >= 0.95 at default ef on 20k clustered 64-d points.
// Exact search must equal an independent brute-force reference exactly.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Distance } from '../../core/types.js';
import { clusteredVectors } from '../support/data.js';
import { tempEngine } from '../support/engine.js';

const N = 20_000;
const DIM = 64;
const QUERIES = 200;
const K = 10;

type Env = Awaited<ReturnType<typeof tempEngine>>;
let env: Env;
const vectors = clusteredVectors(N + QUERIES, DIM, 50, 11);

/** Double-precision reference scores with Qdrant semantics (higher-is-better for Cosine/Dot). */
function reference(distance: Distance, q: Float32Array, v: Float32Array): number {
  let dot = 0, nq = 0, nv = 0, l2 = 0, l1 = 0;
  for (let i = 0; i < q.length; i++) {
    dot += q[i] * v[i]; nq += q[i] * q[i]; nv += v[i] * v[i];
    l2 += (q[i] - v[i]) ** 2; l1 += Math.abs(q[i] - v[i]);
  }
  switch (distance) {
    case 'Cosine': return dot / Math.sqrt(nq * nv);
    case 'Dot': return dot;
    case 'Euclid': return Math.sqrt(l2);
    case 'Manhattan': return l1;
  }
}

beforeAll(async () => {
  env = await tempEngine();
  for (const distance of ['Cosine', 'Euclid', 'Dot', 'Manhattan'] as const) {
    await env.engine.createCollection(distance.toLowerCase(), { vectors: { size: DIM, distance } });
    const c = env.engine.collection(distance.toLowerCase());
    for (let start = 0; start < N; start += 2000) {
      const points = vectors.slice(start, start + 2000).map((v, i) => ({ id: start + i, vector: Array.from(v) }));
      c.upsert({ points }, true);
    }
  }
  await env.engine.waitIndexed();
}, 240_000);

afterAll(async () => env?.dispose());

describe.each(['Cosine', 'Euclid', 'Dot', 'Manhattan'] as const)('%s', (distance) => {
  const queries = vectors.slice(N);

  it(`HNSW recall@${K} at default ef is at least 0.95 against exact search`, async () => {
    const c = env.engine.collection(distance.toLowerCase());
    expect(c.info().indexed_vectors_count).toBe(N);
    let hits = 0;
    for (const q of queries) {
      const approx = await c.query({ query: Array.from(q), limit: K });
      const exact = new Set((await c.query({ query: Array.from(q), limit: K, params: { exact: true } })).map((p) => p.id));
      hits += approx.filter((p) => exact.has(p.id)).length;
    }
    const recall = hits / (queries.length * K);
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });

  it('exact search equals a brute-force reference', async () => {
    const c = env.engine.collection(distance.toLowerCase());
    const higher = distance === 'Cosine' || distance === 'Dot';
    for (const q of queries.slice(0, 20)) {
      const expected = vectors.slice(0, N)
        .map((v, id) => ({ id, score: reference(distance, q, v) }))
        .sort((a, b) => (higher ? b.score - a.score : a.score - b.score))
        .slice(0, K);
      const got = await c.query({ query: Array.from(q), limit: K, params: { exact: true } });
      expect(got.map((p) => p.id)).toEqual(expected.map((e) => e.id));
      got.forEach((p, i) => expect(p.score).toBeCloseTo(expected[i].score, 3));
    }
  });
});
