// The cost model of a query in a partition, in microseconds of one core on
// the reference machine (bench/core/calibrate.ts measured the constants at
// 100k x 128-d). The layout builder minimises the workload's total under it,
// and routing uses it to choose between the partitions and the whole-
// collection index; both only compare costs, so the constants matter by
// their ratios:
//
//   query               = (needs the filter's bitmap ? FILTER : 0) + sum of visits
//                         the bitmap is needed unless every partition visited is implied
//                         (or the query has no filter)
//   visit(p)            = OVERHEAD                        message, planning, merge (see below)
//                       + (implied ? 0 : CONVERT * m)     the filter's matching labels made partition-
//                                                         local (one pass per query; not for the
//                                                         whole-collection index)
//                       + search
//   search, implied     = flat ? ROW * n : HNSW(n)        unfiltered: every point matches
//   search, filtered    = m <= exact_max_rows ? ROW * m   exact scan of the matching rows
//                       : min(ROW * m, HNSW(n) * clamp(SEL_PENALTY / s, 1, 10))
//                                                         probe or filtered graph search, which
//                                                         visits more nodes as selectivity s = m/n falls
//   HNSW(n)             = HNSW_PER_LEVEL * log2(n)        graph search at the default ef
//   ROW                 = ROW_128 * dim / 128             one distance through the SIMD kernel
//
// A partition the query contradicts costs nothing: routing never visits it.
//
// OVERHEAD was 10 µs, the planning and merge alone. With partitions in worker
// threads, a visit also costs its share of a message to a worker and back
// (70-300 µs a round trip on the 2-vCPU reference machine), and a second
// worker a message of its own. At 10, routing sent `type` and `genre-in`
// queries of hybrid-100k to 2-14 partitions, and they ran 0.82x as fast as
// through the whole-collection index; at 60 they take the whole-collection
// index and only queries that partitions answer unfiltered are routed there
// (`npx tsx bench/core/layout-explain.ts hybrid-100k --per-template 150`).

// In a batch (mode 'batch') the executor plans each partition's group of
// queries together (group-plan.ts), so a visit costs what the group plan
// charges one member: no message of its own (one per worker per chunk), and
// a blocked scan of the partition's rows shared with the group:
//
//   visit(p), batch     = VISIT + (implied ? 0 : CONVERT * m)              planning, masks, merge
//                       + implied ? n * scan_row                 every row, no mask
//                       : min(n * scan_row,                      masked in the every-row scan
//                             m * (scan_row + scan_pass / g),     its filter's rows, read once for
//                                                                 the g queries of the chunk with that filter
//                             graph ? HNSW(n) * penalty : inf)    its own graph search
//   scan_row, scan_pass = the planner's scan_row_ns, scan_pass_ns at dim/128
//   query filter        = FILTER_B (evaluated once per distinct filter of a chunk, into shared memory)
//   VISIT, FILTER_B     = the planner's batch_visit_us, batch_filter_us (COST.BATCH_OVERHEAD, BATCH_FILTER by default)
//
// VISIT is what a visit costs beyond its rows, measured on this machine
// (bench/core/batch-explain.ts, CPU time per query): hybrid-100k's genre queries
// visit 2.3 partitions of the default layout against 1 of the whole-collection
// index, and cost ~40 µs of CPU more per extra visit for the same rows; at 20
// the builder cut mnist into 5-7 partitions that every unfiltered query visits,
// and a batch ran at 0.6x a layout of one clustered partition (9,093 against
// 15,225 q/s), at 40 it kept a 1.1k-row partition too small to cluster (12.7k).
// FILTER_B is the measured ~17 µs of evaluating a filter into shared memory;
// it was FILTER (60, one query at a time) times the workers, which made cutting
// on a filter's atoms (so its partitions are implied) look worth 120 µs a query.
//
// An approximate query in a clustered flat partition (IVF, search.ts) ranks the
// partition's clusters and scores the P rows it may return in the ones it probes,
// P = its probe target there (search.ts planOf), gathered:
//
//   visit(p), probe     = overhead + (implied ? 0 : CONVERT * m) + n / ivf_cluster_rows * scan_row
//                       + online ? P * ROW
//                       : min(P * n / m * scan_row,               masked in its clusters' shared rows
//                             P * (scan_row + scan_pass))         gathered alone
//
// The layout builder uses the batch mode for layouts without graphs (built
// for batches), routing uses it for batches of two or more queries. The
// builder charges an approximate query in a flat partition its worker will
// cluster the probe of its IVF target at the collection's default ef
// (qd-tree.ts BuildInput.probe), and counts g from each filter's share of the
// workload; routing takes g = 1.

/** Queries per chunk of a batch (engine/collection.ts, one message per worker carries them all): a partition's group is drawn from them. */
export const BATCH_CHUNK = 512;

export interface CostParams {
  dim: number;
  exactMaxRows: number;
  /** 'online' (one query at a time, the default) or 'batch' (see above). */
  mode?: 'online' | 'batch';
  /** Batch mode: the group plan's constants (planner thresholds). */
  scanRowNs?: number;
  scanPassNs?: number;
  /** Batch mode: partition workers. The whole-collection index is one partition on one of them. */
  workers?: number;
  /** Rows per cluster of clustered flat partitions (planner ivf_cluster_rows). */
  clusterRows?: number;
  /** Batch mode: a visit's fixed cost and a filter's evaluation, µs (planner batch_visit_us, batch_filter_us; COST's by default). */
  batchVisitUs?: number;
  batchFilterUs?: number;
}

