// A collection: its configuration, the SQLite rows that are the source of
// truth, and the in-memory segment derived from them. Every write commits one
// transaction and then updates memory; every read is served from memory plus
// SQLite for payloads.

import { join } from 'node:path';
import { rm } from 'node:fs/promises';
import { fail } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { parsePointId, pointIdFromKey, pointKey } from '../core/point-id.js';
import type { CollectionConfig, Payload, PayloadSelector, PointId, PointRecord, ScoredPoint } from '../core/types.js';
import { metricFor, normalizeInPlace, type Metric } from '../index/distance.js';
import { Segment, type SegmentOptions } from '../index/segment.js';
import type { PointMeta } from '../storage/point-store.js';
import type { Storage } from '../storage/storage.js';
import { deletePayloadKeys, mergePayload, parsePayloadSelector, parseStoredPayload, selectPayload, serializePayload } from './payload.js';
import type {
  CountRequest, DeletePayloadRequest, PointsSelectorRequest, QueryRequest, RetrieveRequest, ScrollRequest, SetPayloadRequest, UpsertRequest,
} from './requests.js';
import { checkLimit, checkPayload, toVector } from './validate.js';

export interface CollectionLimits {
  maxBatchPoints: number;
  maxQueryLimit: number;
  rerankMin: number;
}

export interface WriteResult {
  operation_id: number;
  status: 'completed' | 'acknowledged';
}

export interface CollectionInfo {
  status: 'green' | 'yellow';
  optimizer_status: 'ok';
  points_count: number;
  indexed_vectors_count: number;
  segments_count: number;
  config: {
    params: { vectors: { size: number; distance: string }; shard_number: 1; replication_factor: 1; write_consistency_factor: 1; on_disk_payload: true };
    hnsw_config: { m: number; ef_construct: number; full_scan_threshold: number; max_indexing_threads: 0; on_disk: false };
    optimizer_config: Record<string, unknown>;
    wal_config: Record<string, unknown>;
    quantization_config: null;
  };
  payload_schema: Record<string, unknown>;
}

export class Collection {
  readonly metric: Metric;
  private dropped = false;
  /** Sequence number of the last committed write. */
  private lastSeq: number;

  constructor(
    readonly id: number,
    readonly name: string,
    readonly config: CollectionConfig,
    readonly segment: Segment,
    private readonly storage: Storage,
    private readonly dir: string,
    private readonly limits: CollectionLimits,
    private labelIds: string[],
    /** Called after every committed write that changed vectors (wakes the indexer). */
    private readonly changed: () => void,
    seq: number,
  ) {
    this.metric = metricFor(config.vectors.distance);
    this.lastSeq = seq;
  }

  static segmentOptions(config: CollectionConfig, rerankMin: number): SegmentOptions {
    return {
      metric: metricFor(config.vectors.distance),
      dim: config.vectors.size,
      m: config.hnsw_config.m,
      efConstruction: config.hnsw_config.ef_construct,
      rerankMin,
    };
  }

  /** Loads the segment from its snapshot (if usable) and the points table. */
  static async open(
    row: { id: number; name: string; config: CollectionConfig; seq: number },
    storage: Storage,
    dataDir: string,
    limits: CollectionLimits,
    log: Logger,
    changed: () => void,
  ): Promise<Collection> {
    const dir = Collection.dirFor(dataDir, row.id);
    const options = Collection.segmentOptions(row.config, limits.rerankMin);
    const opened = await Segment.openSnapshot(dir, options);
    let segment: Segment;
    if ('segment' in opened) {
      segment = opened.segment;
    } else {
      segment = new Segment(options);
      if (opened.reason !== 'no index snapshot') log.warn({ collection: row.name, reason: opened.reason }, 'index snapshot unusable; rebuilding the index from storage');
    }
    const labelIds: string[] = [];
    const dim = row.config.vectors.size;
    for (const p of storage.points.all(row.id)) {
      const v = new Float32Array(p.vector.buffer.slice(p.vector.byteOffset, p.vector.byteOffset + dim * 4));
      segment.restore(p.label, v, p.vseq);
      labelIds[p.label] = p.pid;
    }
    segment.finishRestore();
    const stats = segment.stats();
    log.info({ collection: row.name, points: stats.live, indexed: stats.indexed, to_index: segment.backlog }, 'collection loaded');
    return new Collection(row.id, row.name, row.config, segment, storage, dir, limits, labelIds, changed, row.seq);
  }

