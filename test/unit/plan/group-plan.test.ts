// The group plan (engine/plan/group-plan.ts) on data: members carry the plans
// the single-query planner (engine/plan/planner.ts) chooses for them, and the
// costs are the configured defaults (core/config.ts), so these cases are the
// decisions a partition's worker makes with the shipped thresholds.
//
// With the defaults (scan_row_ns 5, scan_pass_ns 40, graph_level_us 12) at
// dim 32, a share of an every-row scan by two queries costs 6.25 ns a row and
// an unfiltered graph search 12 µs per level: the scan is the cheaper for
// partitions up to ~28k points, which is where the "upgraded" and "kept"
// cases below sit on either side of.

import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../core/config.js';
import { graphCost, planGroup, scanCost, type GroupMember, type GroupPlan } from '../../../engine/plan/group-plan.js';
import { choosePlan, type Plan } from '../../../engine/plan/planner.js';
import { rng } from '../../support/data.js';

const T = DEFAULT_CONFIG.planner;
const K = 10;
const EF = 100;

/** A member as the worker builds it: its filter id (-1 unfiltered), its matching count, and the planner's plan for it. */
function member(live: number, filter: number, matching: number, exact = false): GroupMember {
  const plan = choosePlan({ matching, live, k: K, ef: EF, exact, filtered: filter >= 0 }, T);
  return { plan, filter, matching };
}

/** The plan with scans keyed by their rows, so assertions do not depend on scan order. */
function byRows(g: GroupPlan): Map<number, number[]> {
  const m = new Map<number, number[]>();
  for (const s of g.scans) {
    expect(m.has(s.rows), `two scans of rows ${s.rows}`).toBe(false);
    m.set(s.rows, s.members);
  }
  return m;
}

