// The in-memory index of one collection, as partitions owned by the worker
// threads (engine/partitions/): the whole-collection index (identity labels;
// kept as the fallback when a layout asks for it), the partitions of the
// current layout (the leaves of a qd-tree learnt from the workload), and,
// while a new layout builds, its partitions beside them.
//
// The main thread decides everything about placement: which partition a point
// belongs to (routing its payload through the cuts), its partition-local label
// (never reused within a partition), and which partitions a query visits. It
// replays rows from SQLite whenever a worker must rebuild its memory. Writes
// reach every live structure: the serving layout, the one being built (for
// rows it has already loaded), and the whole-collection index.

import { randomUUID } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fail, HqdbError } from '../core/errors.js';
import { parseJsonLossless, stringifyJson } from '../core/json.js';
import type { Logger } from '../core/logger.js';
import type { CollectionConfig, Payload } from '../core/types.js';
import type { Config } from '../core/config.js';
import { Bitmap, isShared } from '../index/bitmap.js';
import type { FieldIndex } from '../index/field-index.js';
import { TopK } from '../index/top-k.js';
import { vectorFromBytes } from '../index/vector-store.js';
import type { Storage } from '../storage/storage.js';
import { parseFilter, type Filter } from './filter/ast.js';
import { CostModel } from './plan/cost.js';
import { clusterCount, kmeans, nearestClusters, type Centroids } from './layout/kmeans.js';
import { normalizeFilter, type NormalizedFilter } from './layout/predicates.js';
import {
  buildTree, candidateAtoms, describeLeaves, leaves, routePoint, routeQuery, sampleFilters, treeFromJson, treeToJson, viewTree,
  type BuildInput, type TreeJson, type TreeNode, type WorkloadFilter,
} from './layout/qd-tree.js';
import type { BuildView, LayoutBuildRequest, LayoutView, PartitionView } from './layout/types.js';
import type { PartitionHost } from './partitions/host.js';
import type { BatchQuery, PartitionSpec, PartitionStats, PartitionTrace, Placement, SearchTarget } from './partitions/protocol.js';
import { parseStoredPayload } from './payload.js';
import { ivfMinRows, ivfTarget, type PlannerThresholds } from './plan/planner.js';
import type { QueryLog } from './query-log.js';

/** Rows read from SQLite per chunk when loading or replaying partitions. */
const CHUNK = 4096;
/** At cluster cuts, a filtered approximate query probes only its nearest clusters when its filter matches at least this share of the points. */
const PROBE_MIN_SELECTIVITY = 0.25;
/** Candidate cuts considered by a build (the workload's most used atoms). */
const MAX_CUTS = 160;
type BuildCut = BuildInput['cuts'][number];

/** Clusters a query probes at cluster cuts: a quarter of them, at least two. */
function probeCount(centroids: Centroids | null): number {
  return Math.max(2, Math.ceil((centroids ? clusterCount(centroids) : 0) / 4));
}

/** The leaf a point belongs to (its nearest centroid matters only at cluster cuts). */
function leafOf(tree: TreeNode, centroids: Centroids | null, payload: unknown, vector: Float32Array): number {
  return routePoint(tree, payload, centroids ? nearestClusters(centroids, vector, 1)[0] : -1);
}

export interface IndexContext {
  collectionId: number;
  name: string;
  config: CollectionConfig;
  dir: string;
  host: PartitionHost;
  storage: Storage;
  log: Logger;
  layout: Config['layout'];
  planner: PlannerThresholds;
  rerankMin: number;
  queryLog: QueryLog;
  fieldIndex(key: string): FieldIndex | undefined;
  filterBitmap(filter: Filter): Bitmap;
  /** Called for every stored point while the index opens. */
  onRow(label: number, pid: string, vseq: number): void;
  isDropped(): boolean;
  seq(): number;
}

interface PartitionRef {
  key: string;
  /** The layout (build id) and leaf, for the worker's label maps; null for the whole-collection index. */
  placement: Placement | null;
  /** Leaf number in its layout; -1 for the whole-collection index. */
  leaf: number;
  spec: PartitionSpec;
  description: string;
  /** Where its snapshot lives (flat partitions have none). */
  dir: string | null;
  size: number;
  nextLocal: number;
  hits: number;
}

/** The partitions of one layout and where every point is in them. */
class LeafSet {
  partOf = new Int32Array(1024).fill(-1);
  localOf = new Int32Array(1024).fill(-1);
  /** Rows with label >= cursor are not loaded yet (writes to them are left to the loader). */
  cursor = Infinity;
  constructor(
    readonly buildId: string,
    readonly tree: TreeNode,
    readonly parts: PartitionRef[],
    readonly globalIndex: boolean,
    readonly dir: string,
    readonly build: BuildView | null,
    /** k-means centroids when the tree has vector-cluster cuts. */
    readonly centroids: Centroids | null = null,
  ) {}

  /** Clusters a query probes at cluster cuts: a quarter of them, at least two. */
  get probe(): number {
    return probeCount(this.centroids);
  }

  nearest(vector: Float32Array, n: number): number[] {
    return this.centroids ? nearestClusters(this.centroids, vector, n) : [];
  }

  /** The leaf of a point. */
  leafOf(payload: unknown, vector: Float32Array): number {
    return leafOf(this.tree, this.centroids, payload, vector);
  }

  ensure(label: number): void {
    if (label < this.partOf.length) return;
    let n = this.partOf.length;
    while (n <= label) n *= 2;
    const p = new Int32Array(n).fill(-1);
    p.set(this.partOf);
    const l = new Int32Array(n).fill(-1);
    l.set(this.localOf);
    this.partOf = p;
    this.localOf = l;
  }

  /** Places a label in `leaf`; returns its local label and, when it moved, where it was. */
  place(label: number, leaf: number): { local: number; from?: { leaf: number; local: number } } {
    this.ensure(label);
    const old = this.partOf[label];
    if (old === leaf) return { local: this.localOf[label] };
    const from = old >= 0 ? { leaf: old, local: this.localOf[label] } : undefined;
    if (from) this.parts[old].size--;
    const ref = this.parts[leaf];
    const local = ref.nextLocal++;
    ref.size++;
    this.partOf[label] = leaf;
    this.localOf[label] = local;
    return { local, from };
  }

  unplace(label: number): { leaf: number; local: number } | undefined {
    if (label >= this.partOf.length || this.partOf[label] < 0) return undefined;
    const at = { leaf: this.partOf[label], local: this.localOf[label] };
    this.parts[at.leaf].size--;
    this.partOf[label] = -1;
    this.localOf[label] = -1;
    return at;
  }
}

interface LayoutFile {
  format: 1;
  build_id: string;
  tree: TreeJson;
  leaves: { leaf: number; flat: boolean; m: number; ef_construct: number }[];
  global_index: boolean;
  build: BuildView | null;
  /** k-means centroids of the tree's cluster cuts, one array per cluster. */
  centroids?: number[][];
}

