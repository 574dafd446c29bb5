// The layout cost model (engine/plan/cost.ts), online and batch: the batch
// mode charges what a partition's group plan charges one member (no message
// of its own, a share of a blocked scan), so a batch visit costs less than an
// online one; flat partitions cost their rows; the whole-collection index
// pays for the filter's bitmap only when the query has a filter, and in a
// batch once per worker it keeps waiting.

import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../core/config.js';
import { COST, CostModel } from '../../../engine/plan/cost.js';

const T = DEFAULT_CONFIG.planner;
const DIM = 32;
const online = new CostModel({ dim: DIM, exactMaxRows: T.exact_max_rows, scanRowNs: T.scan_row_ns, scanPassNs: T.scan_pass_ns });
const batch = online.as('batch');

/** Visits over sizes, selectivities and kinds of partition. */
const CASES = [1_000, 10_000, 100_000, 1_000_000].flatMap((n) =>
  [1, 0.5, 0.1, 0.01, 0.001].flatMap((s) =>
    [false, true].flatMap((flat) => [false, true].map((implied) => ({ n, m: implied ? n : Math.max(1, Math.round(s * n)), flat, implied }))),
  ),
);

describe('CostModel: IVF probes of clustered flat partitions', () => {
  it('charges a probe its cluster ranking and its target rows, less than scanning every matching row, in both modes', () => {
    for (const mode of ['online', 'batch'] as const) {
      const m = new CostModel({ dim: 128, exactMaxRows: 2_000, scanRowNs: 5, scanPassNs: 40, clusterRows: 384, mode });
      const probe = m.visit(20_000, 10_000, false, true, true, 2_560);
      expect(probe, mode).toBeLessThan(m.visit(20_000, 10_000, false, true));
      // More rows to probe, more cost; a target past the matching rows is an exact scan.
      expect(m.visit(20_000, 10_000, false, true, true, 5_000), mode).toBeGreaterThan(probe);
      expect(m.visit(20_000, 1_000, false, true, true, 2_560), mode).toBe(m.visit(20_000, 1_000, false, true));
      // Graph partitions are never probed.
      expect(m.visit(20_000, 10_000, false, false, true, 2_560), mode).toBe(m.visit(20_000, 10_000, false, false));
    }
  });
});

