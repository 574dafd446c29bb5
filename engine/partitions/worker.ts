// A partition worker: owns the in-memory indexes of a set of partitions and
// serves their searches, folds written points into their HNSW graphs between
// messages (the only mutator of those graphs), and writes their snapshots.
// It never touches SQLite: the main thread sends it every row it must hold.
// It also serves read-only mirrors of other workers' flat partitions (their
// rows in shared memory; protocol.ts Mirror), and shares its own once their
// writes pause.

import { parentPort } from 'node:worker_threads';
import { Bitmap, localizeBits } from '../../index/bitmap.js';
import { metricFor } from '../../index/distance.js';
import { Segment, type SegmentOptions } from '../../index/segment.js';
import { TopK } from '../../index/top-k.js';
import { ivfMinRows, type PlannerThresholds } from '../plan/planner.js';
import type { BatchReply, Command, Mirror, OpenReply, PartitionSpec, Placement, PartitionStats, PartitionTrace, Reply, SearchBatchCommand, WriteBatch } from './protocol.js';
import { clusterRows, type PartitionClusters } from './clusters.js';
import { searchPartitionGroup, type GroupQuery } from './search.js';

interface Partition {
  key: string;
  spec: PartitionSpec;
  placement: Placement | null;
  seg: Segment;
  /** local label -> collection label; unused for identity partitions. */
  globals: Int32Array;
  /**
   * A flat partition of a layout, once clustered (clusters.ts), keeps its rows in
   * cluster order: its labels here are rows, and `fromMain` maps the local labels
   * the main thread sends to them (new ones are appended, to the tail).
   */
  clusters?: PartitionClusters;
  fromMain?: Int32Array;
  /** When the last write arrived, and since when rows have waited to be clustered (clustering waits for writes to pause, but not for ever). */
  lastWrite: number;
  waitingSince?: number;
  /** Written labels received since it was opened (PartitionStats.received). */
  received: number;
  /** Times it was clustered, and the `settle` commands waiting on its indexer. */
  clusterings: number;
  settles: Settle[];
  /** A mirror of another worker's partition: read-only, its own label maps (never the layout's). */
  mirror?: LabelMaps | true;
  /** `received` when it was last shared as a mirror. */
  shared?: number;
}

/** A `settle` waiting for a partition: its graph to reach `mark`, and (when it was due) one more clustering. */
interface Settle {
  mark: number;
  clusterings: number;
  resolve(done: boolean): void;
}

const port = parentPort!;
const parts = new Map<string, Partition>();

/**
 * Per layout, for the collection labels held by this worker's partitions of it:
 * the leaf and the local label. They turn a filter's bitmap into partition-local
 * bitmaps in one pass over the matching labels, whatever the partitions' sizes.
 */
class LabelMaps {
  leafOf: Int32Array = new Int32Array(1024).fill(-1);
  localOf: Int32Array = new Int32Array(1024).fill(-1);

  set(global: number, leaf: number, local: number): void {
    if (global >= this.leafOf.length) {
      this.leafOf = grow(this.leafOf, global + 1);
      this.localOf = grow(this.localOf, global + 1);
    }
    this.leafOf[global] = leaf;
    this.localOf[global] = local;
  }

  clear(global: number, leaf: number, local: number): void {
    if (global < this.leafOf.length && this.leafOf[global] === leaf && this.localOf[global] === local) this.leafOf[global] = -1;
  }
}
const maps = new Map<string, LabelMaps>();
let thresholds: PlannerThresholds;
let sliceMs = 8;
let mirrors = false;
let indexTimer: NodeJS.Immediate | undefined;
let lastStats = 0;

function post(msg: Reply): void {
  port.postMessage(msg);
}

function options(spec: PartitionSpec): SegmentOptions {
  return { metric: metricFor(spec.distance), dim: spec.dim, m: spec.m, efConstruction: spec.efConstruction, rerankMin: spec.rerankMin, flat: spec.flat, shared: mirrors && spec.flat };
}