  static dirFor(dataDir: string, id: number): string {
    return join(dataDir, 'collections', String(id));
  }

  get snapshotDir(): string {
    return this.dir;
  }

  get seq(): number {
    return this.lastSeq;
  }

  get isDropped(): boolean {
    return this.dropped;
  }

  /** Forgets the collection in memory and removes its index files (rows are deleted by the engine). */
  async drop(): Promise<void> {
    this.dropped = true;
    this.labelIds = [];
    await rm(this.dir, { recursive: true, force: true });
  }

  info(): CollectionInfo {
    const stats = this.segment.stats();
    const { vectors, hnsw_config } = this.config;
    return {
      status: this.segment.backlog > 0 ? 'yellow' : 'green',
      optimizer_status: 'ok',
      points_count: stats.live,
      indexed_vectors_count: stats.indexed,
      segments_count: 1,
      config: {
        params: { vectors: { size: vectors.size, distance: vectors.distance }, shard_number: 1, replication_factor: 1, write_consistency_factor: 1, on_disk_payload: true },
        hnsw_config: { ...hnsw_config, max_indexing_threads: 0, on_disk: false },
        optimizer_config: {},
        wal_config: {},
        quantization_config: null,
      },
      payload_schema: {},
    };
  }

  // ---- writes -------------------------------------------------------------

  upsert(req: UpsertRequest, wait: boolean): WriteResult {
    const dim = this.config.vectors.size;
    const items: { pid: string; vector: Float32Array; payload: string | null }[] = [];
    if (req.points !== undefined && req.batch !== undefined) fail('BAD_REQUEST', 'send either "points" or "batch", not both');
    if (req.points !== undefined) {
      if (!Array.isArray(req.points)) fail('BAD_REQUEST', '"points" must be an array');
      req.points.forEach((p, i) => {
        const where = `points[${i}]`;
        items.push({
          pid: pointKey(parsePointId(p.id, `${where}.id`)),
          vector: this.prepareVector(toVector(p.vector, dim, `${where}.vector`)),
          payload: serializePayload(checkPayload(p.payload, `${where}.payload`)),
        });
      });
    } else if (req.batch !== undefined) {
      const { ids, vectors, payloads } = req.batch;
      if (!Array.isArray(ids) || !Array.isArray(vectors)) fail('BAD_REQUEST', 'batch.ids and batch.vectors must be arrays');
      if (vectors.length !== ids.length) fail('BAD_REQUEST', `batch.vectors has ${vectors.length} entries for ${ids.length} ids`);
      if (payloads != null && (!Array.isArray(payloads) || payloads.length !== ids.length)) fail('BAD_REQUEST', `batch.payloads must have one entry per id (${ids.length})`);
      ids.forEach((id, i) => {
        items.push({
          pid: pointKey(parsePointId(id, `batch.ids[${i}]`)),
          vector: this.prepareVector(toVector(vectors[i], dim, `batch.vectors[${i}]`)),
          payload: serializePayload(checkPayload(payloads?.[i], `batch.payloads[${i}]`)),
        });
      });
    } else {
      fail('BAD_REQUEST', 'upsert needs "points" or "batch"');
    }
    if (items.length === 0) fail('EMPTY_BATCH', 'upsert needs at least one point');
    if (items.length > this.limits.maxBatchPoints) fail('INVALID_LIMIT', `upsert carries ${items.length} points; the limit per request is ${this.limits.maxBatchPoints}`);

    const { seq, labels } = this.storage.transaction(() => {
      const { seq, nextLabel } = this.storage.catalog.beginWrite(this.id);
      let next = nextLabel;
      const labels = items.map((it) => {
        const label = this.storage.points.upsert(this.id, it.pid, next, Buffer.from(it.vector.buffer, it.vector.byteOffset, it.vector.byteLength), it.payload, seq);
        if (label === next) next++;
        return label;
      });
      if (next !== nextLabel) this.storage.catalog.setNextLabel(this.id, next);
      return { seq, labels };
    });
    items.forEach((it, i) => {
      this.segment.upsert(labels[i], it.vector, seq);
      this.labelIds[labels[i]] = it.pid;
    });
    this.changed();
    return this.written(seq, wait);
  }

