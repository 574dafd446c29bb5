// The single-query planner (engine/plan/planner.ts) on data, with the shipped
// thresholds (core/config.ts): which plan each kind of query gets, and the
// sizes (ef, probe, fallback) the plan carries. The engine-level checks that
// these plans are the ones that run are in test/integration/executor.test.ts.

import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../core/config.js';
import { choosePlan, type PlanInput, type PlannerThresholds } from '../../../engine/plan/planner.js';

const T = DEFAULT_CONFIG.planner;
const LIVE = 1_000_000;

const plan = (q: Partial<PlanInput>, t: PlannerThresholds = T) =>
  choosePlan({ matching: LIVE, live: LIVE, k: 10, ef: 100, exact: false, filtered: true, ...q }, t);

describe('choosePlan', () => {
  it('answers a filter that matches nothing with no search, exact or not', () => {
    expect(plan({ matching: 0 }).kind).toBe('empty');
    expect(plan({ matching: 0, exact: true }).kind).toBe('empty');
  });

  it('scans every matching row when exact search is requested, whatever the selectivity', () => {
    for (const matching of [1, 5_000, LIVE]) {
      expect(plan({ matching, exact: true })).toMatchObject({ kind: 'exact', rows: matching });
    }
    expect(plan({ filtered: false, exact: true })).toMatchObject({ kind: 'exact', rows: LIVE });
  });

  it('searches the graph unfiltered without a filter or when the filter matches every point, with ef at least k', () => {
    expect(plan({ filtered: false })).toMatchObject({ kind: 'hnsw', ef: 100 });
    expect(plan({ matching: LIVE })).toMatchObject({ kind: 'hnsw', ef: 100 });
    expect(plan({ filtered: false, k: 250 })).toMatchObject({ kind: 'hnsw', ef: 250 });
  });

  it('scans the matching rows up to exact_max_rows, and not one row more', () => {
    expect(plan({ matching: T.exact_max_rows })).toMatchObject({ kind: 'exact', rows: T.exact_max_rows });
    expect(plan({ matching: T.exact_max_rows + 1 }).kind).not.toBe('exact');
    // The threshold is the configured one, not a constant.
    expect(plan({ matching: 50 }, { ...T, exact_max_rows: 40 }).kind).toBe('probe');
  });

  it('probes the ~1.5k/s nearest points, falling back to an exact scan up to probe_exact_max_rows matching', () => {
    const p = plan({ matching: 20_000, live: 100_000 });
    // s = 0.2: 1.5 * 10 / 0.2 = 75 nearest, but never fewer than ef.
    expect(p).toMatchObject({ kind: 'probe', probe: 100, ef: 100, selectivity: 0.2, fallback: { kind: 'exact', rows: 20_000 } });
    const q = plan({ matching: 3_000, live: 100_000 });
    // s = 0.03: 500 nearest, bounded by probe_max.
    expect(q).toMatchObject({ kind: 'probe', probe: T.probe_max, ef: T.probe_max, fallback: { kind: 'exact', rows: 3_000 } });
    expect(plan({ matching: T.probe_exact_max_rows })).toMatchObject({ kind: 'probe', fallback: { kind: 'exact' } });
  });

  it('falls back to a filtered graph search past probe_exact_max_rows, and searches it directly when a probe would hit probe_max', () => {
    // s = 0.1: a probe of 150 nearest, a filtered graph search if it fails.
    expect(plan({ matching: 100_000 })).toMatchObject({ kind: 'probe', probe: 150, fallback: { kind: 'hnsw-filtered', ef: 100 } });
    // s = 0.035: the probe would be 429 > probe_max, and the fallback is not exact: no probe.
    expect(plan({ matching: 35_000 })).toMatchObject({ kind: 'hnsw-filtered', ef: 100, selectivity: 0.035 });
  });

  it('raises a filtered search\'s ef with 1/selectivity up to ef_boost_max and ef_max (off with the defaults)', () => {
    expect(T.ef_boost_max).toBe(1);
    const boosted = { ...T, ef_boost_max: 4, ef_max: 300 };
    // s = 0.035: ef 100 * min(1 / 0.035, 4) = 400, capped at ef_max.
    expect(plan({ matching: 35_000 }, boosted)).toMatchObject({ kind: 'hnsw-filtered', ef: 300 });
    // s = 0.1 (a probe whose fallback is a filtered search): 100 * min(10, 4) = 400 -> 300.
    expect(plan({ matching: 100_000 }, boosted)).toMatchObject({ kind: 'probe', fallback: { kind: 'hnsw-filtered', ef: 300 } });
    expect(plan({ matching: 100_000 }, { ...boosted, ef_max: 10_000 })).toMatchObject({ fallback: { kind: 'hnsw-filtered', ef: 400 } });
    // Never below k.
    expect(plan({ matching: 35_000, k: 500 }, { ...boosted, ef_max: 50 })).toMatchObject({ ef: 500 });
  });

  it('says why in every plan', () => {
    for (const q of [{ matching: 0 }, { exact: true }, { filtered: false }, { matching: 100 }, { matching: 20_000 }, { matching: 35_000 }]) {
      expect(plan(q).reason.length, JSON.stringify(q)).toBeGreaterThan(0);
    }
  });
});