async function open(key: string, spec: PartitionSpec, dir: string | null, placement: Placement | null): Promise<OpenReply> {
  let seg: Segment | undefined;
  let mapping: Int32Array | undefined;
  let reason: string | undefined;
  if (dir && !spec.flat) {
    const opened = await Segment.openSnapshot(dir, options(spec));
    if ('segment' in opened) {
      seg = opened.segment;
      mapping = opened.mapping;
      if (!spec.identity && !mapping) {
        seg = undefined;
        reason = 'snapshot has no label mapping';
      }
    } else {
      reason = opened.reason;
    }
  }
  const loaded = seg !== undefined;
  seg ??= new Segment(options(spec));
  const globals = mapping ? Int32Array.from(mapping) : new Int32Array(1024).fill(-1);
  for (const s of parts.get(key)?.settles ?? []) s.resolve(false);
  parts.set(key, { key, spec, placement, seg, globals, lastWrite: performance.now(), received: 0, clusterings: 0, settles: [] });
  if (placement && !maps.has(placement.layout)) maps.set(placement.layout, new LabelMaps());
  return { loaded, mapping, reason };
}

/** The row of a local label the main thread sent: itself until the partition is clustered; -1 for none. */
function rowOf(p: Partition, local: number, create: boolean): number {
  const map = p.fromMain;
  if (!map) return local;
  if (local < map.length && map[local] >= 0) return map[local];
  if (!create) return -1;
  if (local >= map.length) p.fromMain = grow(map, local + 1);
  p.fromMain![local] = p.seg.labelSpan;
  return p.seg.labelSpan;
}

function write(p: Partition, upserts: WriteBatch | undefined, removes: Int32Array | undefined, restore: boolean): void {
  if (p.mirror) return;
  const m = p.placement ? maps.get(p.placement.layout) : undefined;
  p.lastWrite = performance.now();
  p.received += (upserts?.locals.length ?? 0) + (removes?.length ?? 0);
  if (removes) {
    for (const sent of removes) {
      const l = rowOf(p, sent, false);
      if (l < 0) continue;
      if (m && l < p.globals.length && p.globals[l] >= 0) m.clear(p.globals[l], p.placement!.leaf, l);
      p.seg.remove(l);
    }
  }
  if (upserts) {
    const { dim } = p.spec;
    for (let i = 0; i < upserts.locals.length; i++) {
      const local = rowOf(p, upserts.locals[i], true);
      const vector = upserts.vectors.subarray(i * dim, (i + 1) * dim);
      if (restore) p.seg.restore(local, vector, upserts.seqs[i]);
      else p.seg.upsert(local, vector, upserts.seqs[i]);
      if (upserts.globals) {
        if (local >= p.globals.length) p.globals = grow(p.globals, local + 1);
        p.globals[local] = upserts.globals[i];
        m?.set(upserts.globals[i], p.placement!.leaf, local);
      }
    }
  }
  // While restoring, indexing waits for finish-restore (which reports what the snapshot already covered).
  if (!restore) wakeIndexer();
  if (p.spec.flat) scheduleShare();
}

/** Rows written since the clustering, and whether that is enough to cluster (again). */
function unclustered(p: Partition): number {
  if (p.mirror || !p.spec.flat || p.spec.identity || !p.placement || !thresholds.ivf_cluster_rows) return 0;
  const live = p.seg.stats().live;
  const clustered = p.clusters ? p.clusters.offsets[p.clusters.offsets.length - 1] : 0;
  const tail = p.seg.labelSpan - clustered;
  // Worth clustering from a few clusters' worth of rows; again once the tail is a quarter of the rest.
  if (live < ivfMinRows(thresholds)) return 0;
  return tail > Math.max(thresholds.ivf_cluster_rows, clustered / 4) ? tail : 0;
}

/**
 * Clusters a flat partition's live rows (clusters.ts) and rewrites it in cluster
 * order, dropping deleted rows: a new segment, labels, label maps and the map from
 * the main thread's local labels, swapped in at once between messages.
 */
