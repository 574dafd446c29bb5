import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPayloadTable } from '../filter/payload-table.js';
import { FILTERS, tinyDataset } from '../test/fixtures.js';
import { referenceKnn } from '../test/reference.js';
import type { Workload } from '../workloads/workload.js';
import { exactKnn } from './exact-knn.js';
import { cachedGroundTruth, computeGroundTruth, truthOf } from './ground-truth.js';

const ds = tinyDataset(300, 12);
const table = buildPayloadTable(ds.payloads);

function workload(k: number): Workload {
  const queries = FILTERS.flatMap((f, i) =>
    [0, 1].map((j) => ({ template: `f${i}`, vector: ds.vectors.slice((i * 7 + j) * ds.dim, (i * 7 + j + 1) * ds.dim).map((v) => v + 0.1), filter: f, matches: 0 })),
  );
  return { name: `test-k${k}`, dataset: ds.name, datasetSize: ds.n, k, pastCount: 0, templates: [], queries };
}

describe('ground truth', () => {
  let cache: string;
  beforeAll(() => {
    cache = mkdtempSync(join(tmpdir(), 'hqdb-bench-cache-'));
    process.env.HQDB_BENCH_CACHE = cache;
  });
  afterAll(() => {
    delete process.env.HQDB_BENCH_CACHE;
    rmSync(cache, { recursive: true, force: true });
  });

  it('equals the slow reference (filter on payload objects, sort every distance) for k = 1, 10, 50', () => {
    for (const k of [1, 10, 50]) {
      const w = workload(k);
      const gt = computeGroundTruth(ds, table, w);
      w.queries.forEach((q, i) => {
        const want = referenceKnn(ds, q.vector, k, q.filter);
        const got = [...truthOf(gt, i)].filter((id) => id >= 0);
        expect(got, `k=${k} ${JSON.stringify(q.filter)}`).toEqual(want);
      });
    }
  });

  it('pads with -1 when fewer than k points match, and is empty when none do', () => {
    const w = workload(10);
    const gt = computeGroundTruth(ds, table, w);
    const none = w.queries.findIndex((q) => JSON.stringify(q.filter) === JSON.stringify(FILTERS[FILTERS.length - 1]));
    expect([...truthOf(gt, none)]).toEqual(new Array(10).fill(-1));
  });

  it('is cached on disk and reused, and a changed query gets a new entry', () => {
    const w = workload(10);
    const first = cachedGroundTruth(ds, table, w);
    expect(first.cached).toBe(false);
    const second = cachedGroundTruth(ds, table, w);
    expect(second.cached).toBe(true);
    expect([...second.gt.ids]).toEqual([...first.gt.ids]);
    const changed = { ...w, queries: w.queries.map((q, i) => (i === 0 ? { ...q, vector: q.vector.map((v) => v * 2) } : q)) };
    expect(cachedGroundTruth(ds, table, changed).cached).toBe(false);
  });

  it('breaks distance ties by the lower row', () => {
    const vectors = new Float32Array([1, 0, 0, 1, -1, 0, 0, -1, 5, 5]);
    expect([...exactKnn(vectors, 2, new Float32Array([0, 0]), 3).ids]).toEqual([0, 1, 2]);
  });
});
