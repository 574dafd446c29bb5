// One query in one partition: choose the plan (engine/plan/planner.ts) from the
// partition's matching count, run it, and fall back so that the partition
// never returns fewer than min(k, matching) points because of filtering.
// Runs in the worker that owns the partition; labels are partition-local.

import type { Bitmap } from '../../index/bitmap.js';
import type { Segment } from '../../index/segment.js';
import type { Neighbours } from '../../index/top-k.js';
import { KERNEL } from '../../index/kernel.js';
import { planGroup } from '../plan/group-plan.js';
import { choosePlan, type Fallback, type Plan, type PlannerThresholds } from '../plan/planner.js';

export interface PartitionQuery {
  k: number;
  ef: number;
  exact: boolean;
  /** Local labels the filter matches (live ones); undefined when every live point matches. */
  allow?: Bitmap;
  /** How many live points match. */
  matching: number;
  /** Local labels to leave out (the query point itself). */
  exclude?: Set<number>;
}

export interface PartitionAnswer extends Neighbours {
  plan: Plan;
  /** The step that produced the answer: the plan, a probe's fallback, or the exact safety net. */
  answeredBy: Plan['kind'] | Fallback['kind'];
  fallback: boolean;
}

/** The plan of one query in one partition. */
function planOf(seg: Segment, q: PartitionQuery, thresholds: PlannerThresholds, flat: boolean): Plan {
  return flat && q.matching > 0
    ? { kind: 'exact', rows: q.matching, reason: 'flat partition: scanned exactly' }
    : choosePlan({ matching: q.matching, live: seg.stats().live, k: q.k, ef: q.ef, exact: q.exact, filtered: q.allow !== undefined }, thresholds);
}

export function searchPartition(seg: Segment, vector: Float32Array, q: PartitionQuery, thresholds: PlannerThresholds, flat: boolean, chosen?: Plan): PartitionAnswer {
  const { k, ef, allow, exclude } = q;
  const plan = chosen ?? planOf(seg, q, thresholds, flat);
  let found: Neighbours = { labels: [], distances: [] };
  let answeredBy: PartitionAnswer['answeredBy'] = plan.kind;
  let fallback = false;
  const excludedMatching = exclude ? [...exclude].filter((l) => seg.isLive(l) && (!allow || allow.has(l))).length : 0;
  const expected = Math.min(k, q.matching - excludedMatching);
  if (plan.kind === 'exact') {
    found = seg.search(vector, { k, ef, exact: true, allow, exclude });
  } else if (plan.kind === 'hnsw' || plan.kind === 'hnsw-filtered') {
    found = seg.search(vector, { k, ef: plan.ef, exact: false, allow: plan.kind === 'hnsw' ? undefined : allow, exclude });
  } else if (plan.kind === 'probe') {
    // The nearest points, unfiltered; the matching ones among them are the answer when there are k.
    const probe = seg.search(vector, { k: plan.probe, ef: plan.ef, exact: false, exclude });
    const labels: number[] = [];
    const distances: number[] = [];
    for (let i = 0; i < probe.labels.length && labels.length < k; i++) {
      if (allow!.has(probe.labels[i])) {
        labels.push(probe.labels[i]);
        distances.push(probe.distances[i]);
      }
    }
    if (labels.length >= expected) {
      found = { labels, distances };
    } else {
      answeredBy = plan.fallback.kind;
      found = plan.fallback.kind === 'exact'
        ? seg.search(vector, { k, ef, exact: true, allow, exclude })
        : seg.search(vector, { k, ef: plan.fallback.ef, exact: false, allow, exclude });
    }
  }
  // Never fewer results than min(k, matching) because of filtering or deletions.
  if (found.labels.length < expected && answeredBy !== 'exact') {
    fallback = true;
    answeredBy = 'exact';
    found = seg.search(vector, { k, ef, exact: true, allow, exclude });
  }
  return { labels: found.labels, distances: found.distances, plan, answeredBy, fallback };
}

