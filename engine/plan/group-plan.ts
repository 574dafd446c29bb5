// The plan of a partition's group: the queries of one batch that visit the
// same partition (HQI's multi-query optimisation). A pure function of what the
// worker knows about each member (its own single-query plan, its filter, how
// many of the partition's points it matches) to which members share a blocked
// scan of which rows, and which run their own plan.
//
// Cost model, in nanoseconds of one core (constants named in the planner
// thresholds, measured by bench/core/calibrate.ts):
//   blocked scan of R rows shared by g queries, per query
//                     = R * dim/128 * (scan_row_ns + scan_pass_ns / g)
//     scan_row_ns: the query's share of the matrix product (compute bound: the
//     kernel's GFLOP/s); scan_pass_ns: reading and packing a row once for the
//     group (memory bound), shared by every query that scans it.
//   graph search     = graph_level_us * log2(live) * penalty   (as layout cost)
//     penalty = 1 unfiltered, clamp(0.25 / selectivity, 1, 10) filtered.
// A member whose own plan is exact always joins a scan (same answer, the rows
// shared). In a group of two or more, a member whose own plan is a graph
// search joins one when its share of the scan is cheaper than its graph
// search: exact answers for less. A group of one (a single query) keeps the
// single-query planner's choice, which was calibrated for it.
//
// Rows: unfiltered members (and members whose partition implies their
// filter) scan every live row; filtered members scan their filter's matching
// rows, one scan per distinct filter, unless the filter matches so much of
// the partition that masking it inside the every-row scan is cheaper.

import type { Plan, PlannerThresholds } from './planner.js';

export interface GroupMember {
  /** What the query would run alone in this partition. */
  plan: Plan;
  /** Its distinct filter in this partition, or -1 when every live point is allowed (no filter, or implied). */
  filter: number;
  /** Live points of the partition it may return. */
  matching: number;
}

export interface GroupPartition {
  live: number;
  dim: number;
}

export interface BlockedScan {
  /** -1: every live row, each member masked by its own filter (if it has one); else that filter's matching rows. */
  rows: number;
  members: number[];
}

export interface GroupPlan {
  scans: BlockedScan[];
  /** Members that run their own plan. */
  alone: number[];
}

export type GroupCosts = Pick<PlannerThresholds, 'scan_row_ns' | 'scan_pass_ns' | 'graph_level_us'>;

/** ns per query of a blocked scan over `rows` rows shared by `sharers` queries. */
export function scanCost(rows: number, sharers: number, dim: number, c: GroupCosts): number {
  return rows * (dim / 128) * (c.scan_row_ns + c.scan_pass_ns / Math.max(1, sharers));
}

/** ns of a query's own graph search in a partition of `live` points. */
export function graphCost(plan: Plan, live: number, c: GroupCosts): number {
  const base = c.graph_level_us * 1000 * Math.log2(Math.max(2, live));
  if (plan.kind === 'hnsw') return base;
  if (plan.kind === 'hnsw-filtered' || plan.kind === 'probe') return base * Math.min(10, Math.max(1, 0.25 / plan.selectivity));
  return 0;
}

export function planGroup(members: readonly GroupMember[], part: GroupPartition, c: GroupCosts): GroupPlan {
  const byFilter = new Map<number, number[]>();
  for (let i = 0; i < members.length; i++) {
    const list = byFilter.get(members[i].filter);
    if (list) list.push(i);
    else byFilter.set(members[i].filter, [i]);
  }
  const alone: number[] = [];
  const scanning = new Map<number, number[]>();
  for (const [filter, list] of byFilter) {
    const rows = filter < 0 ? part.live : members[list[0]].matching;
    const share = scanCost(rows, list.length, part.dim, c);
    const joined: number[] = [];
    for (const i of list) {
      const { plan } = members[i];
      if (plan.kind === 'empty') continue;
      if (plan.kind === 'exact' || (members.length > 1 && share <= graphCost(plan, part.live, c))) joined.push(i);
      else alone.push(i);
    }
    if (joined.length > 0) scanning.set(filter, joined);
  }
  const all = scanning.get(-1) ?? [];
  const scans: BlockedScan[] = [];
  const passRatio = c.scan_pass_ns / Math.max(1e-9, c.scan_row_ns);
  for (const [filter, list] of scanning) {
    if (filter < 0) continue;
    // Masked inside the every-row scan, each member computes every row; alone, the filter's rows are read once more.
    const m = members[list[0]].matching;
    if (all.length > 0 && m * (1 + passRatio / list.length) >= part.live) all.push(...list);
    else scans.push({ rows: filter, members: list });
  }
  if (all.length > 0) scans.unshift({ rows: -1, members: all.sort((a, b) => members[a].filter - members[b].filter) });
  return { scans, alone };
}