function cluster(p: Partition): void {
  const old = p.seg;
  const { dim } = p.spec;
  const metric = metricFor(p.spec.distance);
  const rows = old.liveSet.toArray();
  const { clusters, order } = clusterRows(old.vectors.buffer, dim, rows, thresholds.ivf_cluster_rows, metric.kernelId, metric.normalize);
  const seg = new Segment(options(p.spec), undefined, undefined, order.length);
  const newRow = new Int32Array(old.labelSpan).fill(-1);
  const globals = new Int32Array(Math.max(1024, order.length)).fill(-1);
  const m = maps.get(p.placement!.layout)!;
  for (let i = 0; i < order.length; i++) {
    const r = order[i];
    seg.upsert(i, old.vectors.get(r), old.version(r));
    newRow[r] = i;
    globals[i] = p.globals[r];
    m.set(p.globals[r], p.placement!.leaf, i);
  }
  const prev = p.fromMain;
  const span = prev ? prev.length : old.labelSpan;
  const fromMain = new Int32Array(Math.max(1024, span)).fill(-1);
  for (let local = 0; local < span; local++) {
    const r = prev ? prev[local] : local;
    if (r >= 0 && r < newRow.length) fromMain[local] = newRow[r];
  }
  p.seg = seg;
  p.globals = globals;
  p.fromMain = fromMain;
  p.clusters = clusters;
  p.clusterings++;
  p.shared = undefined;
  scheduleShare();
}

/** The label maps that localise filters for a partition: its layout's, or a mirror's own. */
function labelMaps(p: Partition): LabelMaps {
  return p.mirror instanceof LabelMaps ? p.mirror : maps.get(p.placement!.layout)!;
}

/**
 * Shares a flat partition as a mirror (protocol.ts Mirror) for the other workers
 * once its writes have paused and it is not waiting to be clustered; the host
 * forwards it. Its rows move into shared memory and are copied on the next write.
 */
function share(p: Partition): void {
  const span = p.seg.labelSpan;
  const words = p.seg.liveSet.words;
  const live = new Uint32Array(new SharedArrayBuffer(4 * Math.max(1, Math.ceil(span / 32))));
  live.set(words.subarray(0, Math.min(words.length, live.length)));
  // (The message copies what is not shared memory: clusters as they are, labels cut to the span.)
  const mirror: Mirror = {
    key: p.key, spec: p.spec, placement: p.placement, received: p.received, rows: p.seg.vectors.share(span), live, span,
    globals: p.spec.identity ? undefined : p.globals.slice(0, span), clusters: p.clusters,
  };
  p.shared = p.received;
  post({ op: 'mirror', mirror });
}

let shareTimer: NodeJS.Timeout | undefined;

/** Shares, once their writes have paused, the flat partitions whose mirror is missing or stale. */
function scheduleShare(): void {
  if (!mirrors || shareTimer) return;
  shareTimer = setTimeout(() => {
    shareTimer = undefined;
    const now = performance.now();
    let waiting = false;
    for (const p of parts.values()) {
      if (p.mirror || !p.spec.flat || p.shared === p.received || p.seg.stats().live === 0) continue;
      if (now - p.lastWrite < CLUSTER_QUIET_MS || unclustered(p) > 0) waiting = true;
      else share(p);
    }
    if (waiting) scheduleShare();
  }, CLUSTER_QUIET_MS);
}

/** Serves another worker's partition from its mirror (replacing an older one). */
function installMirror(m: Mirror): void {
  const old = parts.get(m.key);
  if (old && !old.mirror) return;
  const seg = Segment.mirror(options(m.spec), m.rows, m.live, m.span);
  const globals = m.globals ?? new Int32Array(0);
  let own: LabelMaps | true = true;
  if (m.placement && !m.spec.identity) {
    own = new LabelMaps();
    for (const l of seg.liveSet.toArray()) own.set(globals[l], m.placement.leaf, l);
  }
  parts.set(m.key, { key: m.key, spec: m.spec, placement: m.placement, seg, globals, clusters: m.clusters, lastWrite: 0, received: m.received, clusterings: 0, settles: [], mirror: own });
}

/** Resolves the partition's settles whose rows are all indexed; true while some still wait. */
function settle(p: Partition): boolean {
  if (p.settles.length === 0) return false;
  p.settles = p.settles.filter((s) => {
    // (A partition no longer due for clustering, after deletes, has nothing more to wait for.)
    const done = p.seg.reached(s.mark) && (p.clusterings >= s.clusterings || unclustered(p) === 0);
    if (done) s.resolve(true);
    return !done;
  });
  return p.settles.length > 0;
}

