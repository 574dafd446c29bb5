// The query planner: a pure function from what is known about a query in a
// partition (how many points its filter matches, how many are live, k, ef)
// to a plan, compared against named thresholds from the configuration.
// Plans are data: `explain` returns them and tests assert them.
//
// Cost model (per partition). An exact scan costs ~ m row distances (m =
// matching rows) through the SIMD kernel. An HNSW search costs ~ ef * M
// distances plus, with a filter of selectivity s, the visits to non-matching
// nodes (~ ef / s), each a JS callback. So: scan when m is small (below
// `exact_max_rows`, calibrated on this machine by bench/core/calibrate.ts),
// search unfiltered when the filter matches every live point, and otherwise
// search the graph with the bitmap as filter. hnswlib's filtered search already
// explores ~ef / s nodes to fill its result list, so ef may be raised further
// with 1/s (`ef_boost_max`), but the calibration found no recall to gain from it.

export interface PlannerThresholds {
  /** Exact scan when the filter matches at most this many points. */
  exact_max_rows: number;
  /** ef is multiplied by min(1/selectivity, ef_boost_max) for filtered graph searches. */
  ef_boost_max: number;
  /** Upper bound of the ef used by a filtered graph search. */
  ef_max: number;
}

export type Plan =
  | { kind: 'empty'; reason: string }
  | { kind: 'exact'; rows: number; reason: string }
  | { kind: 'hnsw'; ef: number; reason: string }
  | { kind: 'hnsw-filtered'; ef: number; selectivity: number; reason: string };

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
  const ef = Math.min(t.ef_max, Math.ceil(Math.max(q.ef, q.k) * Math.min(1 / selectivity, t.ef_boost_max)));
  return {
    kind: 'hnsw-filtered',
    ef: Math.max(ef, q.k),
    selectivity,
    reason: `${q.matching} matching points > exact_max_rows ${t.exact_max_rows}; ef raised for selectivity ${selectivity.toFixed(4)}`,
  };
}