describe('planGroup', () => {
  it('always scans a member whose own plan is exact, however costly the scan', () => {
    // Exact requested, in a partition of a million 128-d points: the scan costs ~190x its graph search.
    const huge = { live: 1_000_000, dim: 128 };
    const m = member(huge.live, -1, huge.live, true);
    expect(m.plan.kind).toBe('exact');
    expect(scanCost(huge.live, 1, huge.dim, T)).toBeGreaterThan(graphCost(choosePlan({ matching: huge.live, live: huge.live, k: K, ef: EF, exact: false, filtered: false }, T), huge.live, T));
    expect(planGroup([m], huge, T)).toEqual({ scans: [{ rows: -1, members: [0] }], alone: [] });

    // A rare filter: the planner's exact (matching <= exact_max_rows), in a group of one and of two.
    const rare = member(100_000, 4, T.exact_max_rows);
    expect(rare.plan.kind).toBe('exact');
    expect(planGroup([rare], { live: 100_000, dim: 32 }, T)).toEqual({ scans: [{ rows: 4, members: [0] }], alone: [] });
    // Beside a graph search too costly to upgrade: the exact member scans its rows, the other runs alone.
    const pair = [member(huge.live, -1, huge.live), member(huge.live, 4, T.exact_max_rows)];
    expect(pair.map((x) => x.plan.kind)).toEqual(['hnsw', 'exact']);
    expect(planGroup(pair, huge, T)).toEqual({ scans: [{ rows: 4, members: [1] }], alone: [0] });
  });

  it('leaves a lone query (a group of one) with its own graph plan, even where a scan would be cheaper', () => {
    const part = { live: 1_000, dim: 16 };
    for (const m of [member(part.live, -1, part.live), member(5_000, 2, 2_500)]) {
      expect(['hnsw', 'probe']).toContain(m.plan.kind);
      const live = m.filter < 0 ? part.live : 5_000;
      expect(scanCost(m.matching, 1, part.dim, T)).toBeLessThan(graphCost(m.plan, live, T));
      expect(planGroup([m], { live, dim: part.dim }, T)).toEqual({ scans: [], alone: [0] });
    }
  });

  it('upgrades graph plans to a shared scan in a group when the share is cheaper, and keeps them when the partition is large', () => {
    const dim = 32;
    for (const live of [1_000, 10_000]) {
      const g = [member(live, -1, live), member(live, -1, live), member(live, -1, live)];
      expect(g.map((m) => m.plan.kind)).toEqual(['hnsw', 'hnsw', 'hnsw']);
      expect(planGroup(g, { live, dim }, T), `live ${live}`).toEqual({ scans: [{ rows: -1, members: [0, 1, 2] }], alone: [] });
    }
    for (const live of [100_000, 1_000_000]) {
      const g = [member(live, -1, live), member(live, -1, live)];
      expect(planGroup(g, { live, dim }, T), `live ${live}`).toEqual({ scans: [], alone: [0, 1] });
    }
    // The decision is the cost comparison: the first size at which two queries keep their graphs.
    let crossover = 0;
    for (let live = 1_000; live <= 100_000; live += 1_000) {
      const alone = planGroup([member(live, -1, live), member(live, -1, live)], { live, dim }, T).alone.length === 2;
      expect(alone, `live ${live}`).toBe(scanCost(live, 2, dim, T) > graphCost(member(live, -1, live).plan, live, T));
      if (alone && crossover === 0) crossover = live;
      if (crossover > 0) expect(alone, `kept at ${crossover}, upgraded again at ${live}`).toBe(true);
    }
    expect(crossover).toBeGreaterThan(10_000);
    expect(crossover).toBeLessThan(100_000);

    // A filtered graph plan (probe) is compared with the share of its filter's rows, not every row.
    const probe = member(100_000, 7, 20_000);
    expect(probe.plan.kind).toBe('probe');
    const pair = [probe, member(100_000, 7, 20_000)];
    const share = scanCost(20_000, 2, dim, T);
    expect(share).toBeLessThan(graphCost(probe.plan, 100_000, T));
    expect(scanCost(100_000, 2, dim, T)).toBeGreaterThan(graphCost(probe.plan, 100_000, T));
    expect(planGroup(pair, { live: 100_000, dim }, T)).toEqual({ scans: [{ rows: 7, members: [0, 1] }], alone: [] });
  });

  it('groups filtered members by filter: one scan of each distinct filter\'s rows', () => {
    const live = 50_000;
    const g = [member(live, 1, 300), member(live, 2, 800), member(live, 1, 300), member(live, 3, 1_500), member(live, 2, 800)];
    expect(g.every((m) => m.plan.kind === 'exact')).toBe(true);
    const plan = planGroup(g, { live, dim: 32 }, T);
    expect(plan.alone).toEqual([]);
    expect(byRows(plan)).toEqual(new Map([[1, [0, 2]], [2, [1, 4]], [3, [3]]]));
  });

  it('masks a broad filter inside the every-row scan, and scans a narrow one\'s rows on their own', () => {
    const live = 5_000;
    const dim = 16;
    // Unfiltered (upgraded from hnsw), broad (upgraded from probe: 60% match), narrow (exact: 100 match).
    const g = [member(live, -1, live), member(live, 5, 3_000), member(live, 6, 100), member(live, 5, 3_000)];
    expect(g.map((m) => m.plan.kind)).toEqual(['hnsw', 'probe', 'exact', 'probe']);
    const plan = planGroup(g, { live, dim }, T);
    expect(plan.alone).toEqual([]);
    // The every-row scan comes first, its members ordered by filter (unfiltered first).
    expect(plan.scans).toEqual([{ rows: -1, members: [0, 1, 3] }, { rows: 6, members: [2] }]);

    // Without an unfiltered member there is no every-row scan to join: the broad filter scans its own rows.
    const filteredOnly = [member(live, 5, 3_000, true), member(live, 5, 3_000, true)];
    expect(planGroup(filteredOnly, { live, dim }, T)).toEqual({ scans: [{ rows: 5, members: [0, 1] }], alone: [] });

    // The threshold: masked when m * (1 + pass/row / sharers) >= live, here m >= live / 9 for one sharer.
    const at = (m: number) => byRows(planGroup([member(live, -1, live, true), member(live, 8, m, true)], { live, dim }, T));
    const ratio = T.scan_pass_ns / T.scan_row_ns;
    const edge = Math.ceil(live / (1 + ratio));
    expect(at(edge).get(-1)).toEqual([0, 1]);
    expect(at(edge - 1).get(-1)).toEqual([0]);
    expect(at(edge - 1).get(8)).toEqual([1]);
  });

  it('neither scans nor runs a member no point matches (empty plan)', () => {
    const live = 2_000;
    const g = [member(live, 3, 0), member(live, -1, live, true), member(live, 4, 0, true), member(live, -1, live)];
    expect(g[0].plan.kind).toBe('empty');
    expect(g[2].plan.kind).toBe('empty');
    const plan = planGroup(g, { live, dim: 16 }, T);
    expect(plan).toEqual({ scans: [{ rows: -1, members: [1, 3] }], alone: [] });
    expect(planGroup([g[0]], { live, dim: 16 }, T)).toEqual({ scans: [], alone: [] });
    expect(planGroup([g[0], g[2]], { live, dim: 16 }, T)).toEqual({ scans: [], alone: [] });
  });

  it('places every non-empty member exactly once, and only in a scan of its own filter or the every-row one', () => {
    const rand = rng(77);
    for (let trial = 0; trial < 200; trial++) {
      const live = 500 + Math.floor(rand() * 200_000);
      const dim = [16, 32, 128][trial % 3];
      const size = 1 + Math.floor(rand() * 12);
      const g = Array.from({ length: size }, () => {
        const filter = rand() < 0.3 ? -1 : Math.floor(rand() * 4);
        const matching = filter < 0 ? live : Math.floor(rand() ** 3 * live);
        return member(live, filter, matching, rand() < 0.2);
      });
      const plan = planGroup(g, { live, dim }, T);
      const seen = new Map<number, number>();
      for (const i of plan.alone) seen.set(i, (seen.get(i) ?? 0) + 1);
      for (const s of plan.scans) {
        expect(s.members.length).toBeGreaterThan(0);
        for (const i of s.members) {
          seen.set(i, (seen.get(i) ?? 0) + 1);
          if (s.rows >= 0) expect(g[i].filter, JSON.stringify(g[i])).toBe(s.rows);
          if (g[i].plan.kind === 'exact') expect(plan.alone).not.toContain(i);
        }
      }
      g.forEach((m, i) => expect(seen.get(i) ?? 0, `trial ${trial} member ${i} ${m.plan.kind}`).toBe(m.plan.kind === 'empty' ? 0 : 1));
      if (size === 1) expect(plan.alone.length + plan.scans.length).toBe(g[0].plan.kind === 'empty' ? 0 : 1);
      if (size === 1 && g[0].plan.kind !== 'exact' && g[0].plan.kind !== 'empty') expect(plan.alone).toEqual([0]);
    }
  });
});