/** Accumulates writes per partition and posts them in one message each. */
class Batches {
  private readonly ups = new Map<PartitionRef, { locals: number[]; globals: number[]; seqs: number[]; vectors: Float32Array[] }>();
  private readonly rms = new Map<PartitionRef, number[]>();

  upsert(ref: PartitionRef, local: number, global: number, seq: number, vector: Float32Array): void {
    let b = this.ups.get(ref);
    if (!b) this.ups.set(ref, (b = { locals: [], globals: [], seqs: [], vectors: [] }));
    b.locals.push(local);
    b.globals.push(global);
    b.seqs.push(seq);
    b.vectors.push(vector);
  }

  remove(ref: PartitionRef, local: number): void {
    let r = this.rms.get(ref);
    if (!r) this.rms.set(ref, (r = []));
    r.push(local);
  }

  post(host: PartitionHost, dim: number, restore = false): void {
    for (const [ref, r] of this.rms) host.write(ref.key, undefined, Int32Array.from(r));
    for (const [ref, b] of this.ups) {
      const vectors = new Float32Array(b.locals.length * dim);
      b.vectors.forEach((v, i) => vectors.set(v, i * dim));
      host.write(ref.key, {
        locals: Int32Array.from(b.locals),
        globals: ref.spec.identity ? undefined : Int32Array.from(b.globals),
        seqs: Float64Array.from(b.seqs),
        vectors,
      }, undefined, restore);
    }
    this.ups.clear();
    this.rms.clear();
  }
}

export interface IndexQuery {
  k: number;
  ef: number;
  exact: boolean;
  nf: NormalizedFilter;
  filtered: boolean;
  /** The filter's live matching labels and their count (called only when a choice needs them). */
  evaluate(): { allow: Bitmap; matching: number };
  exclude: number[];
}

/** One query of a batch: its vector and the query as the router sees it (filters evaluated once per distinct filter by the caller). */
export interface BatchItem {
  vector: Float32Array;
  query: IndexQuery;
}

/** One query's answer from the workers (collection labels, nearest first). */
export interface BatchAnswer {
  labels: ArrayLike<number>;
  distances: ArrayLike<number>;
  /** Live points its filter matches. */
  matching: number;
  /** With tracing: where it went and what each partition did. */
  route?: RouteExplanation;
}

/** What a batch did, summed over its chunks (a workload job's statistics). */
export interface BatchStats {
  queries: number;
  /** Queries identical to an earlier one of their chunk, answered by its result. */
  duplicates: number;
  /** Distinct filters evaluated (once each per chunk). */
  distinctFilters: number;
  /** Queries sent to the whole-collection index, and to the layout's partitions. */
  toCollection: number;
  toPartitions: number;
  /** Partition visits, and those whose partition implied the filter (searched unfiltered). */
  visits: number;
  impliedVisits: number;
  /** Queries no point matches (answered without a search). */
  empty: number;
  /** How each partition visit was answered (plan or fallback step). */
  answeredBy: Record<string, number>;
  /** Exact scans run through the blocked multi-query kernel, and the queries they served. */
  blocks: number;
  blockedQueries: number;
}

export function emptyBatchStats(): BatchStats {
  return { queries: 0, duplicates: 0, distinctFilters: 0, toCollection: 0, toPartitions: 0, visits: 0, impliedVisits: 0, empty: 0, answeredBy: {}, blocks: 0, blockedQueries: 0 };
}

interface Route {
  targets: { ref: PartitionRef; implied: boolean }[];
  target: RouteExplanation['target'];
  reason: string;
  cost: RouteExplanation['estimated_cost_us'];
  /** The filter's bitmap, when it was evaluated. */
  allow?: Bitmap;
  /** Live points the filter matches (exact: from the bitmap, or the implied partitions' sizes). */
  matching: number;
}

export interface RouteExplanation {
  /** Where the query went: the whole-collection index or the layout's partitions. */
  target: 'collection' | 'partitions';
  reason: string;
  estimated_cost_us: { partitions?: number; collection?: number };
  partitions: {
    id: number;
    description: string;
    worker: number;
    implied: boolean;
    matching: number;
    plan: PartitionTrace['plan'];
    answered_by: PartitionTrace['answeredBy'];
    fallback: boolean;
    /** Time the worker spent on this partition. */
    worker_ms: number;
  }[];
}


export class CollectionIndex {
  /** Live collection labels (filters are evaluated against it). */
  readonly live = new Bitmap(1024);
  private liveCount = 0;
  private global: PartitionRef | null = null;
  private layout: LeafSet | null = null;
  private building: LeafSet | null = null;
  private buildView: BuildView | null = null;
  private buildDone: Promise<void> | null = null;
  private readonly cost: CostModel;
  private closed = false;
  /** Turns of the workers for queries without a filter bitmap: where a partition has mirrors (host.ts), the query goes to its turn's worker. */
  private turn = 0;
  /** Points the snapshots already covered at open, and points left to index (summed over partitions). */
  opened = { indexed: 0, to_index: 0 };

  private constructor(private readonly ctx: IndexContext) {
    this.cost = new CostModel({ dim: ctx.config.vectors.size, exactMaxRows: ctx.planner.exact_max_rows, scanRowNs: ctx.planner.scan_row_ns, scanPassNs: ctx.planner.scan_pass_ns, workers: ctx.host.workerCount, clusterRows: ctx.planner.ivf_cluster_rows, batchVisitUs: ctx.planner.batch_visit_us, batchFilterUs: ctx.planner.batch_filter_us });
  }

  private get dim(): number {
    return this.ctx.config.vectors.size;
  }

  private spec(flat: boolean, identity: boolean, size: number): PartitionSpec {
    const { hnsw_config, vectors } = this.ctx.config;
    // Smaller graphs need fewer links for the same recall (M and ef_construct scaled to the size).
    const scale = identity || size >= 20_000 ? 1 : size >= 5_000 ? 0.75 : 0.5;
    return {
      distance: vectors.distance,
      dim: vectors.size,
      m: Math.max(6, Math.round(hnsw_config.m * scale)),
      efConstruction: Math.max(40, Math.round(hnsw_config.ef_construct * scale)),
      rerankMin: this.ctx.rerankMin,
      flat,
      identity,
    };
  }

  private globalRef(): PartitionRef {
    return {
      key: `${this.ctx.collectionId}/collection`,
      placement: null,
      leaf: -1,
      spec: this.spec(false, true, Infinity),
      description: 'all points',
      dir: this.ctx.dir,
      size: 0,
      nextLocal: 0,
      hits: 0,
    };
  }

  private leafKey(buildId: string, leaf: number): string {
    return `${this.ctx.collectionId}/${buildId}/${leaf}`;
  }

  private layoutDir(buildId: string): string {
    return join(this.ctx.dir, 'layouts', buildId);
  }

  // ---- opening ------------------------------------------------------------

