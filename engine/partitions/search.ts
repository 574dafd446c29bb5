// One query in one partition: choose the plan (engine/planner.ts) from the
// partition's matching count, run it, and fall back so that the partition
// never returns fewer than min(k, matching) points because of filtering.
// Runs in the worker that owns the partition; labels are partition-local.

import type { Bitmap } from '../../index/bitmap.js';
import type { Segment } from '../../index/segment.js';
import type { Neighbours } from '../../index/top-k.js';
import { choosePlan, type Fallback, type Plan, type PlannerThresholds } from '../planner.js';

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
  /**
   * Queries with the same group share their allowed rows (same filter, or none):
   * their exact scans run together through the blocked kernel.
   */
  group: number;
}

/**
 * A partition's group of queries from one batch, run back to back while its
 * graph and vectors are cache-hot. Exact plans that share their rows (same
 * filter, nothing excluded) go through the blocked queries x rows kernel;
 * everything else runs as a single query would, with the same fallbacks.
 */
export function searchPartitionGroup(seg: Segment, dim: number, queries: readonly GroupQuery[], thresholds: PlannerThresholds, flat: boolean): { answers: PartitionAnswer[]; blocks: number; blockedQueries: number } {
  const answers = new Array<PartitionAnswer>(queries.length);
  const blockable = new Map<number, number[]>();
  const plans = queries.map((q) => planOf(seg, q, thresholds, flat));
  for (let i = 0; i < queries.length; i++) {
    const q = queries[i];
    if (plans[i].kind === 'exact' && (q.exclude === undefined || q.exclude.size === 0)) {
      const list = blockable.get(q.group);
      if (list) list.push(i);
      else blockable.set(q.group, [i]);
    } else {
      answers[i] = searchPartition(seg, q.vector, q, thresholds, flat, plans[i]);
    }
  }
  let blocks = 0;
  let blockedQueries = 0;
  for (const members of blockable.values()) {
    if (members.length === 1) {
      const i = members[0];
      answers[i] = searchPartition(seg, queries[i].vector, queries[i], thresholds, flat, plans[i]);
      continue;
    }
    const block = new Float32Array(members.length * dim);
    let k = 0;
    members.forEach((i, j) => {
      block.set(queries[i].vector, j * dim);
      k = Math.max(k, queries[i].k);
    });
    const found = seg.searchExactBlock(block, members.length, k, queries[members[0]].allow);
    members.forEach((i, j) => {
      const n = Math.min(queries[i].k, found[j].labels.length);
      answers[i] = { labels: found[j].labels.slice(0, n), distances: found[j].distances.slice(0, n), plan: plans[i], answeredBy: 'exact', fallback: false };
    });
    blocks++;
    blockedQueries += members.length;
  }
  return { answers, blocks, blockedQueries };
}