  deletePoints(req: PointsSelectorRequest, wait: boolean): WriteResult {
    const pids = this.selectPids(req);
    const { seq, removed } = this.storage.transaction(() => {
      const { seq } = this.storage.catalog.beginWrite(this.id);
      const removed: number[] = [];
      for (const pid of pids) {
        const label = this.storage.points.remove(this.id, pid);
        if (label !== undefined) removed.push(label);
      }
      return { seq, removed };
    });
    for (const label of removed) {
      this.segment.remove(label);
      delete this.labelIds[label];
    }
    this.changed();
    return this.written(seq, wait);
  }

  setPayload(req: SetPayloadRequest, overwrite: boolean, wait: boolean): WriteResult {
    const patch = checkPayload(req.payload, 'payload');
    if (patch === null) fail('INVALID_PAYLOAD', 'payload must be a JSON object');
    if (overwrite && req.key !== undefined) fail('BAD_REQUEST', '"key" is only supported when setting (merging) payload');
    return this.rewritePayloads(req, (current) => (overwrite ? patch : mergePayload(current, patch, req.key)), wait);
  }

  deletePayload(req: DeletePayloadRequest, wait: boolean): WriteResult {
    if (!Array.isArray(req.keys) || req.keys.some((k) => typeof k !== 'string')) fail('BAD_REQUEST', '"keys" must be a list of strings');
    return this.rewritePayloads(req, (current) => deletePayloadKeys(current, req.keys), wait);
  }

  clearPayload(req: PointsSelectorRequest, wait: boolean): WriteResult {
    return this.rewritePayloads(req, () => null, wait);
  }

  private rewritePayloads(req: PointsSelectorRequest, change: (current: Payload | null) => Payload | null, wait: boolean): WriteResult {
    const pids = this.selectPids(req);
    const seq = this.storage.transaction(() => {
      const rows = this.storage.points.byPids(this.id, pids);
      if (rows.length < new Set(pids).size) {
        // As Qdrant does: naming a point that does not exist fails the whole request.
        const found = new Set(rows.map((r) => r.pid));
        const missing = pids.find((p) => !found.has(p))!;
        fail('POINT_NOT_FOUND', `no point with id ${String(pointIdFromKey(missing))} in collection "${this.name}"`);
      }
      const { seq } = this.storage.catalog.beginWrite(this.id);
      for (const row of rows) {
        const next = change(parseStoredPayload(row.payload));
        this.storage.points.setPayload(this.id, row.pid, serializePayload(next), seq);
      }
      return seq;
    });
    return this.written(seq, wait);
  }

  /** Resolves a points selector ({points: [...]} or {filter}) to id keys. */
  private selectPids(req: PointsSelectorRequest): string[] {
    if (req.filter !== undefined && req.filter !== null) this.rejectFilter();
    if (!Array.isArray(req.points)) fail('BAD_REQUEST', 'select points with "points": [ids...]');
    if (req.points.length > this.limits.maxBatchPoints) fail('INVALID_LIMIT', `request names ${req.points.length} points; the limit is ${this.limits.maxBatchPoints}`);
    return req.points.map((id, i) => pointKey(parsePointId(id, `points[${i}]`)));
  }