  /** Opens the collection's partitions from their snapshots and replays its rows from SQLite. */
  static async open(ctx: IndexContext): Promise<CollectionIndex> {
    const idx = new CollectionIndex(ctx);
    const file = await idx.readLayoutFile();
    const opens: Promise<void>[] = [];
    const reverse = new Map<PartitionRef, Map<number, number>>();
    const count = ctx.storage.points.count(ctx.collectionId);
    if (!file || file.global_index) {
      idx.global = idx.globalRef();
      opens.push(ctx.host.open(idx.global.key, idx.global.spec, idx.global.dir, count, null).then((r) => {
        if (!r.loaded && r.reason !== 'no index snapshot') ctx.log.warn({ collection: ctx.name, reason: r.reason }, 'index snapshot unusable; rebuilding the index from storage');
      }));
    }
    if (file) {
      const tree = treeFromJson(file.tree);
      const descriptions = describeLeaves(tree);
      const dir = idx.layoutDir(file.build_id);
      const parts = file.leaves.map((l): PartitionRef => ({
        key: idx.leafKey(file.build_id, l.leaf),
        placement: { layout: `${ctx.collectionId}/${file.build_id}`, leaf: l.leaf },
        leaf: l.leaf,
        spec: { ...idx.spec(l.flat, false, 0), m: l.m, efConstruction: l.ef_construct },
        description: descriptions.get(l.leaf) ?? '?',
        dir: l.flat ? null : join(dir, `p${l.leaf}`),
        size: 0,
        nextLocal: 0,
        hits: 0,
      }));
      const centroids = file.centroids?.length ? { values: Float32Array.from(file.centroids.flat()), dim: idx.dim } : null;
      idx.layout = new LeafSet(file.build_id, tree, parts, file.global_index, dir, file.build, centroids);
      idx.buildView = file.build;
      for (const ref of parts) {
        opens.push(ctx.host.open(ref.key, ref.spec, ref.dir, count / parts.length, ref.placement).then((r) => {
          if (r.mapping) {
            const m = new Map<number, number>();
            r.mapping.forEach((g, l) => {
              if (g >= 0) m.set(g, l);
            });
            reverse.set(ref, m);
            ref.nextLocal = r.mapping.length;
          } else if (!ref.spec.flat) {
            ctx.log.warn({ collection: ctx.name, partition: ref.leaf, reason: r.reason }, 'partition snapshot unusable; rebuilding it from storage');
          }
        }));
      }
    }
    await Promise.all(opens);
    // Replay every row: into the whole-collection index, and into its leaf (keeping its local label when the snapshot has one).
    const batches = new Batches();
    for (let from = 0; ;) {
      const rows = ctx.storage.points.labelRange(ctx.collectionId, from, CHUNK);
      if (rows.length === 0) break;
      for (const row of rows) {
        const vector = vectorFromBytes(row.vector, idx.dim);
        ctx.onRow(row.label, row.pid, row.vseq);
        idx.live.set(row.label);
        idx.liveCount++;
        if (idx.global) {
          batches.upsert(idx.global, row.label, row.label, row.vseq, vector);
          idx.global.size++;
        }
        const set = idx.layout;
        if (set) {
          const leaf = set.leafOf(parseStoredPayload(row.payload), vector);
          const ref = set.parts[leaf];
          const known = reverse.get(ref)?.get(row.label);
          set.ensure(row.label);
          const local = known ?? ref.nextLocal++;
          set.partOf[row.label] = leaf;
          set.localOf[row.label] = local;
          ref.size++;
          batches.upsert(ref, local, row.label, row.vseq, vector);
        }
      }
      batches.post(ctx.host, idx.dim, true);
      from = rows[rows.length - 1].label + 1;
    }
    const restored = await Promise.all(idx.refs().map((r) => ctx.host.finishRestore(r.key)));
    idx.opened = { indexed: 0, to_index: 0 };
    for (const s of restored) {
      idx.opened.indexed += s?.indexed ?? 0;
      idx.opened.to_index += s?.backlog ?? 0;
    }
    if (idx.layout) await idx.removeStaleLayouts(idx.layout.buildId);
    return idx;
  }

  private async readLayoutFile(): Promise<LayoutFile | null> {
    let text: string;
    try {
      text = await readFile(join(this.ctx.dir, 'layout.json'), 'utf8');
    } catch {
      return null;
    }
    try {
      const file = parseJsonLossless(text) as LayoutFile;
      if (file.format !== 1) throw new Error(`unknown format ${String(file.format)}`);
      treeFromJson(file.tree);
      return file;
    } catch (err) {
      this.ctx.log.error({ collection: this.ctx.name, err }, 'layout.json is unreadable; serving from the whole-collection index');
      return null;
    }
  }

  private async removeStaleLayouts(keep: string | null): Promise<void> {
    const root = join(this.ctx.dir, 'layouts');
    let names: string[] = [];
    try {
      names = await readdir(root);
    } catch {
      return;
    }
    await Promise.all(names.filter((n) => n !== keep).map((n) => rm(join(root, n), { recursive: true, force: true })));
  }

  /** Every partition in memory: the whole-collection index, the layout's, and a building layout's. */
  private refs(): PartitionRef[] {
    return [...(this.global ? [this.global] : []), ...(this.layout?.parts ?? []), ...(this.building?.parts ?? [])];
  }

  /** Rebuilds the given partitions after their worker restarted: snapshot first, then the rows from SQLite. */
  async restart(keys: ReadonlySet<string>): Promise<void> {
    const refs = this.refs().filter((r) => keys.has(r.key));
    if (refs.length === 0) return;
    await Promise.all(refs.map((r) => this.ctx.host.reopen(r.key, r.spec, r.dir, r.placement)));
    // From here on (synchronously) the rows are read: later writes are posted after the replay.
    this.ctx.host.resume(refs.map((r) => r.key));
    const batches = new Batches();
    for (const ref of refs) {
      const set = [this.layout, this.building].find((s) => s?.parts.includes(ref));
      const labels: number[] = [];
      if (ref === this.global) {
        for (let l = 0; l < this.live.capacity; l++) if (this.live.has(l)) labels.push(l);
      } else if (set) {
        for (let l = 0; l < set.partOf.length; l++) if (set.partOf[l] === ref.leaf) labels.push(l);
      }
      for (let i = 0; i < labels.length; i += CHUNK) {
        for (const row of this.ctx.storage.points.rowsOfLabels(this.ctx.collectionId, labels.slice(i, i + CHUNK))) {
          const local = ref === this.global ? row.label : set!.localOf[row.label];
          batches.upsert(ref, local, row.label, row.vseq, vectorFromBytes(row.vector, this.dim));
        }
        batches.post(this.ctx.host, this.dim, true);
      }
    }
    await Promise.all(refs.map((r) => this.ctx.host.finishRestore(r.key)));
    this.ctx.log.info({ collection: this.ctx.name, partitions: refs.length }, 'partitions restored after a worker restart');
  }

  // ---- writes -------------------------------------------------------------