function grow(a: Int32Array, min: number): Int32Array {
  let n = a.length;
  while (n < min) n *= 2;
  const b = new Int32Array(n).fill(-1);
  b.set(a);
  return b;
}

/**
 * The partition-local bitmaps of a filter for several partitions of one layout,
 * in one pass over the filter's matching collection labels (index/bitmap.ts
 * localizeBits, native where the addon loads), each then cut to its live points.
 */
function localAllows(targets: Partition[], words: Uint32Array): Map<Partition, { allow: Bitmap; matching: number }> {
  const m = labelMaps(targets[0]);
  let maxLeaf = 0;
  for (const p of targets) maxLeaf = Math.max(maxLeaf, p.placement!.leaf);
  const slotOf = new Int32Array(maxLeaf + 1).fill(-1);
  const offsets = new Int32Array(targets.length + 1);
  targets.forEach((p, s) => {
    slotOf[p.placement!.leaf] = s;
    offsets[s + 1] = offsets[s] + Math.max(1, Math.ceil(p.seg.labelSpan / 32));
  });
  const arena = new Uint32Array(offsets[targets.length]);
  localizeBits(words, m.leafOf, m.localOf, slotOf, arena, offsets);
  const out = new Map<Partition, { allow: Bitmap; matching: number }>();
  targets.forEach((p, s) => {
    const allow = Bitmap.fromWords(arena.subarray(offsets[s], offsets[s + 1])).and(p.seg.liveSet);
    out.set(p, { allow, matching: allow.count() });
  });
  return out;
}

/** The local labels (in this partition) of collection labels to leave out. */
function toLocal(p: Partition, globalLabels: number[]): Set<number> | undefined {
  if (globalLabels.length === 0) return undefined;
  if (p.spec.identity || !p.placement) return new Set(globalLabels);
  const m = labelMaps(p);
  const out = new Set<number>();
  for (const g of globalLabels) if (g < m.leafOf.length && m.leafOf[g] === p.placement.leaf) out.add(m.localOf[g]);
  return out.size ? out : undefined;
}

/**
 * The worker's side of the executor (a single query is a batch of one):
 * queries inverted into partition -> queries, each partition's group run
 * together (search.ts), answers merged per query. Each distinct filter is
 * turned into bitmaps once: once per layout for the partitions of a layout
 * (one pass over its matching labels), once for identity partitions.
 */