describe('CostModel modes', () => {
  it('switches mode with as(), online by default, and keeps the same model for the same mode', () => {
    expect(online.mode).toBe('online');
    expect(batch.mode).toBe('batch');
    expect(online.as('online')).toBe(online);
    expect(batch.as('batch')).toBe(batch);
    expect(batch.as('online').visit(10_000, 500, false, false)).toBe(online.visit(10_000, 500, false, false));
  });

  it('costs every visit less in a batch than online', () => {
    for (const { n, m, flat, implied } of CASES) {
      const what = JSON.stringify({ n, m, flat, implied });
      expect(batch.visit(n, m, implied, flat), what).toBeLessThan(online.visit(n, m, implied, flat));
    }
    // An empty partition and a partition the filter misses: the overhead alone.
    expect(online.visit(0, 0, false, false)).toBe(COST.OVERHEAD);
    expect(batch.visit(0, 0, false, false)).toBe(COST.BATCH_OVERHEAD);
    expect(batch.visit(1_000, 0, false, true, false)).toBe(COST.BATCH_OVERHEAD);
  });

  it('costs an implied flat partition in proportion to its rows, in both modes', () => {
    for (const [model, overhead] of [[online, COST.OVERHEAD], [batch, COST.BATCH_OVERHEAD]] as const) {
      const one = model.visit(1_000, 1_000, true, true) - overhead;
      expect(one).toBeGreaterThan(0);
      for (const n of [2_000, 10_000, 1_000_000]) {
        expect(model.visit(n, n, true, true) - overhead, `${model.mode} n ${n}`).toBeCloseTo((one * n) / 1_000, 6);
      }
      // At twice the dimension, twice the row cost.
      const wide = new CostModel({ dim: 2 * DIM, exactMaxRows: T.exact_max_rows, mode: model.mode });
      expect(wide.visit(1_000, 1_000, true, true) - overhead).toBeCloseTo(2 * one, 6);
    }
    // A graph partition is never costed above its graph search: log2(n), not n.
    expect(online.visit(1_000_000, 1_000_000, true, false)).toBe(COST.OVERHEAD + online.hnsw(1_000_000));
    expect(batch.visit(1_000_000, 1_000_000, true, false)).toBe(COST.BATCH_OVERHEAD + batch.hnsw(1_000_000));
  });

  it('costs a filtered batch visit of a flat partition as the cheaper of its filter\'s rows and a masked share of every row, never a graph', () => {
    const n = 100_000;
    const row = (T.scan_row_ns / 1000) * (DIM / 128);
    const pass = (T.scan_pass_ns / 1000) * (DIM / 128);
    let prev = -1;
    for (const m of [10, 1_000, 5_000, 11_111, 20_000, 50_000, n]) {
      const c = batch.visit(n, m, false, true);
      expect(c, `m ${m}`).toBeCloseTo(COST.BATCH_OVERHEAD + COST.CONVERT * m + Math.min(row * n, (row + pass) * m), 9);
      expect(c).toBeGreaterThan(prev);
      prev = c;
    }
    // Past n / (1 + pass / row) matching rows, masking inside the every-row scan is the cheaper.
    const edge = n / (1 + T.scan_pass_ns / T.scan_row_ns);
    expect(batch.visit(n, 2 * edge, false, true) - COST.CONVERT * 2 * edge).toBeCloseTo(COST.BATCH_OVERHEAD + row * n, 9);
    // A graph partition adds its (penalised) graph search as a third option, which wins for broad filters on large partitions.
    const big = 1_000_000;
    const graph = batch.hnsw(big) * Math.min(10, Math.max(1, COST.SEL_PENALTY / 0.5));
    expect(batch.visit(big, big / 2, false, false, false)).toBeCloseTo(COST.BATCH_OVERHEAD + graph, 9);
    expect(batch.visit(big, big / 2, false, true, false)).toBeGreaterThan(batch.visit(big, big / 2, false, false, false));
  });

  it('shares a filter\'s gathered rows among the batch queries that have that filter: the pass over them is paid once per group', () => {
    const n = 100_000;
    const row = (T.scan_row_ns / 1000) * (DIM / 128);
    const pass = (T.scan_pass_ns / 1000) * (DIM / 128);
    let prev = Infinity;
    for (const g of [1, 2, 8, 64]) {
      const c = batch.visit(n, 2_000, false, true, true, undefined, g);
      expect(c, `sharers ${g}`).toBeCloseTo(COST.BATCH_OVERHEAD + COST.CONVERT * 2_000 + Math.min(row * n, (row + pass / g) * 2_000), 9);
      expect(c).toBeLessThan(prev);
      prev = c;
    }
    // Online, a query runs alone: sharers change nothing.
    expect(online.visit(n, 2_000, false, true, true, undefined, 64)).toBe(online.visit(n, 2_000, false, true));
  });

  it('charges the whole-collection index the filter\'s bitmap only for a filtered query, and no conversion, in a batch', () => {
    for (const n of [1_000, 100_000, 1_000_000]) {
      const unfiltered = batch.global(n, n, false);
      expect(unfiltered, `n ${n}`).toBeCloseTo(COST.BATCH_OVERHEAD + Math.min(batch.visit(n, n, true, true) - COST.BATCH_OVERHEAD, batch.hnsw(n)), 9);
      for (const s of [0.5, 0.1, 0.01, 0.001]) {
        const m = Math.round(s * n);
        const filtered = batch.global(n, m, true);
        expect(filtered, `n ${n} m ${m}`).toBe(COST.BATCH_FILTER + batch.visit(n, m, false, false, false));
        expect(filtered).toBeGreaterThanOrEqual(COST.BATCH_FILTER + COST.BATCH_OVERHEAD);
        expect(filtered).toBeLessThan(online.global(n, m, true));
      }
      expect(unfiltered).toBeLessThan(online.global(n, n, false));
    }
    // Selective filters on the whole collection cost the filter and a scan of their rows; a broad one costs more than no filter.
    expect(batch.global(100_000, 100, true)).toBeLessThan(batch.global(100_000, 100_000, false) + COST.BATCH_FILTER);
    expect(batch.global(100_000, 50_000, true)).toBeGreaterThan(batch.global(100_000, 100_000, false));
  });

  it('in a batch with several workers, charges the whole-collection index its search once per worker kept waiting, its filter once, and a partition visit no more', () => {
    const workers = 3;
    const spread = new CostModel({ dim: DIM, exactMaxRows: T.exact_max_rows, scanRowNs: T.scan_row_ns, scanPassNs: T.scan_pass_ns, workers }).as('batch');
    expect(spread.filter).toBe(COST.BATCH_FILTER);
    expect(batch.filter).toBe(COST.BATCH_FILTER);
    for (const n of [1_000, 100_000]) {
      expect(spread.global(n, n, false)).toBeCloseTo(workers * batch.global(n, n, false), 9);
      const m = n / 10;
      expect(spread.global(n, m, true)).toBeCloseTo(COST.BATCH_FILTER + workers * (batch.global(n, m, true) - COST.BATCH_FILTER), 9);
      expect(spread.visit(n, m, false, true)).toBe(batch.visit(n, m, false, true));
    }
    // Online, workers change nothing.
    const onlineSpread = spread.as('online');
    expect(onlineSpread.filter).toBe(COST.FILTER);
    expect(onlineSpread.global(100_000, 1_000, true)).toBe(online.global(100_000, 1_000, true));
  });
});