  upserted(items: readonly { label: number; vector: Float32Array; seq: number; payload: Payload | null }[]): void {
    const batches = new Batches();
    for (const it of items) {
      if (!this.live.has(it.label)) {
        this.live.set(it.label);
        this.liveCount++;
        if (this.global) this.global.size++;
      }
      if (this.global) batches.upsert(this.global, it.label, it.label, it.seq, it.vector);
      for (const set of this.sets()) {
        if (it.label >= set.cursor) continue;
        const { local, from } = set.place(it.label, set.leafOf(it.payload, it.vector));
        if (from) batches.remove(set.parts[from.leaf], from.local);
        batches.upsert(set.parts[set.partOf[it.label]], local, it.label, it.seq, it.vector);
      }
    }
    batches.post(this.ctx.host, this.dim);
  }

  /** Payloads changed without their vectors: points whose leaf changed move (their vectors are read back). */
  payloadsChanged(items: readonly { label: number; payload: Payload | null }[]): void {
    const batches = new Batches();
    for (const set of this.sets()) {
      const moved: number[] = [];
      for (const it of items) {
        if (it.label >= set.cursor || !this.live.has(it.label)) continue;
        // With cluster cuts the leaf also depends on the vector, read below for every candidate.
        if (set.centroids || set.partOf[it.label] !== routePoint(set.tree, it.payload)) moved.push(it.label);
      }
      if (moved.length === 0) continue;
      for (let i = 0; i < moved.length; i += CHUNK) {
        for (const row of this.ctx.storage.points.rowsOfLabels(this.ctx.collectionId, moved.slice(i, i + CHUNK))) {
          const vector = vectorFromBytes(row.vector, this.dim);
          const leaf = set.leafOf(parseStoredPayload(row.payload), vector);
          if (set.partOf[row.label] === leaf) continue;
          const { local, from } = set.place(row.label, leaf);
          if (from) batches.remove(set.parts[from.leaf], from.local);
          batches.upsert(set.parts[leaf], local, row.label, row.vseq, vector);
        }
      }
    }
    batches.post(this.ctx.host, this.dim);
  }

  removed(labels: readonly number[]): void {
    const batches = new Batches();
    for (const label of labels) {
      if (!this.live.has(label)) continue;
      this.live.clear(label);
      this.liveCount--;
      if (this.global) {
        this.global.size--;
        batches.remove(this.global, label);
      }
      for (const set of this.sets()) {
        const at = label < set.cursor ? set.unplace(label) : undefined;
        if (at) batches.remove(set.parts[at.leaf], at.local);
      }
    }
    batches.post(this.ctx.host, this.dim);
  }

  private sets(): LeafSet[] {
    return [this.layout, this.building].filter((s): s is LeafSet => s !== null);
  }

  // ---- reads --------------------------------------------------------------

  get liveTotal(): number {
    return this.liveCount;
  }

  stats(): { live: number; indexed: number; backlog: number } {
    const serving = this.layout ? this.layout.parts : this.global ? [this.global] : [];
    let indexed = 0;
    let backlog = 0;
    for (const r of serving) {
      const s = this.ctx.host.cached(r.key);
      indexed += Math.min(s.indexed, r.size);
      backlog += s.backlog;
    }
    if (this.global && this.layout) backlog += this.ctx.host.cached(this.global.key).backlog;
    return { live: this.liveCount, indexed, backlog };
  }

  /**
   * What the layout builder charges an approximate query in a flat partition its worker will
   * cluster: the rows it probes there at the collection's default ef and k = 10 (the query
   * log keeps filters, not limits or ef). None when clustering is off.
   */
  private probeOfLayouts(): { rows: number; minRows: number } | undefined {
    const t = this.ctx.planner;
    if (!t.ivf_cluster_rows) return undefined;
    return { rows: ivfTarget(t, 10, this.ctx.config.hnsw_config.ef_construct), minRows: ivfMinRows(t) };
  }

  private singleValued = (key: string): boolean => this.ctx.fieldIndex(key)?.singleValued ?? false;

  /**
   * The worker side of the executor (a single query is a batch of one):
   * routes every query, inverts the routes into one message per worker (query
   * vectors and each distinct filter bitmap once, in shared memory) and merges
   * the per-worker answers per query. With `trace`, each answer carries its
   * route and what every partition it visited did (explain).
   */
  async searchBatch(items: readonly BatchItem[], stats?: BatchStats, trace = false): Promise<BatchAnswer[]> {
    const results: BatchAnswer[] = items.map(() => ({ labels: [], distances: [], matching: 0 }));
    if (items.length === 0) return results;
    const dim = this.dim;
    const vectors = new Float32Array(new SharedArrayBuffer(items.length * dim * 4));
    const filterIds = new Map<Bitmap, number>();
    const allows: Bitmap[] = [];
    const perWorker = new Map<number, { queries: BatchQuery[]; slots: number[] }>();
    // A batch's partitions are visited by groups that share their scans: route by the batch cost model.
    const cost = items.length > 1 ? this.cost.as('batch') : this.cost;
    // Partitions by key (a layout swapped in meanwhile drops these partitions).
    const refs = new Map<string, PartitionRef>();
    // The workers that may serve each partition (its owner and fresh mirrors, host.ts): a query
    // goes to its turn's worker wherever that one can serve it, so a partition's queries are
    // split across the workers and a query's visits mostly stay on one of them.
    const replicas = new Map<string, number[]>();
    const workers = this.ctx.host.workerCount;
    for (let i = 0; i < items.length; i++) {
      const { vector, query } = items[i];
      const route = this.route(query, vector, cost);
      results[i].matching = route.matching;
      if (trace) results[i].route = { target: route.target, reason: route.reason, estimated_cost_us: route.cost, partitions: [] };
      if (stats) {
        stats.queries++;
        if (route.target === 'collection') stats.toCollection++;
        else stats.toPartitions++;
      }
      if (route.matching === 0) {
        if (stats) stats.empty++;
        if (trace) results[i].route!.reason = 'no point matches the filter';
        continue;
      }
      vectors.set(vector, i * dim);
      let filter = -1;
      if (route.allow && route.targets.some((t) => !t.implied)) {
        const known = filterIds.get(route.allow);
        if (known !== undefined) {
          filter = known;
        } else {
          filter = allows.push(route.allow) - 1;
          filterIds.set(route.allow, filter);
        }
      }
      const byWorker = new Map<number, SearchTarget[]>();
      // Queries sharing a filter stay on one worker: a partition's group shares its scans there.
      const turn = (filter >= 0 ? filter : this.turn++) % workers;
      for (const t of route.targets) {
        if (t.ref.size === 0 && !t.ref.spec.identity) continue;
        t.ref.hits++;
        if (stats) {
          stats.visits++;
          if (t.implied) stats.impliedVisits++;
        }
        let reps = replicas.get(t.ref.key);
        if (!reps) replicas.set(t.ref.key, (reps = this.ctx.host.replicas(t.ref.key)));
        const w = reps.length > 1 && reps.includes(turn) ? turn : reps[0];
        if (trace) refs.set(t.ref.key, t.ref);
        let list = byWorker.get(w);
        if (!list) byWorker.set(w, (list = []));
        list.push({ key: t.ref.key, implied: t.implied });
      }
      for (const [w, targets] of byWorker) {
        let group = perWorker.get(w);
        if (!group) perWorker.set(w, (group = { queries: [], slots: [] }));
        group.queries.push({ vec: i, k: query.k, ef: query.ef, exact: query.exact, filter, matching: route.matching, exclude: query.exclude, targets });
        group.slots.push(i);
      }
    }
    // Every distinct filter's bitmap in shared memory: as evaluated (the executor evaluates into
    // shared memory), else copied into one buffer for those that are not.
    const copied = allows.reduce((n, a) => n + (isShared(a.words) ? 0 : a.words.length), 0);
    const sab = copied > 0 ? new SharedArrayBuffer(4 * copied) : undefined;
    let offset = 0;
    const filters = allows.map((a) => {
      if (isShared(a.words)) return a.words;
      const view = new Uint32Array(sab!, offset * 4, a.words.length);
      view.set(a.words);
      offset += a.words.length;
      return view;
    });
    const groups = [...perWorker];
    const replies = await Promise.all(groups.map(([w, g]) => this.ctx.host.searchBatch(w, { vectors, filters, queries: g.queries, trace })));
    // A query answered by more than one worker: merge their top-k lists.
    const merged = new Map<number, TopK>();
    const answered = new Uint8Array(items.length);
    replies.forEach((reply, r) => {
      const { slots, queries } = groups[r][1];
      for (let j = 0; j < slots.length; j++) {
        const slot = slots[j];
        const own = results[slot];
        if (trace) {
          for (const t of reply.traces![j]) {
            const ref = refs.get(t.key)!;
            const worker = groups[r][0];
            own.route!.partitions.push({
              id: ref.leaf, description: ref.description, worker, implied: t.implied, matching: t.matching, plan: t.plan,
              answered_by: t.answeredBy, fallback: t.fallback, worker_ms: Math.round(t.ms * 1000) / 1000,
            });
          }
        }
        const from = reply.offsets[j], to = reply.offsets[j + 1];
        if (!answered[slot]) {
          answered[slot] = 1;
          own.labels = reply.labels.subarray(from, to);
          own.distances = reply.distances.subarray(from, to);
          continue;
        }
        let heap = merged.get(slot);
        if (!heap) {
          merged.set(slot, (heap = new TopK(queries[j].k)));
          for (let x = 0; x < own.labels.length; x++) heap.push(own.labels[x], own.distances[x]);
        }
        for (let x = from; x < to; x++) heap.push(reply.labels[x], reply.distances[x]);
      }
      if (stats) {
        for (const [kind, n] of Object.entries(reply.answeredBy)) stats.answeredBy[kind] = (stats.answeredBy[kind] ?? 0) + n;
        stats.blocks += reply.blocks;
        stats.blockedQueries += reply.blockedQueries;
      }
    });
    for (const [slot, heap] of merged) Object.assign(results[slot], heap.sorted());
    return results;
  }