function searchBatch(cmd: SearchBatchCommand): BatchReply {
  const { vectors, queries } = cmd;
  const groups = new Map<Partition, { q: number; implied: boolean }[]>();
  // Per filter and label maps (a layout's, or a mirror's own), the partitions that need that filter's local bitmaps.
  const needs = new Map<number, Map<LabelMaps, Set<Partition>>>();
  for (let j = 0; j < queries.length; j++) {
    for (const t of queries[j].targets) {
      const p = parts.get(t.key);
      if (!p) continue;
      let list = groups.get(p);
      if (!list) groups.set(p, (list = []));
      list.push({ q: j, implied: t.implied });
      const f = queries[j].filter;
      if (t.implied || f < 0 || !p.placement) continue;
      let byLayout = needs.get(f);
      if (!byLayout) needs.set(f, (byLayout = new Map()));
      const lm = labelMaps(p);
      let set = byLayout.get(lm);
      if (!set) byLayout.set(lm, (set = new Set()));
      set.add(p);
    }
  }
  const t0 = performance.now();
  const locals = new Map<number, Map<Partition, { allow: Bitmap; matching: number }>>();
  for (const [f, byLayout] of needs) {
    const m = new Map<Partition, { allow: Bitmap; matching: number }>();
    for (const set of byLayout.values()) for (const [p, a] of localAllows([...set], cmd.filters[f])) m.set(p, a);
    locals.set(f, m);
  }
  const convertMs = performance.now() - t0;
  const identity = new Map<number, Bitmap>();
  const heaps = new Map<number, TopK>();
  const traces: PartitionTrace[][] | undefined = cmd.trace ? queries.map(() => []) : undefined;
  const labels: number[][] = queries.map(() => []);
  const distances: number[][] = queries.map(() => []);
  const answeredBy: Record<string, number> = {};
  let blocks = 0;
  let blockedQueries = 0;
  for (const [p, members] of groups) {
    const dim = p.spec.dim;
    const items: GroupQuery[] = members.map(({ q: j, implied }) => {
      const q = queries[j];
      const vector = vectors.subarray(q.vec * dim, (q.vec + 1) * dim);
      const base = { vector, k: q.k, ef: q.ef, exact: q.exact, exclude: toLocal(p, q.exclude) };
      if (implied || q.filter < 0) return { ...base, matching: p.seg.stats().live, group: -1 };
      if (p.spec.identity || !p.placement) {
        let allow = identity.get(q.filter);
        if (!allow) identity.set(q.filter, (allow = Bitmap.fromWords(cmd.filters[q.filter])));
        return { ...base, allow, matching: q.matching, group: q.filter };
      }
      const { allow, matching } = locals.get(q.filter)!.get(p)!;
      return { ...base, allow, matching, group: q.filter };
    });
    const started = performance.now();
    const run = searchPartitionGroup(p.seg, dim, items, thresholds, p.spec.flat, p.clusters);
    // A member's share of its group's time (and, once, of turning filters into partition-local bitmaps).
    const share = (performance.now() - started) / members.length + (traces && traces.every((t) => t.length === 0) ? convertMs : 0);
    blocks += run.blocks;
    blockedQueries += run.blockedQueries;
    members.forEach(({ q: j, implied }, i) => {
      const answer = run.answers[i];
      answeredBy[answer.answeredBy] = (answeredBy[answer.answeredBy] ?? 0) + 1;
      traces?.[j].push({ key: p.key, implied, matching: items[i].matching, plan: answer.plan, answeredBy: answer.answeredBy, fallback: answer.fallback, ms: share });
      const mapped = p.spec.identity ? answer.labels : answer.labels.map((l) => p.globals[l]);
      if (queries[j].targets.length === 1) {
        labels[j] = mapped;
        distances[j] = answer.distances;
        return;
      }
      let heap = heaps.get(j);
      if (!heap) heaps.set(j, (heap = new TopK(queries[j].k)));
      for (let x = 0; x < mapped.length; x++) heap.push(mapped[x], answer.distances[x]);
    });
  }
  for (const [j, heap] of heaps) ({ labels: labels[j], distances: distances[j] } = heap.sorted());
  const offsets = new Int32Array(queries.length + 1);
  for (let j = 0; j < queries.length; j++) offsets[j + 1] = offsets[j] + labels[j].length;
  const flatLabels = new Int32Array(offsets[queries.length]);
  const flatDistances = new Float64Array(offsets[queries.length]);
  for (let j = 0; j < queries.length; j++) {
    flatLabels.set(labels[j], offsets[j]);
    flatDistances.set(distances[j], offsets[j]);
  }
  return { labels: flatLabels, distances: flatDistances, offsets, answeredBy, blocks, blockedQueries, ...(traces ? { traces } : {}) };
}

function stats(): PartitionStats[] {
  return [...parts.values()].filter((p) => !p.mirror).map((p) => {
    const s = p.seg.stats();
    // A flat partition's backlog is the rows it has yet to cluster (a graph's, the points it has yet to insert).
    const c = p.clusters ? { clusters: p.clusters.centroids.length / p.spec.dim, clustered: p.clusters.offsets[p.clusters.offsets.length - 1] } : {};
    return { key: p.key, live: s.live, indexed: p.spec.flat ? s.live : s.indexed, backlog: p.spec.flat ? unclustered(p) : p.seg.backlog, dirty: p.seg.isDirty, received: p.received, ...c };
  });
}

function wakeIndexer(): void {
  if (!indexTimer) indexTimer = setImmediate(indexTick);
}