  private written(seq: number, wait: boolean): WriteResult {
    this.lastSeq = seq;
    // Writes are committed to SQLite before this returns in both modes; `wait`
    // only tells the client whether the point is already in the graph or in the tail.
    return { operation_id: seq, status: wait ? 'completed' : 'acknowledged' };
  }

  private prepareVector(v: Float32Array): Float32Array {
    return this.metric.normalize ? normalizeInPlace(v) : v;
  }

  private rejectFilter(): never {
    return fail('FILTER_NOT_SUPPORTED', 'filter not supported yet');
  }

  // ---- reads --------------------------------------------------------------

  retrieve(req: RetrieveRequest): PointRecord[] {
    if (!Array.isArray(req.ids)) fail('BAD_REQUEST', '"ids" must be an array of point ids');
    if (req.ids.length > this.limits.maxBatchPoints) fail('INVALID_LIMIT', `request names ${req.ids.length} points; the limit is ${this.limits.maxBatchPoints}`);
    const pids = req.ids.map((id, i) => pointKey(parsePointId(id, `ids[${i}]`)));
    const selector = parsePayloadSelector(req.with_payload, true);
    const withVector = this.withVector(req.with_vector);
    const rows = new Map(this.storage.points.byPids(this.id, pids).map((r) => [r.pid, r]));
    const out: PointRecord[] = [];
    const seen = new Set<string>();
    for (const pid of pids) {
      const row = rows.get(pid);
      if (!row || seen.has(pid)) continue;
      seen.add(pid);
      out.push(this.record(row, selector, withVector));
    }
    return out;
  }

  getPoint(rawId: unknown): PointRecord {
    const id = parsePointId(rawId, 'id');
    const row = this.storage.points.byPid(this.id, pointKey(id));
    if (!row) fail('POINT_NOT_FOUND', `point ${String(id)} not found in collection "${this.name}"`);
    return this.record(row, true, true);
  }

  scroll(req: ScrollRequest): { points: PointRecord[]; next_page_offset: PointId | null } {
    if (req.filter !== undefined && req.filter !== null) this.rejectFilter();
    if (req.order_by !== undefined && req.order_by !== null) fail('UNSUPPORTED', 'order_by is not supported yet; points are scrolled in id order');
    const limit = req.limit == null ? 10 : checkLimit(req.limit, 'limit', this.limits.maxQueryLimit);
    const from = req.offset === undefined || req.offset === null ? '' : pointKey(parsePointId(req.offset, 'offset'));
    const selector = parsePayloadSelector(req.with_payload, true);
    const withVector = this.withVector(req.with_vector);
    const rows = this.storage.points.scroll(this.id, from, limit + 1, false);
    const page = rows.slice(0, limit);
    return {
      points: page.map((r) => this.record(r, selector, withVector)),
      next_page_offset: rows.length > limit ? pointIdFromKey(rows[limit].pid) : null,
    };
  }

  count(req: CountRequest): number {
    if (req.filter !== undefined && req.filter !== null) this.rejectFilter();
    return this.segment.stats().live;
  }