  private route(q: IndexQuery, vector: Float32Array, cost: CostModel): Route {
    const layout = this.layout;
    const global = this.global;
    const n = this.liveCount;
    let filter: { allow: Bitmap; matching: number } | undefined;
    const evaluate = (): { allow: Bitmap; matching: number } => (filter ??= q.evaluate());
    const toGlobal = (reason: string, cost: Route['cost']): Route => {
      const f = q.filtered ? evaluate() : undefined;
      return { targets: [{ ref: global!, implied: !q.filtered }], target: 'collection', reason, cost, allow: f?.allow, matching: f ? f.matching : n };
    };
    if (!layout) return toGlobal('no layout', {});
    // At cluster cuts an approximate query visits only its nearest clusters (as IVF probes
    // lists), unless its filter is selective: its nearest matching points may then lie in any
    // cluster, so it visits every one its filter does not exclude.
    const probes = layout.centroids !== null && !q.exact && (!q.filtered || evaluate().matching >= PROBE_MIN_SELECTIVITY * n);
    const probe = probes ? new Set(layout.nearest(vector, layout.probe)) : null;
    let routed = routeQuery(layout.tree, q.nf, this.singleValued, probe).map((r) => ({ ref: layout.parts[r.leaf], implied: r.implied || !q.filtered }));
    // Never fewer than min(k, matching) points because of probing: when the probed clusters
    // hold fewer than k of the points the query may return, it visits every cluster.
    if (probe && this.reachable(layout, routed.map((r) => r.ref.leaf), q.filtered ? evaluate().allow : null) < Math.min(q.k + q.exclude.length, n)) {
      routed = routeQuery(layout.tree, q.nf, this.singleValued, null).map((r) => ({ ref: layout.parts[r.leaf], implied: r.implied || !q.filtered }));
    }
    const implied = routed.filter((r) => r.implied);
    const why = `${routed.length} of ${layout.parts.length} partitions to visit (${implied.length} implied by the filter)`;
    let matching: number;
    let partitions = 0;
    // An approximate query probes a clustered flat partition for this many of its rows (search.ts planOf).
    const t = this.ctx.planner;
    // Whether its worker has clustered it, as the worker last reported (not re-derived here).
    const clustered = (ref: PartitionRef): boolean => ref.spec.flat && (this.ctx.host.cached(ref.key).clusters ?? 0) > 0;
    const probeTarget = ivfTarget(t, q.k, q.ef, q.exclude.length);
    const probeRows = (ref: PartitionRef): number | undefined => (q.exact || !clustered(ref) ? undefined : probeTarget);
    if (implied.length === routed.length) {
      // Every point of these partitions matches, and no point elsewhere does.
      matching = q.filtered ? implied.reduce((s, r) => s + r.ref.size, 0) : n;
      for (const r of routed) partitions += cost.visit(r.ref.size, r.ref.size, true, r.ref.spec.flat, true, probeRows(r.ref));
    } else {
      matching = evaluate().matching;
      const open = routed.filter((r) => !r.implied).reduce((s, r) => s + r.ref.size, 0);
      const impliedPoints = implied.reduce((s, r) => s + r.ref.size, 0);
      const rest = Math.max(0, matching - impliedPoints);
      partitions = cost.filter;
      for (const r of routed) {
        const m = r.implied ? r.ref.size : open > 0 ? Math.min(r.ref.size, (rest * r.ref.size) / open) : 0;
        partitions += cost.visit(r.ref.size, m, r.implied, r.ref.spec.flat, true, probeRows(r.ref));
      }
    }
    const globalCost = global ? cost.global(n, matching, q.filtered) : undefined;
    if (globalCost !== undefined && globalCost < partitions) {
      return toGlobal(`${why}: the whole-collection index is cheaper`, { partitions, collection: globalCost });
    }
    return { targets: routed, target: 'partitions', reason: why, cost: { partitions, collection: globalCost }, allow: filter?.allow, matching: filter ? filter.matching : matching };
  }