describe('scanCost and graphCost', () => {
  const plan = (matching: number, live: number, filtered: boolean): Plan => choosePlan({ matching, live, k: K, ef: EF, exact: false, filtered }, T);

  it('scanCost grows with rows and dimension, and a query\'s share falls as more queries share the scan', () => {
    for (const dim of [16, 32, 128]) {
      let prev = -1;
      for (const rows of [0, 1, 100, 1_000, 50_000]) {
        const c = scanCost(rows, 2, dim, T);
        expect(c).toBeGreaterThan(prev);
        prev = c;
      }
    }
    expect(scanCost(1_000, 1, 16, T)).toBeLessThan(scanCost(1_000, 1, 32, T));
    let prev = Infinity;
    for (const sharers of [1, 2, 4, 16, 256]) {
      const c = scanCost(10_000, sharers, 32, T);
      expect(c).toBeLessThan(prev);
      // Never below the query's own share of the matrix product.
      expect(c).toBeGreaterThan(10_000 * (32 / 128) * T.scan_row_ns);
      prev = c;
    }
    // Zero sharers is treated as one, not a division by zero.
    expect(scanCost(1_000, 0, 32, T)).toBe(scanCost(1_000, 1, 32, T));
  });

  it('graphCost grows with the partition, falls as a filtered plan\'s selectivity rises, and is zero for exact and empty plans', () => {
    let prev = -1;
    for (const live of [2, 1_000, 10_000, 1_000_000]) {
      const c = graphCost(plan(live, live, false), live, T);
      expect(c).toBeGreaterThan(prev);
      prev = c;
    }
    const live = 1_000_000;
    const unfiltered = graphCost(plan(live, live, false), live, T);
    prev = Infinity;
    for (const matching of [35_000, 50_000, 100_000, 250_000, 500_000]) {
      const p = plan(matching, live, true);
      expect(['probe', 'hnsw-filtered']).toContain(p.kind);
      const c = graphCost(p, live, T);
      expect(c).toBeLessThanOrEqual(prev);
      // The penalty is clamped to [1, 10] times the unfiltered search.
      expect(c).toBeGreaterThanOrEqual(unfiltered);
      expect(c).toBeLessThanOrEqual(10 * unfiltered);
      prev = c;
    }
    expect(graphCost(plan(35_000, live, true), live, T)).toBeGreaterThan(graphCost(plan(500_000, live, true), live, T));
    expect(graphCost(plan(100, live, true), live, T)).toBe(0);
    expect(graphCost(plan(0, live, true), live, T)).toBe(0);
  });
});