export const COST = {
  FILTER: 60,
  OVERHEAD: 60,
  CONVERT: 0.01,
  BATCH_OVERHEAD: 50,
  BATCH_FILTER: 20,
  ROW_128: 0.06,
  HNSW_PER_LEVEL: 12,
  SEL_PENALTY: 0.25,
} as const;

export class CostModel {
  private readonly row: number;
  private readonly scanRow: number;
  private readonly scanPass: number;
  constructor(private readonly p: CostParams) {
    this.row = (COST.ROW_128 * p.dim) / 128;
    this.scanRow = ((p.scanRowNs ?? 5) / 1000) * (p.dim / 128);
    this.scanPass = ((p.scanPassNs ?? 40) / 1000) * (p.dim / 128);
  }

  get mode(): 'online' | 'batch' {
    return this.p.mode ?? 'online';
  }

  /** Evaluating a filter's bitmap (BATCH_FILTER in a batch: evaluated into shared memory, measured). */
  get filter(): number {
    return this.p.mode === 'batch' ? (this.p.batchFilterUs ?? COST.BATCH_FILTER) : COST.FILTER;
  }

  /** The same model for the other mode. */
  as(mode: 'online' | 'batch'): CostModel {
    return mode === this.mode ? this : new CostModel({ ...this.p, mode });
  }

  /**
   * The whole-collection index: the filter's bitmap (when filtered), then one visit without
   * conversion. In a batch its visits all run on one worker while a layout's partitions spread
   * over every worker, so its search costs as much more as there are workers idling meanwhile.
   */
  global(n: number, m: number, filtered: boolean): number {
    const search = this.visit(n, m, !filtered, false, false);
    return (filtered ? this.filter : 0) + (this.p.mode === 'batch' ? search * Math.max(1, this.p.workers ?? 1) : search);
  }

  hnsw(n: number): number {
    return COST.HNSW_PER_LEVEL * Math.log2(Math.max(2, n));
  }

  /**
   * One visit of a partition of `n` points where `m` match; `flat` partitions are scanned.
   * `probe`: an approximate query in a clustered flat partition scores only the rows of
   * the clusters it probes (search.ts, scanProbes), about this many of its matching ones.
   */
  visit(n: number, m: number, implied: boolean, flat: boolean, convert = true, probe?: number, sharers = 1): number {
    if (flat && probe !== undefined && probe < m) return this.probeVisit(n, m, implied, probe, convert, sharers);
    if (this.p.mode === 'batch') return this.batchVisit(n, m, implied, flat, convert, sharers);
    if (n <= 0) return COST.OVERHEAD;
    if (implied) return COST.OVERHEAD + (flat ? this.row * n : Math.min(this.row * n, this.hnsw(n)));
    const local = convert ? COST.CONVERT * m : 0;
    if (m <= 0) return COST.OVERHEAD + local;
    const exact = this.row * m;
    if (flat || m <= this.p.exactMaxRows) return COST.OVERHEAD + local + exact;
    const s = m / n;
    const graph = this.hnsw(n) * Math.min(10, Math.max(1, COST.SEL_PENALTY / s));
    return COST.OVERHEAD + local + Math.min(exact, graph);
  }

  /**
   * An IVF probe: ranking the clusters, then its P rows in the ones it probes. Online they
   * are scanned as an exact scan scans rows; in a batch, as the group plan scans them:
   * masked inside the clusters' rows shared with the group (P * n / m rows at the
   * matrix product's share), or gathered alone where its filter leaves few of them.
   */
  private probeVisit(n: number, m: number, implied: boolean, probe: number, convert: boolean, sharers: number): number {
    const batch = this.p.mode === 'batch';
    const local = implied || !convert ? 0 : COST.CONVERT * m;
    const clusters = (n / Math.max(1, this.p.clusterRows ?? 384)) * this.scanRow;
    const rows = batch ? Math.min((probe * n) / Math.max(1, m) * this.scanRow, probe * (this.scanRow + this.scanPass / sharers)) : probe * this.row;
    return (batch ? this.batchOverhead : COST.OVERHEAD) + local + clusters + rows;
  }

  private get batchOverhead(): number {
    return this.p.batchVisitUs ?? COST.BATCH_OVERHEAD;
  }

  private batchVisit(n: number, m: number, implied: boolean, flat: boolean, convert: boolean, sharers: number): number {
    const overhead = this.batchOverhead;
    if (n <= 0) return overhead;
    const all = this.scanRow * n;
    if (implied) return overhead + (flat ? all : Math.min(all, this.hnsw(n)));
    const local = convert ? COST.CONVERT * m : 0;
    if (m <= 0) return overhead + local;
    const own = (this.scanRow + this.scanPass / sharers) * m;
    const graph = flat ? Infinity : this.hnsw(n) * Math.min(10, Math.max(1, COST.SEL_PENALTY / (m / n)));
    return overhead + local + Math.min(all, own, graph);
  }
}