  /** Points in the given leaves of a layout, among those a filter allows (all without one). */
  private reachable(layout: LeafSet, leaves: number[], allow: Bitmap | null): number {
    if (!allow) return leaves.reduce((n, l) => n + layout.parts[l].size, 0);
    const wanted = new Uint8Array(layout.parts.length);
    for (const l of leaves) wanted[l] = 1;
    let n = 0;
    for (const label of allow) if (label < layout.partOf.length && layout.partOf[label] >= 0 && wanted[layout.partOf[label]]) n++;
    return n;
  }

  /** One query with its route and every partition's trace: a batch of one, traced (explain). */
  async search(vector: Float32Array, q: IndexQuery): Promise<{ labels: number[]; distances: number[]; route: RouteExplanation; matching: number }> {
    const [answer] = await this.searchBatch([{ vector, query: q }], undefined, true);
    return { labels: Array.from(answer.labels), distances: Array.from(answer.distances), matching: answer.matching, route: answer.route! };
  }

  // ---- snapshots and lifecycle ---------------------------------------------

  /** Writes snapshots of the serving partitions whose graphs changed. */
  async snapshot(all = false): Promise<void> {
    const serving = [...(this.global ? [this.global] : []), ...(this.layout?.parts ?? [])];
    await Promise.all(serving.filter((r) => r.dir && (all || this.ctx.host.cached(r.key).dirty)).map((r) => this.ctx.host.snapshot(r.key, r.dir!, this.ctx.seq())));
  }

  get isDirty(): boolean {
    const serving = [...(this.global ? [this.global] : []), ...(this.layout?.parts ?? [])];
    return serving.some((r) => this.ctx.host.cached(r.key).dirty);
  }

  /** Frees the workers' memory (files are removed by the caller with the collection's directory). */
  async close(): Promise<void> {
    this.closed = true;
    await this.buildDone?.catch(() => undefined);
    await Promise.all(this.refs().map((r) => this.ctx.host.drop(r.key)));
  }

  // ---- layout --------------------------------------------------------------

  layoutView(): LayoutView {
    const view = (r: PartitionRef): PartitionView => ({
      id: r.leaf,
      size: r.size,
      description: r.description,
      index: r.spec.flat ? 'flat' : 'hnsw',
      params: r.spec.flat ? clusterParams(this.ctx.host.cached(r.key)) : { m: r.spec.m, ef_construct: r.spec.efConstruction },
      hits: r.hits,
      worker: this.ctx.host.workerOf(r.key),
    });
    const build = this.buildView ? { ...this.buildView, seconds: this.buildView.status === 'building' ? (Date.now() - Date.parse(this.buildView.started_at)) / 1000 : this.buildView.seconds } : null;
    const status = build?.status === 'building' ? 'building' : this.layout ? 'ready' : build?.status === 'failed' ? 'failed' : 'none';
    const layout = this.layout;
    return {
      status,
      build,
      partitions: layout ? layout.parts.map(view) : this.global ? [view(this.global)] : [],
      tree: layout ? viewTree(layout.tree, (leaf) => layout.parts[leaf].size) : null,
      global_index: layout && this.global ? view(this.global) : null,
    };
  }

  /** Resolves when the current build, if any, has ended. */
  async waitBuild(): Promise<BuildView | null> {
    await this.buildDone?.catch(() => undefined);
    return this.layoutView().build;
  }

  startBuild(req: LayoutBuildRequest, workloadFilters: (id: string) => unknown[] | undefined): { id: string; status: 'building' } {
    if (this.buildView?.status === 'building') fail('LAYOUT_BUILDING', `a layout of collection "${this.ctx.name}" is already building (build ${this.buildView.id})`);
    if (this.liveCount === 0) fail('BAD_REQUEST', `collection "${this.ctx.name}" has no points to lay out`);
    const defaults = this.ctx.layout;
    const positive = (v: unknown, name: string, fallback: number, min: number): number => {
      if (v === undefined || v === null) return fallback;
      if (typeof v !== 'number' || !Number.isInteger(v) || v < min) fail('BAD_REQUEST', `${name} must be an integer >= ${min}, got ${JSON.stringify(v)}`);
      return v;
    };
    const minSize = positive(req.min_partition_size, 'min_partition_size', defaults.min_partition_size, 1);
    const maxParts = positive(req.max_partitions, 'max_partitions', defaults.max_partitions, 1);
    if (maxParts > 4096) fail('BAD_REQUEST', 'max_partitions must be at most 4096');
    const globalIndex = req.global_index ?? defaults.global_index;
    if (typeof globalIndex !== 'boolean') fail('BAD_REQUEST', 'global_index must be a boolean');
    if (req.vector_cuts !== undefined && req.vector_cuts !== null && typeof req.vector_cuts !== 'boolean') fail('BAD_REQUEST', 'vector_cuts must be a boolean');
    const clusters = positive(req.clusters, 'clusters', 16, 2);
    const graphs = req.graphs ?? true;
    if (typeof graphs !== 'boolean') fail('BAD_REQUEST', 'graphs must be a boolean');
    if (clusters > 256) fail('BAD_REQUEST', 'clusters must be at most 256');

    // The workload: raw filters, one per query (duplicates count as weight).
    let raws: unknown[];
    const source = req.source ?? (req.queries ? undefined : 'log');
    if (req.queries !== undefined && req.queries !== null) {
      if (req.source !== undefined && req.source !== null) fail('BAD_REQUEST', 'send either "source" or "queries", not both');
      if (!Array.isArray(req.queries)) fail('BAD_REQUEST', '"queries" must be a list of query bodies');
      raws = req.queries.map((q, i) => {
        if (q === null || typeof q !== 'object' || Array.isArray(q)) fail('BAD_REQUEST', `queries[${i}] must be a query body`);
        return (q as { filter?: unknown }).filter ?? null;
      });
    } else if (source === 'log') {
      raws = [];
      for (const e of this.ctx.queryLog.entries()) for (let i = 0; i < e.count; i++) raws.push(e.filter ?? null);
    } else if (source !== null && typeof source === 'object' && typeof (source as { workload?: unknown }).workload === 'string') {
      const id = (source as { workload: string }).workload;
      const found = workloadFilters(id);
      if (!found) fail('WORKLOAD_NOT_FOUND', `workload ${JSON.stringify(id)} not found in collection "${this.ctx.name}"`);
      raws = found;
    } else {
      return fail('BAD_REQUEST', 'source must be "log" or {"workload": "<job id>"}, or send "queries"');
    }
    if (raws.length === 0) fail('BAD_REQUEST', source === 'log' ? `the query log of collection "${this.ctx.name}" is empty: run queries first or send "queries"` : 'the workload has no queries');
    const distinct = new Map<string, { filter: Filter | undefined; nf: NormalizedFilter; weight: number }>();
    raws.forEach((raw, i) => {
      const key = stringifyJson(raw ?? null);
      const e = distinct.get(key);
      if (e) {
        e.weight++;
        return;
      }
      const filter = parseFilter(raw, `queries[${i}].filter`);
      distinct.set(key, { filter, nf: normalizeFilter(filter), weight: 1 });
    });

    const filters = sampleFilters([...distinct.values()], defaults.filter_sample);
    const id = randomUUID();
    this.buildView = {
      id,
      status: 'building',
      progress: { done: 0, total: this.liveCount },
      started_at: new Date().toISOString(),
      seconds: 0,
      workload: { queries: raws.length, distinct_filters: distinct.size, ...(filters.length < distinct.size ? { sampled_filters: filters.length } : {}) },
    };
    const view = this.buildView;
    const options = { minSize, maxParts, globalIndex, vectorCuts: req.vector_cuts === true, clusters, graphs };
    this.buildDone = this.runBuild(view, filters, options).catch(async (err: unknown) => {
      view.status = 'failed';
      view.error = err instanceof HqdbError ? err.message : `layout build failed: ${(err as Error).message}`;
      view.finished_at = new Date().toISOString();
      view.seconds = (Date.now() - Date.parse(view.started_at)) / 1000;
      const set = this.building;
      this.building = null;
      if (set) await Promise.all(set.parts.map((r) => this.ctx.host.drop(r.key))).catch(() => undefined);
      if (set) await rm(set.dir, { recursive: true, force: true }).catch(() => undefined);
      if (!this.closed && !this.ctx.isDropped()) this.ctx.log.error({ collection: this.ctx.name, build: id, err }, 'layout build failed');
    });
    return { id, status: 'building' };
  }