export interface GroupQuery extends PartitionQuery {
  vector: Float32Array;
  /** The query's distinct filter (queries with the same one share its rows and mask); -1 without a filter. */
  group: number;
}

export interface GroupRun {
  answers: PartitionAnswer[];
  /** Blocked scans run, and the queries they served. */
  blocks: number;
  blockedQueries: number;
}

/**
 * A partition's group of queries from one batch (HQI's multi-query
 * optimisation): the group plan (engine/plan/group-plan.ts) puts members into
 * blocked scans that score every member against shared rows in one call of
 * the kernel's matrix product, each member masked by its own filter; the
 * others run their own plan with its fallbacks, as they would alone.
 */
export function searchPartitionGroup(seg: Segment, dim: number, queries: readonly GroupQuery[], thresholds: PlannerThresholds, flat: boolean): GroupRun {
  const plans = queries.map((q) => planOf(seg, q, thresholds, flat));
  const answers = plans.map((plan): PartitionAnswer => ({ labels: [], distances: [], plan, answeredBy: plan.kind, fallback: false }));
  const live = seg.stats().live;
  const members = queries.map((q, i) => ({ plan: plans[i], filter: q.allow ? q.group : -1, matching: q.matching }));
  const { scans, alone } = planGroup(members, { live, dim }, thresholds);
  for (const i of alone) answers[i] = searchPartition(seg, queries[i].vector, queries[i], thresholds, flat, plans[i]);
  let blockedQueries = 0;
  let everyRow: Int32Array | undefined;
  for (const scan of scans) {
    const list = scan.members;
    let rows: Int32Array;
    if (scan.rows < 0) {
      rows = everyRow ??= seg.liveSet.toArray();
    } else {
      rows = queries[list[0]].allow!.clone().and(seg.liveSet).toArray();
    }
    // Members of the every-row scan with a filter are masked by it: one mask per distinct filter.
    const maskWords = Math.ceil(seg.labelSpan / 32);
    const maskOf = new Int32Array(list.length).fill(-1);
    const maskAt = new Map<number, number>();
    const withMask: Bitmap[] = [];
    if (scan.rows < 0) {
      list.forEach((i, j) => {
        const q = queries[i];
        if (!q.allow) return;
        let at = maskAt.get(q.group);
        if (at === undefined) {
          at = withMask.push(q.allow) - 1;
          maskAt.set(q.group, at);
        }
        maskOf[j] = at * maskWords;
      });
    }
    const masks = new Uint32Array(Math.max(1, withMask.length * maskWords));
    withMask.forEach((b, at) => masks.set(b.words.length > maskWords ? b.words.subarray(0, maskWords) : b.words, at * maskWords));
    const block = new Float32Array(list.length * dim);
    let k = 0;
    list.forEach((i, j) => {
      block.set(queries[i].vector, j * dim);
      k = Math.max(k, queries[i].k + (queries[i].exclude?.size ?? 0));
    });
    const found = KERNEL.scanGroup(seg.vectors.buffer, dim, block, list.length, rows, rows.length, masks, maskOf, maskWords, seg.options.metric.kernelId, k);
    list.forEach((i, j) => {
      const q = queries[i];
      const labels: number[] = [];
      const distances: number[] = [];
      const end = j * k + found.counts[j];
      for (let x = j * k; x < end && labels.length < q.k; x++) {
        if (q.exclude?.has(found.labels[x])) continue;
        labels.push(found.labels[x]);
        distances.push(found.distances[x]);
      }
      const own = plans[i];
      const plan: Plan = own.kind === 'exact' && list.length === 1
        ? own
        : { kind: 'exact', rows: scan.rows < 0 ? rows.length : q.matching, reason: `blocked scan of ${rows.length} rows shared by ${list.length} queries${own.kind === 'exact' ? '' : ` (instead of ${own.kind}: cheaper as a share of the scan)`}` };
      answers[i] = { labels, distances, plan, answeredBy: 'exact', fallback: false };
    });
    blockedQueries += list.length;
  }
  return { answers, blocks: scans.length, blockedQueries };
}
