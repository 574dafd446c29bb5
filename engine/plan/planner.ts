// The query planner: a pure function from what is known about a query in a
// partition (how many points its filter matches, how many are live, k, ef)
// to a plan, compared against named thresholds from the configuration.
// Plans are data: `explain` returns them and tests assert them.
//
// Cost model (per partition). An exact scan costs ~ m row distances (m =
// matching rows) through the SIMD kernel, ~30-90 ns a row here. An HNSW search
// costs ~ ef * M distances; with a filter of selectivity s, hnswlib also visits
// the non-matching nodes it meets, ~ ef / s_local of them, where s_local is
// the selectivity *near the query* — high when, as in real workloads, query
// vectors and predicates correlate, ~ s when they do not. So:
//  - few matching rows (<= exact_max_rows): scan them exactly;
//  - no filter, or one matching every point: search the graph unfiltered;
//  - otherwise probe: search the graph unfiltered for the P nearest points
//    (P ~ k / s, bounded by probe_max) and keep those that match. When at
//    least k match, those are the answer (the nearest matching points are
//    among the nearest points) at the cost of one unfiltered search; when
//    fewer match, s_local is low and the probe falls back to an exact scan
//    (m <= probe_exact_max_rows) or to a graph search with the bitmap filter.
// Thresholds were measured by bench/core/calibrate.ts.

export interface PlannerThresholds {
  /** Exact scan when the filter matches at most this many points. */
  exact_max_rows: number;
  /** After a failed probe, exact scan up to this many matching points (else filtered graph search). */
  probe_exact_max_rows: number;
  /** Largest number of nearest points a probe fetches. */
  probe_max: number;
  /** ef is multiplied by min(1/selectivity, ef_boost_max) for filtered graph searches (1 = off). */
  ef_boost_max: number;
  /** Upper bound of the ef used by a filtered graph search. */
  ef_max: number;
  /** Batches (group-plan.ts): ns per query per row of a blocked scan at 128-d (its share of the matrix product). */
  scan_row_ns: number;
  /** Batches: ns to read and pack one row for a blocked scan at 128-d, shared by the queries scanning it. */
  scan_pass_ns: number;
  /** Batches: µs per level (log2 of the partition's size) of a graph search at the default ef. */
  graph_level_us: number;
  /** Batches: µs a partition visit costs beyond its rows (planning, masks, messages, merge); the layout builder's price of a cut. */
  batch_visit_us: number;
  /** Batches: µs to evaluate a filter into shared memory. */
  batch_filter_us: number;
  /** Flat partitions of a layout are clustered (k-means) into clusters of about this many rows. */
  ivf_cluster_rows: number;
  /**
   * An approximate query probes a clustered partition's nearest clusters until they hold
   * max(ef, k) * ivf_rows_per_ef of the rows it may return (in every partition it visits),
   * and at least ivf_min_rows (ivfTarget).
   */
  ivf_rows_per_ef: number;
  ivf_min_rows: number;
}

/**
 * The rows an approximate query scores in a clustered flat partition (the IVF probe target):
 * max(ef, k) * ivf_rows_per_ef, at least ivf_min_rows and k plus the points it leaves out.
 */
export function ivfTarget(t: PlannerThresholds, k: number, ef: number, excluded = 0): number {
  return Math.max(t.ivf_min_rows, k + excluded, Math.ceil(Math.max(ef, k) * t.ivf_rows_per_ef));
}

/** Flat partitions of at least this many live rows are clustered by their workers (a few clusters' worth). */
export function ivfMinRows(t: PlannerThresholds): number {
  return 4 * t.ivf_cluster_rows;
}

export type Fallback = { kind: 'exact'; rows: number } | { kind: 'hnsw-filtered'; ef: number };

export type Plan =
  | { kind: 'empty'; reason: string }
  | { kind: 'exact'; rows: number; reason: string }
  | { kind: 'hnsw'; ef: number; reason: string }
  | { kind: 'hnsw-filtered'; ef: number; selectivity: number; reason: string }
  | { kind: 'probe'; probe: number; ef: number; selectivity: number; fallback: Fallback; reason: string }
  | { kind: 'ivf'; rows: number; clusters: number; reason: string };

export interface PlanInput {
  /** Points the filter matches (equal to `live` without a filter). */
  matching: number;
  live: number;
  k: number;
  ef: number;
  exact: boolean;
  filtered: boolean;
}

export function choosePlan(q: PlanInput, t: PlannerThresholds): Plan {
  if (q.matching === 0) return { kind: 'empty', reason: 'no point matches the filter' };
  if (q.exact) return { kind: 'exact', rows: q.matching, reason: 'exact search requested' };
  if (!q.filtered || q.matching >= q.live) {
    return { kind: 'hnsw', ef: Math.max(q.ef, q.k), reason: q.filtered ? 'the filter matches every point' : 'no filter' };
  }
  if (q.matching <= t.exact_max_rows) {
    return { kind: 'exact', rows: q.matching, reason: `${q.matching} matching points <= exact_max_rows ${t.exact_max_rows}` };
  }
  const selectivity = q.matching / q.live;
  const filteredEf = Math.max(q.k, Math.min(t.ef_max, Math.ceil(Math.max(q.ef, q.k) * Math.min(1 / selectivity, t.ef_boost_max))));
  const fallback: Fallback = q.matching <= t.probe_exact_max_rows ? { kind: 'exact', rows: q.matching } : { kind: 'hnsw-filtered', ef: filteredEf };
  const probe = Math.max(q.ef, q.k, Math.min(t.probe_max, Math.ceil((1.5 * q.k) / selectivity)));
  if (probe >= t.probe_max && fallback.kind === 'hnsw-filtered') {
    return {
      kind: 'hnsw-filtered',
      ef: filteredEf,
      selectivity,
      reason: `${q.matching} matching points > probe_exact_max_rows ${t.probe_exact_max_rows} and selectivity ${selectivity.toFixed(4)} too low to probe`,
    };
  }
  return {
    kind: 'probe',
    probe,
    ef: Math.max(q.ef, probe),
    selectivity,
    fallback,
    reason: `${q.matching} matching points > exact_max_rows ${t.exact_max_rows}: keep the matching ones among the ${probe} nearest, else ${fallback.kind}`,
  };
}
