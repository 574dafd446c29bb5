// A segment: the vectors of a set of points, an HNSW graph over the ones that
// have been indexed, and the not-yet-indexed tail that searches scan exactly.
//
// Writes only touch the vector store and the label state (O(dim)); the graph
// has a single mutator, `indexStep`, which folds the queue of changed labels
// into it a time slice at a time. That keeps bulk import unthrottled by HNSW
// insertion, keeps new points searchable at once, and gives the graph one
// owner so it can later move to a worker thread with its partition.
//
// Label states:  FREE (no live point)  PENDING (live, graph stale or absent)
//                INDEXED (live, graph holds its current vector)
// graphSeq[label] is the vector write (vseq) the graph holds for that label,
// 0 when the graph holds none or has it marked deleted. It is persisted with
// the graph, so a snapshot taken at any moment can be reconciled with SQLite.

import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Metric } from './distance.js';
import { Bitmap } from './bitmap.js';
import { KERNEL, type KernelResult } from './kernel.js';
import { HnswGraph, type HnswParams } from './hnsw-graph.js';
import { mergeNeighbours, TopK, type Neighbours } from './top-k.js';
import { VectorStore } from './vector-store.js';

const FREE = 0;
const PENDING = 1;
const INDEXED = 2;

/** Below this many stale graph entries, searches over-fetch instead of filtering. */
const STALE_OVERFETCH_LIMIT = 64;

export interface SegmentOptions {
  metric: Metric;
  dim: number;
  m: number;
  efConstruction: number;
  /** Minimum candidates fetched from the graph when the metric needs re-scoring. */
  rerankMin: number;
  /** A flat block: no graph; every search scans the live vectors with the kernel. */
  flat?: boolean;
  /** Vectors in shared memory from the start (a flat partition its worker shares as mirrors: no copy to share them). */
  shared?: boolean;
}

export interface SearchOptions {
  k: number;
  ef: number;
  exact: boolean;
  /** Only labels set here may be returned (a filter's bitmap); all live labels when absent. */
  allow?: Bitmap;
  /** Labels to leave out (for example the query point itself). */
  exclude?: ReadonlySet<number>;
}

export interface SegmentStats {
  live: number;
  indexed: number;
  pending: number;
  graphElements: number;
}

interface SnapshotMeta {
  format: 1;
  generation: number;
  space: string;
  dim: number;
  m: number;
  ef_construction: number;
  covered_seq: number;
  labels: number;
  graph: { file: string; sha256: string };
  seqs: { file: string; sha256: string };
  /** Partition-local label -> collection label, for partitions of a layout. */
  mapping?: { file: string; sha256: string };
}

export class Segment {
  readonly vectors: VectorStore;
  private graph: HnswGraph;
  private state = new Uint8Array(1024);
  private graphSeq = new Float64Array(1024);
  private vseq = new Float64Array(1024);
  private queued = new Uint8Array(1024);
  /** Live labels, for exact scans by the kernel. */
  private readonly liveBits = new Bitmap(1024);
  private queue: number[] = [];
  private head = 0;
  /** Labels ever queued, and ever taken off the queue (a position in the queue that outlives its trimming). */
  private enqueuedTotal = 0;
  private dequeuedTotal = 0;
  private labelCount = 0;
  private live = 0;
  private indexed = 0;
  private stale = 0;
  private saving = false;
  /** Graph mutations since the last snapshot. */
  private dirty = 0;
  private generation = 0;

  /** `capacity`: the labels it is expected to hold (its vector store is sized for them). */
  constructor(readonly options: SegmentOptions, graph?: HnswGraph, store?: VectorStore, capacity = 1024) {
    this.vectors = store ?? new VectorStore(options.dim, capacity, options.shared);
    this.graph = graph ?? HnswGraph.create(this.hnswParams());
  }

  /**
   * A read-only flat segment over rows another thread shares (VectorStore.share):
   * a partition's mirror, which serves searches and is never written. `live`
   * holds the words of its live labels' bitmap, among labels [0, span).
   */
  static mirror(options: SegmentOptions, rows: Float32Array, live: Uint32Array, span: number): Segment {
    const seg = new Segment({ ...options, flat: true }, undefined, VectorStore.view(options.dim, rows));
    if (span > 0) seg.ensure(span - 1);
    for (const l of Bitmap.fromWords(live).toArray()) {
      if (l >= span) break;
      seg.state[l] = INDEXED;
      seg.liveBits.set(l);
      seg.live++;
    }
    seg.indexed = seg.live;
    return seg;
  }

  private hnswParams(): HnswParams {
    const { metric, dim, m, efConstruction } = this.options;
    return { space: metric.space, dim, m, efConstruction };
  }

