// Planner calibration (issue 4): for filters of growing selectivity, the time
// of an exact scan of the matching rows (SIMD kernel) against a filtered HNSW
// search (bitmap callback, ef raised as the planner raises it), with the
// filtered search's recall. The crossover row count is what
// `planner.exact_max_rows` should be on this machine.
//
//   npx tsx bench/core/calibrate.ts [--n 100000] [--dim 128] [--queries 200]

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../core/config.js';
import { PROJECT_ROOT } from '../../core/paths.js';
import { parseFilter } from '../../engine/filter/ast.js';
import { clusteredVectors, rng } from '../../test/support/data.js';
import { tempEngine } from '../../test/support/engine.js';
import { metricFor } from '../../index/distance.js';
import { Segment } from '../../index/segment.js';

const { values } = parseArgs({ options: { n: { type: 'string', default: '100000' }, dim: { type: 'string', default: '128' }, queries: { type: 'string', default: '200' } } });
const N = Number(values.n), DIM = Number(values.dim), Q = Number(values.queries);
const K = 10;

const env = await tempEngine();
const { engine } = env;
await engine.createCollection('cal', { vectors: { size: DIM, distance: 'Euclid' } });
const c = engine.collection('cal');
const vectors = clusteredVectors(N + Q, DIM, 100, 7, 0.35);
const rand = rng(3);
const t0 = performance.now();
for (let s = 0; s < N; s += 2000) {
  c.upsert({ points: vectors.slice(s, s + 2000).map((v, i) => ({ id: s + i, vector: Array.from(v), payload: { bucket: Math.floor(rand() * 100_000) } })) }, true);
}
c.createFieldIndex('bucket', 'integer', true);
await engine.waitIndexed();
// The same vectors in a segment of this thread (labels are insertion order), timed without the worker hop.
const seg = new Segment({ metric: metricFor('Euclid'), dim: DIM, m: 16, efConstruction: 100, rerankMin: 0 });
for (let i = 0; i < N; i++) seg.upsert(i, vectors[i], 1);
while (seg.indexStep(1000) > 0);
console.log(`built ${N} x ${DIM} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const { ef_boost_max, ef_max } = loadConfig({}).planner;
const queries = vectors.slice(N);
const rows: Record<string, number>[] = [];
for (const matching of [500, 2000, 5000, 10_000, 20_000, 50_000]) {
  const filter = parseFilter({ must: [{ key: 'bucket', range: { lt: Math.round((matching / N) * 100_000) } }] })!;
  const allow = c.filterBitmap(filter);
  const m = allow.count();
  const selectivity = m / N;
  let exactMs = 0;
  const truths: Set<number>[] = [];
  for (const q of queries) {
    const t = performance.now();
    truths.push(new Set(seg.search(q, { k: K, ef: K, exact: true, allow }).labels));
    exactMs += performance.now() - t;
  }
  const row: Record<string, number> = { matching: m, selectivity_pct: +(selectivity * 100).toFixed(2), exact_ms: +(exactMs / Q).toFixed(3) };
  // Filtered graph search at the requested ef and at the planner's boosted ef.
  for (const base of [20, 100]) {
    for (const boosted of [false, true]) {
      const ef = boosted ? Math.min(ef_max, Math.ceil(base * Math.min(1 / selectivity, ef_boost_max))) : base;
      let ms = 0, hits = 0;
      queries.forEach((q, i) => {
        const t = performance.now();
        const got = seg.search(q, { k: K, ef, exact: false, allow });
        ms += performance.now() - t;
        hits += got.labels.filter((l) => truths[i].has(l)).length;
      });
      const tag = `ef${base}${boosted ? 'x' : ''}`;
      row[`${tag}_ms`] = +(ms / Q).toFixed(3);
      row[`${tag}_recall`] = +(hits / (Q * K)).toFixed(3);
    }
  }
  rows.push(row);
}
console.table(rows);
// The crossover: the smallest matching count at which a filtered graph search at the
// default ef (100, boosted) that keeps recall >= 0.95 is faster than the exact scan.
const crossover = rows.find((r) => r.ef100x_recall >= 0.95 && r.ef100x_ms < r.exact_ms)?.matching;
console.log(crossover ? `exact scan stops paying off around ${crossover} matching rows` : 'exact scan was faster at every size measured');
mkdirSync(join(PROJECT_ROOT, 'bench/results'), { recursive: true });
const file = join(PROJECT_ROOT, `bench/results/calibrate-${new Date().toISOString().slice(0, 10)}.json`);
writeFileSync(file, JSON.stringify({ n: N, dim: DIM, queries: Q, rows, crossover }, null, 2) + '\n');
console.log(`wrote ${file}`);
await env.dispose();