  private async runBuild(
    view: BuildView,
    workload: { filter: Filter | undefined; nf: NormalizedFilter; weight: number }[],
    opts: { minSize: number; maxParts: number; globalIndex: boolean; vectorCuts: boolean; clusters: number; graphs: boolean },
  ): Promise<void> {
    const started = performance.now();
    let lastYield = performance.now();
    const tick = async (): Promise<void> => {
      if (this.closed || this.ctx.isDropped()) throw new HqdbError('SHUTTING_DOWN', 'the collection was closed during the build');
      if (performance.now() - lastYield > 8) {
        await new Promise((r) => setImmediate(r));
        lastYield = performance.now();
      }
    };
    // 1. A uniform sample of the live points, as positions in bitsets.
    const liveLabels = Array.from(this.live.toArray());
    const sampleSize = Math.min(this.ctx.layout.sample_size, liveLabels.length);
    if (sampleSize === 0) fail('BAD_REQUEST', `collection "${this.ctx.name}" has no points to lay out`);
    const sample = liveLabels.slice();
    let seed = 0x9e3779b9;
    for (let i = 0; i < sampleSize; i++) {
      seed = (Math.imul(seed ^ (seed >>> 15), 0x85ebca6b) + i) >>> 0;
      const j = i + (seed % (sample.length - i));
      [sample[i], sample[j]] = [sample[j], sample[i]];
    }
    const words = Math.ceil(sampleSize / 32);
    const toSample = (b: Bitmap): Uint32Array => {
      const out = new Uint32Array(words);
      for (let i = 0; i < sampleSize; i++) if (b.has(sample[i])) out[i >>> 5] |= 1 << (i & 31);
      return out;
    };
    // 2. The sample points each distinct filter and each candidate cut selects.
    const queries: WorkloadFilter[] = [];
    for (const w of workload) {
      const bits = w.filter ? toSample(this.ctx.filterBitmap(w.filter)) : new Uint32Array(words).fill(0xffffffff);
      queries.push({ nf: w.nf, weight: w.weight, bits });
      await tick();
    }
    const atoms = candidateAtoms(workload, MAX_CUTS, (key) => this.ctx.fieldIndex(key) !== undefined);
    const cuts: BuildCut[] = [];
    for (const atom of atoms) {
      cuts.push({ atom, bits: toSample(this.ctx.filterBitmap({ must: [atom.condition], should: [], mustNot: [] })) });
      await tick();
    }
    // Vector-cluster cuts: k-means over the sample; a cut holds the points whose nearest centroid is one cluster.
    let centroids: Centroids | null = null;
    if (opts.vectorCuts) {
      const vectors = new Float32Array(sampleSize * this.dim);
      for (let i = 0; i < sampleSize; i += CHUNK) {
        const chunk = sample.slice(i, Math.min(sampleSize, i + CHUNK));
        const at = new Map(chunk.map((l, j) => [l, i + j]));
        for (const row of this.ctx.storage.points.rowsOfLabels(this.ctx.collectionId, chunk)) vectors.set(vectorFromBytes(row.vector, this.dim), at.get(row.label)! * this.dim);
        await tick();
      }
      const k = Math.min(opts.clusters, sampleSize);
      const km = await kmeans(vectors, this.dim, k, tick);
      centroids = km.centroids;
      for (let c = 0; c < k; c++) {
        const bits = new Uint32Array(words);
        for (let i = 0; i < sampleSize; i++) if (km.assignment[i] === c) bits[i >>> 5] |= 1 << (i & 31);
        cuts.push({ clusters: [c], bits });
      }
    }
    // 3. The tree.
    const { tree, leaves: leafCount, cost, leafCosts, collectionCost } = await buildTree({
      sampleSize,
      total: this.liveCount,
      queries,
      cuts,
      minSize: opts.minSize,
      maxLeaves: opts.maxParts,
      // Without graphs every partition is a flat block, and the workload is costed as batches run it.
      flatMaxRows: opts.graphs ? this.ctx.layout.flat_max_rows : Infinity,
      cost: opts.graphs ? this.cost : this.cost.as('batch'),
      probe: this.probeOfLayouts(),
      globalIndex: opts.globalIndex,
      clusters: centroids ? { count: clusterCount(centroids), probe: probeCount(centroids) } : undefined,
      singleValued: this.singleValued,
      tick,
      progress: () => undefined,
    });
    const treeMs = performance.now() - started;
    // 4. Partitions sized from the sample, opened empty, then loaded from SQLite in chunks.
    const sampleLeaf = new Int32Array(leafCount);
    for (const row of this.ctx.storage.points.rowsOfLabels(this.ctx.collectionId, sample.slice(0, Math.min(sampleSize, 2048)))) {
      sampleLeaf[leafOf(tree, centroids, parseStoredPayload(row.payload), vectorFromBytes(row.vector, this.dim))]++;
    }
    const sampled = Math.min(sampleSize, 2048);
    const descriptions = describeLeaves(tree);
    const dir = this.layoutDir(view.id);
    const parts = leaves(tree).sort((a, b) => a - b).map((leaf): PartitionRef => {
      const estimate = (sampleLeaf[leaf] / sampled) * this.liveCount;
      const flat = !opts.graphs || estimate <= this.ctx.layout.flat_max_rows;
      return {
        key: this.leafKey(view.id, leaf),
        placement: { layout: `${this.ctx.collectionId}/${view.id}`, leaf },
        leaf,
        spec: this.spec(flat, false, estimate),
        description: descriptions.get(leaf) ?? '?',
        dir: flat ? null : join(dir, `p${leaf}`),
        size: 0,
        nextLocal: 0,
        hits: 0,
      };
    });
    const set = new LeafSet(view.id, tree, parts, opts.globalIndex, dir, view, centroids);
    set.cursor = 0;
    // Partitions are spread over the workers by the work the workload will give them (its
    // estimated cost there, in points' worth), not by size alone: a batch keeps every worker busy.
    // The whole-collection index's worker already carries the share that routing will send there.
    const collectionShare = opts.globalIndex && this.global ? collectionCost : 0;
    const totalCost = leafCosts.reduce((a, b) => a + b, 0) + collectionShare;
    const weight = (leaf: number): number => (totalCost > 0 ? (leafCosts[leaf] / totalCost) * this.liveCount : (sampleLeaf[leaf] / sampled) * this.liveCount);
    if (totalCost > 0 && collectionShare > 0) this.ctx.host.reserve(parts[0].placement!.layout, this.global!.key, (collectionShare / totalCost) * this.liveCount);
    const order = [...parts].sort((a, b) => weight(b.leaf) - weight(a.leaf));
    // (Each open picks its worker synchronously, heaviest first.)
    await Promise.all(order.map((r) => this.ctx.host.open(r.key, r.spec, null, weight(r.leaf), r.placement)));
    this.building = set;
    const batches = new Batches();
    for (;;) {
      const rows = this.ctx.storage.points.labelRange(this.ctx.collectionId, set.cursor, CHUNK);
      if (rows.length === 0) break;
      for (const row of rows) {
        const vector = vectorFromBytes(row.vector, this.dim);
        const { local } = set.place(row.label, set.leafOf(parseStoredPayload(row.payload), vector));
        batches.upsert(parts[set.partOf[row.label]], local, row.label, row.vseq, vector);
      }
      batches.post(this.ctx.host, this.dim);
      set.cursor = rows[rows.length - 1].label + 1;
      await tick();
    }
    set.cursor = Infinity;
    const loadedMs = performance.now() - started;
    // 5. Wait until the workers have indexed the rows loaded. Writes arriving meanwhile do not
    // hold the build back: the new layout serves them from its backlog, as any layout does.
    let settled = false;
    const settling = Promise.all(parts.map((r) => this.settle(r.key))).finally(() => {
      settled = true;
    });
    while (!settled) {
      await this.ctx.host.refresh();
      let pending = 0;
      let total = 0;
      for (const r of parts) {
        // (A flat partition's backlog is its rows waiting to be clustered.)
        pending += this.ctx.host.cached(r.key).backlog;
        total += r.size;
      }
      view.progress = { done: Math.max(0, total - pending), total };
      await tick();
      await Promise.race([settling, new Promise((r) => setTimeout(r, 100))]);
    }
    await settling;
    view.progress = { done: view.progress.total, total: view.progress.total };
    const indexedMs = performance.now() - started;
    // 6. Persist, then swap atomically: queries already sent finish on the old partitions.
    await mkdir(dir, { recursive: true });
    await Promise.all(parts.filter((r) => r.dir).map((r) => this.ctx.host.snapshot(r.key, r.dir!, this.ctx.seq())));
    const finished: BuildView = { ...view, status: 'ready', finished_at: new Date().toISOString(), seconds: (performance.now() - started) / 1000 };
    const file: LayoutFile = {
      format: 1,
      build_id: view.id,
      tree: treeToJson(tree),
      leaves: parts.map((r) => ({ leaf: r.leaf, flat: r.spec.flat, m: r.spec.m, ef_construct: r.spec.efConstruction })),
      global_index: opts.globalIndex,
      build: finished,
      ...(centroids ? { centroids: Array.from({ length: clusterCount(centroids) }, (_, c) => Array.from(centroids.values.subarray(c * this.dim, (c + 1) * this.dim))) } : {}),
    };
    if (this.closed || this.ctx.isDropped()) throw new HqdbError('SHUTTING_DOWN', 'the collection was closed during the build');
    await writeFile(join(this.ctx.dir, 'layout.json.tmp'), stringifyJson(file));
    await rename(join(this.ctx.dir, 'layout.json.tmp'), join(this.ctx.dir, 'layout.json'));
    const old = this.layout;
    this.layout = set;
    this.building = null;
    // Ready only once it serves: a client polling the status never sees "ready" before the swap.
    Object.assign(view, finished);
    this.ctx.log.info({
      collection: this.ctx.name, build: view.id, partitions: parts.length, seconds: view.seconds,
      steps_ms: { tree: Math.round(treeMs), load: Math.round(loadedMs - treeMs), index: Math.round(indexedMs - loadedMs), persist: Math.round(view.seconds * 1000 - indexedMs) },
      estimated_cost_us: { before: Math.round(cost.before), after: Math.round(cost.after) }, sample: sampleSize, cuts: cuts.length,
    }, 'layout ready');
    if (old) {
      await Promise.all(old.parts.map((r) => this.ctx.host.drop(r.key)));
    }
    if (!opts.globalIndex && this.global) {
      const g = this.global;
      this.global = null;
      await this.ctx.host.drop(g.key);
      for (const f of await readdir(this.ctx.dir)) if (/^(snapshot\.json|graph-\d+\.(hnsw|seq|map))$/.test(f)) await rm(join(this.ctx.dir, f), { force: true });
    } else if (opts.globalIndex && !this.global) {
      await this.openGlobal();
    }
    await this.removeStaleLayouts(view.id);
  }