  stats(): SegmentStats {
    return { live: this.live, indexed: this.indexed, pending: this.live - this.indexed, graphElements: this.graph.size };
  }

  /** Labels waiting for the indexer (including deletions to apply to the graph). */
  get backlog(): number {
    return this.queue.length - this.head;
  }

  /** A mark in the indexer's queue: everything queued so far is in the graph once `reached(mark)`. */
  get queueMark(): number {
    return this.enqueuedTotal;
  }

  reached(mark: number): boolean {
    return this.dequeuedTotal >= mark;
  }

  get isDirty(): boolean {
    return this.dirty > 0;
  }

  /** The write sequence number of the label's current vector. */
  version(label: number): number {
    return this.vseq[label];
  }

  isLive(label: number): boolean {
    return label < this.labelCount && this.state[label] !== FREE;
  }

  // ---- writes -------------------------------------------------------------

  /** Stores a point's (already normalised) vector written at sequence `seq`. */
  upsert(label: number, vector: Float32Array, seq: number): void {
    this.ensure(label);
    this.vectors.set(label, vector);
    this.vseq[label] = seq;
    const s = this.state[label];
    if (s === FREE) {
      this.live++;
      this.liveBits.set(label);
    }
    if (s === INDEXED) {
      this.indexed--;
      this.stale++;
    }
    this.state[label] = PENDING;
    this.enqueue(label);
  }

  remove(label: number): void {
    if (!this.isLive(label)) return;
    const s = this.state[label];
    this.live--;
    this.liveBits.clear(label);
    if (s === INDEXED) {
      this.indexed--;
      this.stale++;
    }
    this.state[label] = FREE;
    if (this.graphSeq[label] > 0) this.enqueue(label);
  }

  // ---- indexing -----------------------------------------------------------