  query(req: QueryRequest): ScoredPoint[] {
    const limit = req.limit == null ? 10 : checkLimit(req.limit, 'limit', this.limits.maxQueryLimit);
    const offset = req.offset === undefined || req.offset === null ? 0 : checkLimit(req.offset, 'offset', this.limits.maxQueryLimit, 0);
    if (limit + offset > this.limits.maxQueryLimit) fail('INVALID_LIMIT', `limit + offset must be at most ${this.limits.maxQueryLimit}`);
    if (req.filter !== undefined && req.filter !== null) this.rejectFilter();
    if (req.using !== undefined && req.using !== null && req.using !== '') fail('UNSUPPORTED', `named vector "${req.using}" does not exist: collections have one unnamed vector`);
    for (const key of ['prefetch', 'lookup_from']) {
      if (req[key] !== undefined && req[key] !== null) fail('UNSUPPORTED', `"${key}" is not supported`);
    }
    const params = req.params ?? {};
    const exact = params.exact === true;
    const ef = params.hnsw_ef === undefined || params.hnsw_ef === null
      ? this.config.hnsw_config.ef_construct
      : checkLimit(params.hnsw_ef, 'params.hnsw_ef', 100_000);
    const selector = parsePayloadSelector(req.with_payload, false);
    const withVector = this.withVector(req.with_vector);
    const { vector, exclude } = this.resolveQuery(req.query);

    const k = limit + offset;
    const found = this.segment.search(vector, { k, ef: Math.max(ef, k), exact, exclude });
    const threshold = req.score_threshold;
    if (threshold !== undefined && threshold !== null && (typeof threshold !== 'number' || !Number.isFinite(threshold))) {
      fail('BAD_REQUEST', 'score_threshold must be a finite number');
    }
    const labels: number[] = [];
    const scores: number[] = [];
    for (let i = offset; i < found.labels.length; i++) {
      const score = this.metric.toScore(found.distances[i]);
      if (threshold != null && (this.metric.higherIsBetter ? score < threshold : score > threshold)) break;
      labels.push(found.labels[i]);
      scores.push(score);
    }
    return this.scored(labels, scores, selector, withVector);
  }

  private resolveQuery(raw: unknown): { vector: Float32Array; exclude?: Set<number> } {
    let q = raw;
    if (q !== null && typeof q === 'object' && !Array.isArray(q) && 'nearest' in q) q = (q as { nearest: unknown }).nearest;
    if (q === undefined || q === null) fail('BAD_REQUEST', '"query" is required: a vector or a point id');
    if (Array.isArray(q)) return { vector: this.prepareVector(toVector(q, this.config.vectors.size, 'query')) };
    if (typeof q === 'number' || typeof q === 'bigint' || typeof q === 'string') {
      const id = parsePointId(q, 'query');
      const row = this.storage.points.byPid(this.id, pointKey(id));
      if (!row) fail('POINT_NOT_FOUND', `query point ${String(id)} not found in collection "${this.name}"`);
      // A copy: the stored row may move when the vector store grows.
      return { vector: Float32Array.from(this.segment.vectors.get(row.label)), exclude: new Set([row.label]) };
    }
    if (typeof q === 'object') {
      const kind = Object.keys(q as object)[0] ?? 'unknown';
      fail('UNSUPPORTED', `query "${kind}" is not supported; send a vector, a point id or {"nearest": ...}`);
    }
    return fail('BAD_REQUEST', '"query" must be a vector or a point id');
  }

  private withVector(raw: unknown): boolean {
    if (raw === undefined || raw === null) return false;
    if (typeof raw === 'boolean') return raw;
    if (Array.isArray(raw)) fail('UNSUPPORTED', 'with_vector lists name vectors; collections have one unnamed vector: use true or false');
    return fail('BAD_REQUEST', 'with_vector must be a boolean');
  }

  private scored(labels: number[], scores: number[], selector: PayloadSelector, withVector: boolean): ScoredPoint[] {
    const rows = selector === false ? undefined : new Map(this.storage.points.byLabels(this.id, labels, false).map((r) => [r.label, r]));
    return labels.map((label, i) => {
      const point: ScoredPoint = { id: pointIdFromKey(this.labelIds[label]), version: this.segment.version(label), score: scores[i] };
      if (rows) {
        const row = rows.get(label);
        point.payload = selectPayload(row ? parseStoredPayload(row.payload) : null, selector) ?? null;
      }
      if (withVector) point.vector = Array.from(this.segment.vectors.get(label));
      return point;
    });
  }

  private record(row: PointMeta, selector: PayloadSelector, withVector: boolean): PointRecord {
    const rec: PointRecord = { id: pointIdFromKey(row.pid) };
    const payload = selectPayload(parseStoredPayload(row.payload), selector);
    if (payload !== undefined) rec.payload = payload;
    if (withVector) rec.vector = Array.from(this.segment.vectors.get(row.label));
    return rec;
  }
}