  /** Waits until a partition has indexed what was posted to it, across restarts of its worker. */
  private async settle(key: string): Promise<void> {
    for (;;) {
      try {
        await this.ctx.host.settle(key);
        return;
      } catch (err) {
        // The worker restarted: the replay posts the partition's rows again; wait for those.
        if (!(err instanceof HqdbError) || err.code !== 'INDEX_UNAVAILABLE' || this.closed) throw err;
        await this.ctx.host.settled();
      }
    }
  }

  /** Builds the whole-collection index again (a new layout asked for it after one that did without). */
  private async openGlobal(): Promise<void> {
    const ref = this.globalRef();
    await this.ctx.host.open(ref.key, ref.spec, null, this.liveCount, null);
    const batches = new Batches();
    for (let from = 0; ;) {
      const rows = this.ctx.storage.points.labelRange(this.ctx.collectionId, from, CHUNK);
      if (rows.length === 0) break;
      for (const row of rows) batches.upsert(ref, row.label, row.label, row.vseq, vectorFromBytes(row.vector, this.dim));
      batches.post(this.ctx.host, this.dim);
      from = rows[rows.length - 1].label + 1;
    }
    ref.size = this.liveCount;
    this.global = ref;
  }
}

function clusterParams(s: PartitionStats): PartitionView['params'] {
  return s.clusters ? { clusters: s.clusters, clustered_rows: s.clustered } : {};
}