  /**
   * Folds queued labels into the graph for at most `budgetMs` milliseconds.
   * Returns how many labels are still queued. Does nothing while a snapshot is written.
   */
  indexStep(budgetMs: number): number {
    if (this.saving) return this.backlog;
    const deadline = performance.now() + budgetMs;
    let n = 0;
    while (this.head < this.queue.length) {
      const label = this.queue[this.head++];
      this.dequeuedTotal++;
      this.queued[label] = 0;
      this.applyToGraph(label);
      // Check the clock every few labels: an insertion costs ~0.1-1 ms.
      if ((++n & 7) === 0 && performance.now() >= deadline) break;
    }
    if (this.head === this.queue.length) {
      this.queue = [];
      this.head = 0;
    } else if (this.head > 65_536 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    return this.backlog;
  }

  private applyToGraph(label: number): void {
    const s = this.state[label];
    const inGraph = this.graphSeq[label] > 0;
    if (s === PENDING) {
      this.graph.add(label, this.vectors.get(label), !this.everInGraph(label));
      this.markEverInGraph(label);
      if (inGraph) this.stale--;
      this.graphSeq[label] = this.vseq[label];
      this.state[label] = INDEXED;
      this.indexed++;
      this.dirty++;
    } else if (s === FREE && inGraph) {
      this.graph.markDeleted(label);
      this.graphSeq[label] = 0;
      this.stale--;
      this.dirty++;
    }
  }

  // hnswlib keeps an element for every label ever added, deleted or not; adding
  // an existing label updates it in place rather than growing the graph.
  private everAdded = new Uint8Array(1024);
  private everInGraph(label: number): boolean {
    return this.everAdded[label] === 1;
  }
  private markEverInGraph(label: number): void {
    this.everAdded[label] = 1;
  }

  // ---- search -------------------------------------------------------------

  search(query: Float32Array, { k, ef, exact, allow, exclude }: SearchOptions): Neighbours {
    if (this.options.flat) exact = true;
    const excluded = exclude?.size ?? 0;
    const want = Math.min(k + excluded, this.live);
    if (want <= 0) return { labels: [], distances: [] };
    const { metric, dim } = this.options;
    let result: Neighbours;
    if (exact) {
      const words = allow ? allow.clone().and(this.liveBits).words : this.liveBits.words;
      result = fromKernel(KERNEL.scanBitmap(this.vectors.buffer, dim, query, words, metric.kernelId, want));
    } else {
      result = mergeNeighbours([this.searchGraph(query, want, ef, allow), this.scanTail(query, want, allow)], want);
    }
    if (excluded > 0) {
      const keep = result.labels.map((l, i) => [l, i] as const).filter(([l]) => !exclude!.has(l)).slice(0, k);
      result = { labels: keep.map(([l]) => l), distances: keep.map(([, i]) => result.distances[i]) };
    }
    return result;
  }

  private searchGraph(query: Float32Array, k: number, ef: number, allow?: Bitmap): Neighbours {
    if (this.indexed === 0) return { labels: [], distances: [] };
    const { metric, rerankMin, dim } = this.options;
    const want = Math.min(metric.rerank ? Math.max(k, rerankMin) : k, this.indexed);
    // Stale entries (graph holds an old vector, or a deletion not yet applied)
    // are dropped after the search: over-fetch by their number when they are
    // few, otherwise let the graph skip them with an O(1) state lookup. A
    // filter bitmap is always checked inside the graph search.
    const state = this.state;
    const skipStale = this.stale > STALE_OVERFETCH_LIMIT;
    const fetch = skipStale ? want : want + this.stale;
    let callback: ((label: number) => boolean) | undefined;
    if (allow) {
      const words = allow.words;
      const n = words.length;
      callback = skipStale
        ? (l) => (l >>> 5) < n && ((words[l >>> 5] >>> (l & 31)) & 1) === 1 && state[l] === INDEXED
        : (l) => (l >>> 5) < n && ((words[l >>> 5] >>> (l & 31)) & 1) === 1;
    } else if (skipStale) {
      callback = (l) => state[l] === INDEXED;
    }
    const raw = this.graph.search(query, fetch, Math.max(ef, fetch), callback);
    const labels: number[] = [];
    const distances: number[] = [];
    for (let i = 0; i < raw.labels.length; i++) {
      const label = raw.labels[i];
      if (state[label] !== INDEXED) continue;
      labels.push(label);
      distances.push(metric.rerank ? metric.kernel(query, 0, this.vectors.buffer, label * dim, dim) : metric.fromGraph(raw.distances[i]));
    }
    if (metric.rerank) {
      const heap = new TopK(k);
      for (let i = 0; i < labels.length; i++) heap.push(labels[i], distances[i]);
      return heap.sorted();
    }
    return { labels: labels.slice(0, k), distances: distances.slice(0, k) };
  }

  private scanTail(query: Float32Array, k: number, allow?: Bitmap): Neighbours {
    if (this.indexed === this.live) return { labels: [], distances: [] };
    const { metric, dim } = this.options;
    const pending = new Int32Array(this.live - this.indexed);
    let n = 0;
    for (let i = this.head; i < this.queue.length && n < pending.length; i++) {
      const l = this.queue[i];
      if (this.state[l] === PENDING && (!allow || allow.has(l))) pending[n++] = l;
    }
    return fromKernel(KERNEL.scanLabels(this.vectors.buffer, dim, query, pending, n, metric.kernelId, k));
  }

  /** Labels ever used (one past the highest). */
  get labelSpan(): number {
    return this.labelCount;
  }

  /** Live labels (not a copy: do not modify). */
  get liveSet(): Bitmap {
    return this.liveBits;
  }

  /** Score of one stored vector against a query (internal distance). */
  distanceTo(query: Float32Array, label: number): number {
    const { metric, dim } = this.options;
    return metric.kernel(query, 0, this.vectors.buffer, label * dim, dim);
  }

  // ---- persistence --------------------------------------------------------

  /**
   * Writes the graph and its per-label sequence numbers to `dir` under a new
   * generation, then atomically replaces snapshot.json, then removes the files
   * of older generations. The indexer is paused while the graph file is written.
   */
  async saveSnapshot(dir: string, coveredSeq: number, mapping?: Int32Array): Promise<void> {
    if (this.saving) return;
    this.saving = true;
    try {
      await mkdir(dir, { recursive: true });
      const generation = this.generation + 1;
      const graphFile = `graph-${generation}.hnsw`;
      const seqFile = `graph-${generation}.seq`;
      const dirtyAtStart = this.dirty;
      const seqs = this.graphSeq.slice(0, this.labelCount);
      await writeFile(join(dir, seqFile), new Uint8Array(seqs.buffer));
      const mapFile = `graph-${generation}.map`;
      if (mapping) await writeFile(join(dir, mapFile), new Uint8Array(mapping.buffer, mapping.byteOffset, mapping.byteLength));
      await this.graph.save(join(dir, graphFile));
      const meta: SnapshotMeta = {
        format: 1,
        generation,
        space: this.options.metric.space,
        dim: this.options.dim,
        m: this.options.m,
        ef_construction: this.options.efConstruction,
        covered_seq: coveredSeq,
        labels: this.labelCount,
        graph: { file: graphFile, sha256: await sha256File(join(dir, graphFile)) },
        seqs: { file: seqFile, sha256: await sha256File(join(dir, seqFile)) },
        ...(mapping ? { mapping: { file: mapFile, sha256: await sha256File(join(dir, mapFile)) } } : {}),
      };
      await writeFile(join(dir, 'snapshot.json.tmp'), JSON.stringify(meta, null, 2));
      await rename(join(dir, 'snapshot.json.tmp'), join(dir, 'snapshot.json'));
      this.generation = generation;
      this.dirty -= dirtyAtStart;
      for (const f of await readdir(dir)) {
        if (/^graph-\d+\.(hnsw|seq|map)$/.test(f) && f !== graphFile && f !== seqFile && f !== mapFile) await rm(join(dir, f), { force: true });
      }
    } finally {
      this.saving = false;
    }
  }

  /**
   * Opens the snapshot in `dir` if there is one that matches these options and
   * whose checksums verify. Returns a segment whose graph is loaded but whose
   * vectors are still to be supplied with `restore`, or a reason for rebuilding.
   */
  static async openSnapshot(dir: string, options: SegmentOptions): Promise<{ segment: Segment; mapping?: Int32Array } | { reason: string }> {
    let meta: SnapshotMeta;
    try {
      meta = JSON.parse(await readFile(join(dir, 'snapshot.json'), 'utf8')) as SnapshotMeta;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      return { reason: code === 'ENOENT' ? 'no index snapshot' : `unreadable snapshot.json: ${(err as Error).message}` };
    }
    if (meta.format !== 1 || meta.space !== options.metric.space || meta.dim !== options.dim || meta.m !== options.m || meta.ef_construction !== options.efConstruction) {
      return { reason: 'snapshot was built with different parameters' };
    }
    try {
      for (const f of [meta.graph, meta.seqs, ...(meta.mapping ? [meta.mapping] : [])]) {
        const actual = await sha256File(join(dir, f.file));
        if (actual !== f.sha256) return { reason: `checksum mismatch in ${f.file}` };
      }
      const bytes = await readFile(join(dir, meta.seqs.file));
      const seqs = new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
      if (seqs.length !== meta.labels) return { reason: `${meta.seqs.file} holds ${seqs.length} labels, expected ${meta.labels}` };
      const graph = await HnswGraph.load({ space: options.metric.space, dim: options.dim, m: options.m, efConstruction: options.efConstruction }, join(dir, meta.graph.file));
      const segment = new Segment(options, graph);
      segment.ensure(Math.max(0, meta.labels - 1));
      segment.graphSeq.set(seqs);
      // Labels deleted before the snapshot are still elements of the graph.
      for (const l of graph.labels()) {
        segment.ensure(l);
        segment.everAdded[l] = 1;
      }
      segment.generation = meta.generation;
      if (!meta.mapping) return { segment };
      const mapBytes = await readFile(join(dir, meta.mapping.file));
      const mapping = new Int32Array(mapBytes.buffer.slice(mapBytes.byteOffset, mapBytes.byteOffset + mapBytes.byteLength));
      return { segment, mapping };
    } catch (err) {
      return { reason: `cannot read index snapshot: ${(err as Error).message}` };
    }
  }

  /**
   * Supplies a stored point while opening. Points whose vector the graph holds
   * become INDEXED; the others are queued. Call `finishRestore` after the last one.
   */
  restore(label: number, vector: Float32Array, seq: number): void {
    this.ensure(label);
    this.vectors.set(label, vector);
    this.vseq[label] = seq;
    this.live++;
    this.liveBits.set(label);
    if (this.graphSeq[label] === seq) {
      this.state[label] = INDEXED;
      this.indexed++;
    } else {
      this.state[label] = PENDING;
      if (this.graphSeq[label] > 0) this.stale++;
      this.enqueue(label);
    }
  }

  /** Queues the deletion of graph entries whose points no longer exist. */
  finishRestore(): void {
    for (let l = 0; l < this.labelCount; l++) {
      if (this.state[l] === FREE && this.graphSeq[l] > 0) {
        this.stale++;
        this.enqueue(l);
      }
    }
  }

  // ---- internals ----------------------------------------------------------

  private enqueue(label: number): void {
    if (this.queued[label] || this.options.flat) return;
    this.queued[label] = 1;
    this.queue.push(label);
    this.enqueuedTotal++;
  }

  private ensure(label: number): void {
    if (label >= this.labelCount) this.labelCount = label + 1;
    if (label < this.state.length) return;
    let n = this.state.length;
    while (n <= label) n *= 2;
    this.state = growU8(this.state, n);
    this.queued = growU8(this.queued, n);
    this.everAdded = growU8(this.everAdded, n);
    this.graphSeq = growF64(this.graphSeq, n);
    this.vseq = growF64(this.vseq, n);
  }
}

function fromKernel(r: KernelResult): Neighbours {
  return { labels: Array.from(r.labels), distances: Array.from(r.distances) };
}

function growU8(a: Uint8Array, n: number): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(n);
  b.set(a);
  return b;
}

function growF64(a: Float64Array, n: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(n);
  b.set(a);
  return b;
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
