// One query in one partition: choose the plan (engine/plan/planner.ts) from the
// partition's matching count, run it, and fall back so that the partition
// never returns fewer than min(k, matching) points because of filtering.
// Runs in the worker that owns the partition; labels are partition-local.

import type { Bitmap } from '../../index/bitmap.js';
import type { Segment } from '../../index/segment.js';
import type { Neighbours } from '../../index/top-k.js';
import { KERNEL, type GroupResult } from '../../index/kernel.js';
import type { PartitionClusters } from './clusters.js';
import { planGroup } from '../plan/group-plan.js';
import { choosePlan, ivfTarget, type Fallback, type Plan, type PlannerThresholds } from '../plan/planner.js';

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

/**
 * The plan of one query in one partition. In a clustered flat partition an
 * approximate query probes its nearest clusters until they hold its target of
 * the rows it may return: max(ef, k) * ivf_rows_per_ef, at least ivf_min_rows
 * and k plus its exclusions; when that is every matching row, it scans them
 * exactly. The target is the same in every partition a query visits: its
 * nearest neighbours may all lie in any one of them (a share in proportion to
 * each partition's matching rows lost recall where a query visited many).
 */
function planOf(seg: Segment, q: PartitionQuery, thresholds: PlannerThresholds, flat: boolean, clusters?: PartitionClusters): Plan {
  if (!flat || q.matching === 0) return choosePlan({ matching: q.matching, live: seg.stats().live, k: q.k, ef: q.ef, exact: q.exact, filtered: q.allow !== undefined }, thresholds);
  if (clusters && !q.exact) {
    const target = ivfTarget(thresholds, q.k, q.ef, q.exclude?.size ?? 0);
    const count = clusters.centroids.length / seg.options.dim;
    if (target < q.matching) return { kind: 'ivf', rows: target, clusters: count, reason: `probe the nearest of ${count} clusters until they hold ${target} of the ${q.matching} matching rows` };
  }
  return { kind: 'exact', rows: q.matching, reason: 'flat partition: scanned exactly' };
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
export function searchPartitionGroup(seg: Segment, dim: number, queries: readonly GroupQuery[], thresholds: PlannerThresholds, flat: boolean, clusters?: PartitionClusters): GroupRun {
  const plans = queries.map((q) => planOf(seg, q, thresholds, flat, clusters));
  const answers = plans.map((plan): PartitionAnswer => ({ labels: [], distances: [], plan, answeredBy: plan.kind, fallback: false }));
  const live = seg.stats().live;
  const probing = plans.flatMap((p, i) => (p.kind === 'ivf' ? [i] : []));
  if (probing.length > 0) probeClusters(seg, dim, queries, probing, plans, answers, clusters!);
  // The group plan covers the others: it never sees an IVF member (an empty plan is left alone).
  const members = queries.map((q, i) => ({ plan: plans[i].kind === 'ivf' ? ({ kind: 'empty', reason: '' } as const) : plans[i], filter: q.allow ? q.group : -1, matching: q.matching }));
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
      rows = queries[list[0]].allow!.andArray(seg.liveSet);
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
    const masks = packMasks(withMask, maskWords);
    const block = new Float32Array(list.length * dim);
    let k = 0;
    list.forEach((i, j) => {
      block.set(queries[i].vector, j * dim);
      k = Math.max(k, queries[i].k + (queries[i].exclude?.size ?? 0));
    });
    const found = KERNEL.scanGroup(seg.vectors.buffer, dim, block, list.length, rows, rows.length, masks, maskOf, maskWords, seg.options.metric.kernelId, k);
    list.forEach((i, j) => {
      const q = queries[i];
      const { labels, distances } = memberAnswer(found, j, k, q);
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

/**
 * The IVF members of a partition's group in one call of the kernel (scanProbes):
 * each probes its nearest clusters, and the members probing a cluster are scored
 * against its rows together, each masked by its filter (one mask per distinct
 * filter; members without one are masked by the live rows when rows were deleted).
 * A member left with fewer than min(k, matching) points scans exactly instead.
 */
function probeClusters(seg: Segment, dim: number, queries: readonly GroupQuery[], list: number[], plans: Plan[], answers: PartitionAnswer[], clusters: PartitionClusters): void {
  const count = clusters.centroids.length / dim;
  const offsets = new Int32Array(count + 2);
  offsets.set(clusters.offsets);
  offsets[count + 1] = Math.max(offsets[count], seg.labelSpan);
  const maskWords = Math.max(1, Math.ceil(seg.labelSpan / 32));
  const deleted = seg.stats().live < seg.labelSpan;
  const maskAt = new Map<Bitmap, number>();
  const withMask: Bitmap[] = [];
  const maskOf = new Int32Array(list.length).fill(-1);
  const targets = new Int32Array(list.length);
  const block = new Float32Array(list.length * dim);
  let k = 0;
  list.forEach((i, j) => {
    const q = queries[i];
    const mask = q.allow ?? (deleted ? seg.liveSet : undefined);
    if (mask) {
      let at = maskAt.get(mask);
      if (at === undefined) maskAt.set(mask, (at = withMask.push(mask) - 1));
      maskOf[j] = at * maskWords;
    }
    targets[j] = (plans[i] as Extract<Plan, { kind: 'ivf' }>).rows;
    block.set(q.vector, j * dim);
    k = Math.max(k, q.k + (q.exclude?.size ?? 0));
  });
  const masks = packMasks(withMask, maskWords);
  const found = KERNEL.scanProbes(seg.vectors.buffer, dim, block, list.length, clusters.centroids, offsets, targets, masks, maskOf, maskWords, seg.options.metric.kernelId, k);
  list.forEach((i, j) => {
    const q = queries[i];
    const { labels, distances } = memberAnswer(found, j, k, q);
    const own = plans[i] as Extract<Plan, { kind: 'ivf' }>;
    const plan: Plan = { ...own, reason: `${own.reason}: probed ${found.probed[j]} clusters holding ${found.covered[j]} of them` };
    const excluded = q.exclude ? [...q.exclude].filter((l) => seg.isLive(l) && (!q.allow || q.allow.has(l))).length : 0;
    if (labels.length < Math.min(q.k, q.matching - excluded)) {
      const exact = seg.search(q.vector, { k: q.k, ef: q.ef, exact: true, allow: q.allow, exclude: q.exclude });
      answers[i] = { labels: exact.labels, distances: exact.distances, plan, answeredBy: 'exact', fallback: true };
    } else {
      answers[i] = { labels, distances, plan, answeredBy: 'ivf', fallback: false };
    }
  });
}

/** The distinct filters' bitmaps, each cut or padded to `maskWords` words, one after another (the kernel's masks). */
function packMasks(withMask: readonly Bitmap[], maskWords: number): Uint32Array {
  const masks = new Uint32Array(Math.max(1, withMask.length * maskWords));
  withMask.forEach((b, at) => masks.set(b.words.length > maskWords ? b.words.subarray(0, maskWords) : b.words, at * maskWords));
  return masks;
}

/** Member j's k nearest from a kernel's flat result (k per member), without its exclusions. */
function memberAnswer(found: GroupResult, j: number, k: number, q: PartitionQuery): Neighbours {
  const labels: number[] = [];
  const distances: number[] = [];
  const end = j * k + found.counts[j];
  for (let x = j * k; x < end && labels.length < q.k; x++) {
    if (q.exclude?.has(found.labels[x])) continue;
    labels.push(found.labels[x]);
    distances.push(found.distances[x]);
  }
  return { labels, distances };
}
