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

export function searchPartition(seg: Segment, vector: Float32Array, q: PartitionQuery, thresholds: PlannerThresholds, flat: boolean): PartitionAnswer {
  const { k, ef, allow, exclude } = q;
  const live = seg.stats().live;
  const filtered = allow !== undefined;
  const plan: Plan = flat && q.matching > 0
    ? { kind: 'exact', rows: q.matching, reason: 'flat partition: scanned exactly' }
    : choosePlan({ matching: q.matching, live, k, ef, exact: q.exact, filtered }, thresholds);
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
