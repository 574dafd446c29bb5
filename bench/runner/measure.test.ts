// The sweep and comparison logic, on a fake system whose recall per parameter
// value is known exactly: it returns the true top-k for a chosen share of queries.

import { describe, expect, it } from 'vitest';
import { buildPayloadTable } from '../filter/payload-table.js';
import { compare } from '../report/compare.js';
import type { BenchSystem, SearchRequest } from '../systems/system.js';
import { UnsupportedQueryError } from '../systems/system.js';
import { tinyDataset } from '../test/fixtures.js';
import { computeGroundTruth, truthOf } from '../truth/ground-truth.js';
import type { Workload } from '../workloads/workload.js';
import { evenSubset, measureSystem } from './measure.js';

const ds = tinyDataset(300, 8);
const table = buildPayloadTable(ds.payloads);
const workload: Workload = {
  name: 'fake',
  dataset: ds.name,
  datasetSize: ds.n,
  k: 10,
  pastCount: 25,
  templates: ['a', 'b'],
  queries: Array.from({ length: 100 }, (_, i) => ({
    template: i % 2 === 0 ? 'a' : 'b',
    vector: ds.vectors.slice(i * ds.dim, (i + 1) * ds.dim),
    filter: i % 2 === 0 ? undefined : { must: [{ key: 'genre', match: { value: 'jazz' } }] },
    matches: 0,
  })),
};
const truth = computeGroundTruth(ds, table, workload);

/** Param p answers the first p tenths of queries (by position) exactly, the rest with nothing. */
class FakeSystem implements BenchSystem {
  readonly name = 'fake';
  readonly description = 'test double';
  readonly sweep = { name: 'p', values: [2, 4, 6, 8, 10] };
  searched: number[] = [];
  constructor(private readonly unsupportedTemplate?: string) {}
  build(): Promise<void> {
    return Promise.resolve();
  }
  search(req: SearchRequest, p: number): Promise<ArrayLike<number>> {
    const i = workload.queries.findIndex((q) => q.vector === req.vector);
    this.searched.push(p);
    if (workload.queries[i].template === this.unsupportedTemplate) return Promise.reject(new UnsupportedQueryError('no'));
    return Promise.resolve(i % 10 < p ? truthOf(truth, i) : []);
  }
  diskBytes(): Promise<number> {
    return Promise.resolve(0);
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

const quiet = { progress: () => {}, log: () => {} };

/** A batch path with its own recall: template a exact from p = 2 on, template b from p = 6 on. */
class BatchFake extends FakeSystem {
  searchBatch(reqs: readonly SearchRequest[], p: number): Promise<ArrayLike<number>[]> {
    return Promise.resolve(reqs.map((req) => {
      const i = workload.queries.findIndex((q) => q.vector === req.vector);
      return p >= (workload.queries[i].template === 'a' ? 2 : 6) ? truthOf(truth, i) : [];
    }));
  }
}

describe('measureSystem: batches', () => {
  it('sweeps the batch path on its own: the cheapest setting whose batches reach the target on every template', async () => {
    const { final } = await measureSystem(new BatchFake(), workload, truth, { target: 0.95, sweepQueries: 100, batchSize: 8, ...quiet });
    // Single queries need p = 10; batches reach the target at 6, where template b first does (a alone would at 2).
    expect(final.param).toBe(10);
    expect(final.batch).toMatchObject({ param: 6, reachedTarget: true, recall: 1, worstTemplate: 1 });
  });

  it('reports the best worst-template recall when no batch setting reaches the target', async () => {
    const { final } = await measureSystem(new BatchFake(), workload, truth, { target: 1.01, sweepQueries: 100, batchSize: 8, ...quiet });
    expect(final.batch).toMatchObject({ reachedTarget: false, worstTemplate: 1 });
  });
});

describe('measureSystem', () => {
  it('picks the cheapest value reaching the target and sweeps one step past it', async () => {
    const s = new FakeSystem();
    const { sweep, final } = await measureSystem(s, workload, truth, { target: 0.55, sweepQueries: 100, batchSize: 8, ...quiet });
    expect(sweep.map((p) => [p.param, p.recall])).toEqual([
      [2, 0.2],
      [4, 0.4],
      [6, 0.6],
      [8, 0.8],
    ]);
    expect(final.param).toBe(6);
    expect(final.reachedTarget).toBe(true);
    expect(final.recall).toBeCloseTo(0.6);
    expect(final.perTemplate.map((t) => t.queries)).toEqual([50, 50]);
    expect(final.latenciesMs).toHaveLength(100);
  });

  it('falls back to the best recall when no value reaches the target', async () => {
    const { final } = await measureSystem(new FakeSystem(), workload, truth, { target: 1.01, sweepQueries: 100, batchSize: 8, ...quiet });
    expect(final.param).toBe(10);
    expect(final.reachedTarget).toBe(false);
    expect(final.recall).toBe(1);
  });

  it('sweeps on an even subset, then measures the whole workload at the chosen value', async () => {
    const s = new FakeSystem();
    const { sweep, final } = await measureSystem(s, workload, truth, { target: 0.55, sweepQueries: 20, batchSize: 8, ...quiet });
    expect(sweep[0].queries).toBe(20);
    expect(final.queries).toBe(100);
    expect(evenSubset(100, 20)).toEqual(Array.from({ length: 20 }, (_, i) => i * 5));
  });

  it('counts unsupported queries per template and leaves them out of recall and the ratio', async () => {
    const base = await measureSystem(new FakeSystem(), workload, truth, { target: 0.95, sweepQueries: 100, batchSize: 8, ...quiet });
    const partial = await measureSystem(new FakeSystem('b'), workload, truth, { target: 0.95, sweepQueries: 100, batchSize: 8, ...quiet });
    expect(partial.final.unsupported).toBe(50);
    expect(partial.final.perTemplate.find((t) => t.template === 'b')!.unsupported).toBe(50);
    expect(partial.final.recall).toBe(1);
    const c = compare(partial.final, base.final, workload)!;
    expect(c.queries).toBe(50);
    expect(Number.isNaN(c.perTemplate.b)).toBe(true);
    expect(c.perTemplate.a).toBeGreaterThan(0);
  });
});