/** Clustering waits until writes to a partition pause this long (a layout's load arrives in chunks). */
const CLUSTER_QUIET_MS = 30;
const CLUSTER_MAX_WAIT_MS = 1_000;
let clusterTimer: NodeJS.Timeout | undefined;

function indexTick(): void {
  indexTimer = undefined;
  let remaining = 0;
  for (const p of parts.values()) if (p.seg.backlog > 0) remaining += p.seg.indexStep(sliceMs);
  // One partition clustered per tick, once its writes have paused (searches run between ticks).
  const waiting = [...parts.values()].filter((p) => unclustered(p) > 0);
  const now0 = performance.now();
  for (const p of waiting) p.waitingSince ??= now0;
  const due = (p: Partition): boolean => now0 - p.lastWrite >= CLUSTER_QUIET_MS || now0 - p.waitingSince! >= CLUSTER_MAX_WAIT_MS;
  const ready = waiting.find(due);
  if (ready) {
    cluster(ready);
    ready.waitingSince = undefined;
    remaining += ready.seg.backlog;
    if (waiting.some((p) => p !== ready && due(p))) remaining++;
  }
  if (waiting.length > (ready ? 1 : 0) && !clusterTimer) {
    clusterTimer = setTimeout(() => {
      clusterTimer = undefined;
      wakeIndexer();
    }, CLUSTER_QUIET_MS);
  }
  for (const p of parts.values()) settle(p);
  const now = performance.now();
  if (remaining === 0 || now - lastStats > 100) {
    lastStats = now;
    post({ op: 'stats', parts: stats() });
  }
  if (remaining > 0) wakeIndexer();
}

async function handle(cmd: Command): Promise<unknown> {
  switch (cmd.op) {
    case 'init':
      thresholds = cmd.thresholds;
      sliceMs = cmd.sliceMs;
      mirrors = cmd.mirrors;
      return null;
    case 'open':
      return open(cmd.key, cmd.spec, cmd.dir, cmd.placement);
    case 'mirror':
      installMirror(cmd.mirror);
      return undefined;
    case 'write': {
      const p = parts.get(cmd.key);
      if (p) write(p, cmd.upserts, cmd.removes, cmd.restore === true);
      return undefined;
    }
    case 'finish-restore': {
      const p = parts.get(cmd.key);
      if (!p) return null;
      p.seg.finishRestore();
      wakeIndexer();
      return stats().find((s) => s.key === cmd.key) ?? null;
    }
    case 'search-batch':
      return searchBatch(cmd);
    case 'snapshot': {
      const p = parts.get(cmd.key);
      if (!p || p.spec.flat) return false;
      await p.seg.saveSnapshot(cmd.dir, cmd.seq, p.spec.identity ? undefined : p.globals.subarray(0, p.seg.labelSpan));
      wakeIndexer();
      return true;
    }
    case 'settle': {
      const p = parts.get(cmd.key);
      if (!p) return false;
      return new Promise<boolean>((resolve) => {
        p.settles.push({ mark: p.seg.queueMark, clusterings: p.clusterings + (unclustered(p) > 0 ? 1 : 0), resolve });
        if (settle(p)) wakeIndexer();
      });
    }
    case 'drop': {
      const p = parts.get(cmd.key);
      for (const s of p?.settles ?? []) s.resolve(false);
      parts.delete(cmd.key);
      const layout = p?.placement?.layout;
      if (layout && ![...parts.values()].some((q) => q.placement?.layout === layout)) maps.delete(layout);
      return null;
    }
    case 'stats':
      return stats();
    case 'crash':
      throw new Error('crash requested');
  }
}

port.on('message', (cmd: Command) => {
  if (cmd.op === 'crash') {
    // Die the way an uncaught error would: outside any promise.
    setImmediate(() => {
      throw new Error('partition worker crash requested (test hook)');
    });
    return;
  }
  const id = 'id' in cmd ? cmd.id : undefined;
  handle(cmd).then(
    (result) => {
      if (id !== undefined) post({ op: 'reply', id, result });
    },
    (err: unknown) => {
      const e = err instanceof Error ? err : new Error(String(err));
      if (id !== undefined) post({ op: 'reply', id, error: { message: e.message, stack: e.stack } });
    },
  );
});
