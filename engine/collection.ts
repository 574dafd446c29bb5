// A collection: its configuration, the SQLite rows that are the source of
// truth, and the in-memory index derived from them (collection-index.ts:
// partitions owned by worker threads). Every write commits one
// transaction and then updates memory; every read is served from memory plus
// SQLite for payloads.

import { join } from 'node:path';
import { rm } from 'node:fs/promises';
import { fail, HqdbError } from '../core/errors.js';
import { canonicalJson } from '../core/json.js';
import type { Logger } from '../core/logger.js';
import { fieldValues, splitKey } from '../core/payload-values.js';
import { parsePointId, pointIdFromKey, pointKey } from '../core/point-id.js';
import type { CollectionConfig, Payload, PayloadSelector, PointId, PointRecord, ScoredPoint } from '../core/types.js';
import { Bitmap, SharedWords } from '../index/bitmap.js';
import { metricFor, normalizeInPlace, type Metric } from '../index/distance.js';
import { vectorFromBytes } from '../index/vector-store.js';
import { FIELD_SCHEMAS, FieldIndex, type FieldSchema } from '../index/field-index.js';
import type { PointMeta, Where } from '../storage/point-store.js';
import type { Storage } from '../storage/storage.js';
import { deletePayloadKeys, mergePayload, parsePayloadSelector, parseStoredPayload, selectPayload, serializePayload } from './payload.js';
import type {
  CountRequest, DeletePayloadRequest, PointsSelectorRequest, QueryRequest, RetrieveRequest, ScrollRequest, SetPayloadRequest, UpsertRequest,
} from './requests.js';
import { checkLimit, checkPayload, toVector } from './validate.js';
import { parseFilter, type Condition, type Filter } from './filter/ast.js';
import { evaluateBitmap, type EvaluationStats } from './filter/bitmap.js';
import { compileConditionSql, compileFilterSql } from './filter/sql.js';
import type { Config } from '../core/config.js';
import { CollectionIndex, type BatchItem, type BatchStats, type RouteExplanation } from './collection-index.js';
export type { BatchStats } from './collection-index.js';
import type { LayoutBuildRequest, LayoutView, BuildView } from './layout/types.js';
import { normalizeFilter, type NormalizedFilter } from './layout/predicates.js';
import type { PartitionHost } from './partitions/host.js';
import { BATCH_CHUNK } from './plan/cost.js';
import type { Plan, PlannerThresholds } from './plan/planner.js';
import { QueryLog } from './query-log.js';

/** Looks up the raw filters of a workload job's queries; undefined when the job does not exist. */
export type WorkloadFilters = (job: string) => unknown[] | undefined;

export interface BatchOptions {
  /** Called between steps; throws to stop the batch (a cancelled call or job). */
  alive?: () => void;
  /** Counters the executor adds to (a workload job's statistics). */
  stats?: BatchStats;
  /** Explain every query: its route, each partition's plan, timings. */
  trace?: boolean;
}

/** A validated query with everything it needs resolved. */
interface PreparedQuery {
  /** Canonical JSON of the raw filter ('' without one): the query log's key and the batch's dedup key. */
  filterKey: string;
  k: number;
  offset: number;
  ef: number;
  exact: boolean;
  threshold: number | undefined;
  selector: PayloadSelector;
  withVector: boolean;
  filter: Filter | undefined;
  nf: NormalizedFilter;
  vector: Float32Array;
  exclude: number[];
}

/** One query's outcome in a batch: its points (and, traced, how it ran), or the error it alone raised. */
export type BatchOutcome = { points: ScoredPoint[]; explain?: QueryExplanation } | { error: HqdbError };

export interface CollectionLimits {
  maxBatchPoints: number;
  maxQueryLimit: number;
  rerankMin: number;
  planner: PlannerThresholds;
  layout: Config['layout'];
  queryLog: Config['query_log'];
}

/** What `explain` reports about one query. */
export interface QueryExplanation {
  /** The plan of the (first) partition searched; `route.partitions` has every partition's. */
  plan: Plan;
  matching: number;
  live: number;
  filter: { conditions_from_index: number; conditions_from_sql: number; template: string } | null;
  thresholds: PlannerThresholds;
  /** The step that produced the (first partition's) result: the plan itself, a probe's fallback, or the exact safety net. */
  answered_by: string;
  /** Some partition's plan fell back to an exact scan because the graph returned fewer than min(k, matching) points. */
  fallback: boolean;
  /** Which partitions were visited, why, and the plan in each. */
  route: RouteExplanation;
  timings_ms: { filter: number; search: number; fetch: number; total: number };
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

/** Chunks of a batch in flight at once: the main thread prepares one while the workers search another. */
const BATCH_LANES = 2;

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

export class Collection {
  readonly metric: Metric;
  private dropped = false;
  /** Sequence number of the last committed write. */
  private lastSeq: number;
  /** The column cache: one index per indexed payload field. */
  private readonly fieldIndexes = new Map<string, FieldIndex>();
  /** Shared-memory arenas for the filter bitmaps of batch chunks, reused once a chunk is answered. */
  private readonly arenas: SharedWords[] = [];
  /** The partitions in the worker threads, and where every point is in them. */
  private index!: CollectionIndex;
  private labelIds: string[] = [];
  /** The write that last set each label's vector (reported as a point's version). */
  private versions = new Float64Array(1024);
  readonly queryLog: QueryLog;
  /** The raw filters of a workload job's queries (one per valid line), for layouts learnt from a job; undefined for an unknown job. */
  private workloadFilters: WorkloadFilters = () => undefined;

  private constructor(
    readonly id: number,
    readonly name: string,
    readonly config: CollectionConfig,
    private readonly storage: Storage,
    private readonly dir: string,
    private readonly limits: CollectionLimits,
    seq: number,
    log: Logger,
  ) {
    this.metric = metricFor(config.vectors.distance);
    this.lastSeq = seq;
    this.queryLog = new QueryLog(storage, id, { maxEntries: limits.queryLog.max_entries, flushIntervalMs: limits.queryLog.flush_interval_ms }, log);
  }

  /** Opens the collection's partitions (from their snapshots where usable) and replays the points table into them. */
  static async open(
    row: { id: number; name: string; config: CollectionConfig; seq: number },
    storage: Storage,
    dataDir: string,
    limits: CollectionLimits,
    log: Logger,
    host: PartitionHost,
    workloadFilters: WorkloadFilters = () => undefined,
  ): Promise<Collection> {
    const dir = Collection.dirFor(dataDir, row.id);
    const c = new Collection(row.id, row.name, row.config, storage, dir, limits, row.seq, log);
    c.workloadFilters = workloadFilters;
    c.index = await CollectionIndex.open({
      collectionId: row.id,
      name: row.name,
      config: row.config,
      dir,
      host,
      storage,
      log,
      layout: limits.layout,
      planner: limits.planner,
      rerankMin: limits.rerankMin,
      queryLog: c.queryLog,
      fieldIndex: (key) => c.fieldIndexes.get(key),
      filterBitmap: (filter) => c.filterBitmap(filter),
      onRow: (label, pid, vseq) => {
        c.labelIds[label] = pid;
        c.setVersion(label, vseq);
      },
      isDropped: () => c.dropped,
      seq: () => c.lastSeq,
    });
    for (const { field_name, field_schema } of storage.catalog.listIndexes(row.id)) {
      c.buildFieldIndex(field_name, field_schema as FieldSchema);
    }
    const view = c.index.layoutView();
    log.info({
      collection: row.name, points: c.index.liveTotal, ...c.index.opened, partitions: view.partitions.length, layout: view.status, payload_indexes: c.fieldIndexes.size,
    }, 'collection loaded');
    return c;
  }

  private setVersion(label: number, seq: number): void {
    if (label >= this.versions.length) {
      let n = this.versions.length;
      while (n <= label) n *= 2;
      const v = new Float64Array(n);
      v.set(this.versions);
      this.versions = v;
    }
    this.versions[label] = seq;
  }

  /** Rebuilds partitions whose worker restarted. */
  restartPartitions(keys: ReadonlySet<string>): Promise<void> {
    return this.index.restart(keys);
  }

  /** Figures of the in-memory index: live points, points in graphs, writes not yet in graphs. */
  indexStats(): { live: number; indexed: number; backlog: number } {
    return this.index.stats();
  }

  get isDirty(): boolean {
    return this.index.isDirty;
  }

  snapshot(all = false): Promise<void> {
    return this.index.snapshot(all);
  }

  /** Stops the query log and frees the workers' memory. */
  async close(): Promise<void> {
    this.queryLog.close();
    await this.index.close();
  }

  // ---- layout -------------------------------------------------------------

  startLayoutBuild(req: LayoutBuildRequest): { id: string; status: 'building' } {
    if (req === null || typeof req !== 'object' || Array.isArray(req)) fail('BAD_REQUEST', 'the layout request must be a JSON object');
    return this.index.startBuild(req, (job) => this.workloadFilters(job));
  }

  layoutView(): LayoutView {
    return this.index.layoutView();
  }

  waitLayoutBuild(): Promise<BuildView | null> {
    return this.index.waitBuild();
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
    this.queryLog.close();
    await this.index.close();
    await rm(this.dir, { recursive: true, force: true });
  }

  info(): CollectionInfo {
    const stats = this.index.stats();
    const { vectors, hnsw_config } = this.config;
    return {
      status: stats.backlog > 0 ? 'yellow' : 'green',
      optimizer_status: 'ok',
      points_count: stats.live,
      indexed_vectors_count: stats.indexed,
      segments_count: Math.max(1, this.index.layoutView().partitions.length),
      config: {
        params: { vectors: { size: vectors.size, distance: vectors.distance }, shard_number: 1, replication_factor: 1, write_consistency_factor: 1, on_disk_payload: true },
        hnsw_config: { ...hnsw_config, max_indexing_threads: 0, on_disk: false },
        optimizer_config: {},
        wal_config: {},
        quantization_config: null,
      },
      payload_schema: Object.fromEntries([...this.fieldIndexes].map(([k, idx]) => [k, { data_type: idx.schema, params: { type: idx.schema }, points: idx.pointsCount }])),
    };
  }

  // ---- payload indexes ----------------------------------------------------

  private buildFieldIndex(field: string, schema: FieldSchema): FieldIndex {
    const idx = new FieldIndex(field, schema);
    for (const { label, payload } of this.storage.points.payloads(this.id)) {
      const fv = fieldValues(parseStoredPayload(payload), idx.parts);
      if (fv.present) idx.set(label, true, fv.values);
    }
    this.fieldIndexes.set(field, idx);
    return idx;
  }

  createFieldIndex(fieldName: unknown, rawSchema: unknown, wait: boolean): WriteResult {
    if (typeof fieldName !== 'string' || fieldName.length === 0 || splitKey(fieldName).some((p) => p.length === 0)) {
      fail('BAD_REQUEST', 'field_name must be a non-empty key path such as "genre" or "meta.year"');
    }
    const schemaName = typeof rawSchema === 'object' && rawSchema !== null && !Array.isArray(rawSchema) ? (rawSchema as { type?: unknown }).type : rawSchema;
    if (!FIELD_SCHEMAS.includes(schemaName as FieldSchema)) {
      fail('INVALID_CONFIG', `field_schema must be one of ${FIELD_SCHEMAS.join(', ')}${['geo', 'text'].includes(String(schemaName)) ? ` ("${String(schemaName)}" indexes are not supported)` : ''}, got ${JSON.stringify(schemaName)}`);
    }
    const schema = schemaName as FieldSchema;
    const seq = this.storage.transaction(() => {
      const { seq } = this.storage.catalog.beginWrite(this.id);
      this.storage.catalog.putIndex(this.id, fieldName, schema, seq);
      return seq;
    });
    this.buildFieldIndex(fieldName, schema);
    return this.written(seq, wait);
  }

  deleteFieldIndex(fieldName: string, wait: boolean): WriteResult {
    const seq = this.storage.transaction(() => {
      const { seq } = this.storage.catalog.beginWrite(this.id);
      this.storage.catalog.deleteIndex(this.id, fieldName);
      return seq;
    });
    this.fieldIndexes.delete(fieldName);
    return this.written(seq, wait);
  }

  private indexPayload(label: number, payload: Payload | null): void {
    for (const idx of this.fieldIndexes.values()) {
      const fv = fieldValues(payload, idx.parts);
      idx.set(label, fv.present, fv.values);
    }
  }

  private unindexPayload(label: number): void {
    for (const idx of this.fieldIndexes.values()) idx.remove(label);
  }

  // ---- writes -------------------------------------------------------------

  upsert(req: UpsertRequest, wait: boolean): WriteResult {
    const dim = this.config.vectors.size;
    const items: { pid: string; vector: Float32Array; payload: string | null; object: Payload | null }[] = [];
    if (req.points !== undefined && req.batch !== undefined) fail('BAD_REQUEST', 'send either "points" or "batch", not both');
    if (req.points !== undefined) {
      if (!Array.isArray(req.points)) fail('BAD_REQUEST', '"points" must be an array');
      req.points.forEach((p, i) => {
        const where = `points[${i}]`;
        const object = checkPayload(p.payload, `${where}.payload`);
        items.push({
          pid: pointKey(parsePointId(p.id, `${where}.id`)),
          vector: this.prepareVector(toVector(p.vector, dim, `${where}.vector`)),
          payload: serializePayload(object),
          object,
        });
      });
    } else if (req.batch !== undefined) {
      const { ids, vectors, payloads } = req.batch;
      if (!Array.isArray(ids) || !Array.isArray(vectors)) fail('BAD_REQUEST', 'batch.ids and batch.vectors must be arrays');
      if (vectors.length !== ids.length) fail('BAD_REQUEST', `batch.vectors has ${vectors.length} entries for ${ids.length} ids`);
      if (payloads != null && (!Array.isArray(payloads) || payloads.length !== ids.length)) fail('BAD_REQUEST', `batch.payloads must have one entry per id (${ids.length})`);
      ids.forEach((id, i) => {
        const object = checkPayload(payloads?.[i], `batch.payloads[${i}]`);
        items.push({
          pid: pointKey(parsePointId(id, `batch.ids[${i}]`)),
          vector: this.prepareVector(toVector(vectors[i], dim, `batch.vectors[${i}]`)),
          payload: serializePayload(object),
          object,
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
      this.labelIds[labels[i]] = it.pid;
      this.setVersion(labels[i], seq);
      if (this.fieldIndexes.size > 0) this.indexPayload(labels[i], it.object);
    });
    this.index.upserted(items.map((it, i) => ({ label: labels[i], vector: it.vector, seq, payload: it.object })));
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
      this.unindexPayload(label);
      delete this.labelIds[label];
    }
    this.index.removed(removed);
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
    const byFilter = req.filter !== undefined && req.filter !== null;
    const pids = this.selectPids(req);
    const updated: { label: number; payload: Payload | null }[] = [];
    const seq = this.storage.transaction(() => {
      const rows = this.storage.points.byPids(this.id, pids);
      if (!byFilter && rows.length < new Set(pids).size) {
        // As Qdrant does: naming a point that does not exist fails the whole request.
        const found = new Set(rows.map((r) => r.pid));
        const missing = pids.find((p) => !found.has(p))!;
        fail('POINT_NOT_FOUND', `no point with id ${String(pointIdFromKey(missing))} in collection "${this.name}"`);
      }
      const { seq } = this.storage.catalog.beginWrite(this.id);
      for (const row of rows) {
        const next = change(parseStoredPayload(row.payload));
        this.storage.points.setPayload(this.id, row.pid, serializePayload(next), seq);
        updated.push({ label: row.label, payload: next });
      }
      return seq;
    });
    if (this.fieldIndexes.size > 0) for (const u of updated) this.indexPayload(u.label, u.payload);
    this.index.payloadsChanged(updated);
    return this.written(seq, wait);
  }

  /** Resolves a points selector ({points: [...]} or {filter}) to id keys. */
  private selectPids(req: PointsSelectorRequest): string[] {
    const hasFilter = req.filter !== undefined && req.filter !== null;
    const hasPoints = req.points !== undefined && req.points !== null;
    if (hasFilter && hasPoints) fail('BAD_REQUEST', 'select points with either "points" or "filter", not both');
    if (hasFilter) return this.storage.points.pidsWhere(this.id, this.whereOf(this.parse(req.filter)));
    if (!Array.isArray(req.points)) fail('BAD_REQUEST', 'select points with "points": [ids...] or "filter": {...}');
    if (req.points.length > this.limits.maxBatchPoints) fail('INVALID_LIMIT', `request names ${req.points.length} points; the limit is ${this.limits.maxBatchPoints}`);
    return req.points.map((id, i) => pointKey(parsePointId(id, `points[${i}]`)));
  }

  // ---- filters ------------------------------------------------------------

  private parse(raw: unknown): Filter | undefined {
    const filter = parseFilter(raw, 'filter');
    if (filter) this.checkAgainstIndexes(filter, 'filter');
    return filter;
  }

  /** Conditions that cannot mean anything for a field's indexed type are errors, not empty results. */
  private checkAgainstIndexes(filter: Filter, path: string): void {
    const visit = (c: Condition, where: string): void => {
      if (c.kind === 'filter') return this.checkAgainstIndexes(c.filter, where);
      if (c.kind !== 'range' && c.kind !== 'datetime_range') return;
      const schema = this.fieldIndexes.get(c.key)?.schema;
      if (schema === 'keyword' || schema === 'uuid' || schema === 'bool') {
        fail('INVALID_FILTER', `${where}: range on "${c.key}", which is indexed as ${schema}; ranges apply to integer, float and datetime fields`, { path: where });
      }
    };
    filter.must.forEach((c, i) => visit(c, `${path}.must[${i}]`));
    filter.should.forEach((c, i) => visit(c, `${path}.should[${i}]`));
    filter.mustNot.forEach((c, i) => visit(c, `${path}.must_not[${i}]`));
    filter.minShould?.conditions.forEach((c, i) => visit(c, `${path}.min_should.conditions[${i}]`));
  }

  private whereOf(filter: Filter | undefined): Where {
    return compileFilterSql(filter);
  }

  /** The live labels a filter matches, from the column cache where it can answer and SQL elsewhere. */
  filterBitmap(filter: Filter, stats?: EvaluationStats, arena?: SharedWords): Bitmap {
    // Read only during the (synchronous) evaluation.
    const live = this.index.live;
    return evaluateBitmap(filter, {
      live,
      index: (key) => this.fieldIndexes.get(key),
      viaSql: (c) => {
        const b = new Bitmap(live.capacity);
        for (const l of this.storage.points.labelsWhere(this.id, compileConditionSql(c))) b.set(l);
        return b.and(live);
      },
      labelsOf: (pids) => {
        const b = new Bitmap(live.capacity);
        for (const l of this.storage.points.labelsOf(this.id, pids)) b.set(l);
        return b;
      },
    }, stats, arena);
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
    const filter = this.parse(req.filter);
    if (req.order_by !== undefined && req.order_by !== null) fail('UNSUPPORTED', 'order_by is not supported yet; points are scrolled in id order');
    const limit = req.limit == null ? 10 : checkLimit(req.limit, 'limit', this.limits.maxQueryLimit);
    const from = req.offset === undefined || req.offset === null ? '' : pointKey(parsePointId(req.offset, 'offset'));
    const selector = parsePayloadSelector(req.with_payload, true);
    const withVector = this.withVector(req.with_vector);
    const rows = filter ? this.storage.points.scrollWhere(this.id, from, limit + 1, this.whereOf(filter)) : this.storage.points.scroll(this.id, from, limit + 1, withVector);
    const page = rows.slice(0, limit);
    if (withVector && filter) {
      const vectors = new Map(this.storage.points.byLabels(this.id, page.map((r) => r.label), true).map((r) => [r.label, r.vector]));
      for (const r of page) r.vector = vectors.get(r.label);
    }
    return {
      points: page.map((r) => this.record(r, selector, withVector)),
      next_page_offset: rows.length > limit ? pointIdFromKey(rows[limit].pid) : null,
    };
  }

  count(req: CountRequest): number {
    const filter = this.parse(req.filter);
    return filter ? this.storage.points.countWhere(this.id, this.whereOf(filter)) : this.index.liveTotal;
  }

  /** Refuses a batch of more searches than one request may carry (same limit as points per request). */
  checkBatchSize(n: number): void {
    if (n > this.limits.maxBatchPoints) fail('INVALID_LIMIT', `batch carries ${n} searches; the limit per request is ${this.limits.maxBatchPoints}`);
  }

  /**
   * Runs a batch of queries and answers in input order; one failing query
   * fails the batch (the Qdrant batch contract), with its error's message
   * prefixed by where it is in the request (`field[i]: ...`, as the transport
   * names the list). `alive` is checked between steps (a cancelled gRPC call
   * stops the batch).
   */
  async queryBatch(requests: readonly QueryRequest[], alive?: () => void, field = 'searches'): Promise<ScoredPoint[][]> {
    this.checkBatchSize(requests.length);
    const outcomes = await this.executeBatch(requests, { alive });
    return outcomes.map((o, i) => {
      if (!('error' in o)) return o.points;
      throw new HqdbError(o.error.code, `${field}[${i}]: ${o.error.message}`, o.error.details);
    });
  }

  /**
   * The executor, the only search path (a single query is a batch of one,
   * explain is the same call traced): answers any number of queries (callers
   * stream large workloads through it in chunks) in input order, each with its
   * points or the error that query alone raised. Identical queries run once;
   * each distinct filter is evaluated once; the queries of a chunk are routed,
   * then sent to the workers as one message per worker, where each partition
   * scores its group of queries together (engine/partitions/search.ts). Two
   * chunks are in flight, so the main thread prepares one while the workers
   * search the other.
   */
  async executeBatch(requests: readonly QueryRequest[], options: BatchOptions = {}): Promise<BatchOutcome[]> {
    const out: BatchOutcome[] = new Array<BatchOutcome>(requests.length);
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < requests.length) {
        const from = next;
        next = Math.min(requests.length, next + BATCH_CHUNK);
        options.alive?.();
        await this.runChunk(requests, from, next, out, options);
      }
    };
    await Promise.all(Array.from({ length: Math.min(BATCH_LANES, Math.ceil(requests.length / BATCH_CHUNK)) }, lane));
    return out;
  }

  private async runChunk(requests: readonly QueryRequest[], from: number, to: number, out: BatchOutcome[], { stats, trace = false }: BatchOptions): Promise<void> {
    const t0 = performance.now();
    // Identical queries (same vector, filter and options) run once.
    const byKey = new Map<string, number>();
    const unique: { prepared: PreparedQuery; slots: number[]; evaluation?: EvaluationStats }[] = [];
    const filters = new Map<string, { filter: Filter; evaluated?: { allow: Bitmap; matching: number }; stats?: EvaluationStats }>();
    // Filters evaluate straight into shared memory: their bitmaps cross to the workers without a copy.
    const arena = this.arenas.pop() ?? new SharedWords();
    const items: BatchItem[] = [];
    let filterMs = 0;
    for (let i = from; i < to; i++) {
      const req = requests[i];
      let prepared: PreparedQuery;
      try {
        prepared = this.prepare(req);
      } catch (err) {
        if (!(err instanceof HqdbError)) throw err;
        out[i] = { error: err };
        continue;
      }
      const { filter, vector } = prepared;
      const fkey = filter ? prepared.filterKey : '';
      const key = `${fkey}\u0000${prepared.k} ${prepared.offset} ${prepared.ef} ${prepared.exact} ${prepared.threshold} ${prepared.withVector} ${JSON.stringify(prepared.selector)} ${prepared.exclude.join(',')}\u0000` +
        Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString('latin1');
      const seen = byKey.get(key);
      if (seen !== undefined) {
        unique[seen].slots.push(i);
        if (stats) stats.duplicates++;
        continue;
      }
      byKey.set(key, unique.length);
      let evaluate: (() => { allow: Bitmap; matching: number }) | undefined;
      let evaluation: EvaluationStats | undefined;
      if (filter) {
        let f = filters.get(fkey);
        if (!f) filters.set(fkey, (f = { filter, stats: trace ? { indexed: 0, sql: 0 } : undefined }));
        const entry = f;
        evaluation = entry.stats;
        evaluate = () => {
          if (entry.evaluated) return entry.evaluated;
          const t = performance.now();
          entry.evaluated = this.evaluateFilter(entry.filter, entry.stats, arena);
          filterMs += performance.now() - t;
          return entry.evaluated;
        };
      }
      unique.push({ prepared, slots: [i], evaluation });
      items.push({
        vector: prepared.vector,
        query: {
          k: prepared.k, ef: prepared.ef, exact: prepared.exact, nf: prepared.nf, filtered: filter !== undefined, exclude: prepared.exclude,
          evaluate: evaluate ?? (() => ({ allow: this.index.live, matching: this.index.liveTotal })),
        },
      });
    }
    if (stats) stats.distinctFilters += filters.size;
    const live = this.index.liveTotal;
    const t1 = performance.now();
    const found = await this.index.searchBatch(items, stats, trace);
    // The workers have answered: nothing reads this chunk's bitmaps any more, and the next chunk may reuse their memory.
    arena.reset();
    if (this.arenas.length < BATCH_LANES * 2) this.arenas.push(arena);
    const t2 = performance.now();
    for (let u = 0; u < unique.length; u++) {
      const { prepared, slots, evaluation } = unique[u];
      const points = this.finish(prepared, found[u].labels, found[u].distances);
      let explain: QueryExplanation | undefined;
      if (trace) {
        const route = found[u].route!;
        const first = route.partitions[0];
        // Timings are the chunk's: for a single query (a batch of one), that query's.
        const t3 = performance.now();
        explain = {
          plan: first?.plan ?? { kind: 'empty', reason: 'no point matches the filter' },
          matching: found[u].matching,
          live,
          filter: prepared.filter ? { conditions_from_index: evaluation!.indexed, conditions_from_sql: evaluation!.sql, template: prepared.nf.template } : null,
          thresholds: this.limits.planner,
          answered_by: first?.answered_by ?? 'empty',
          fallback: route.partitions.some((x) => x.fallback),
          route,
          timings_ms: { filter: round(filterMs), search: round(t2 - t1 - filterMs), fetch: round(t3 - t2), total: round(t3 - t0) },
        };
      }
      for (const slot of slots) out[slot] = explain ? { points, explain } : { points };
    }
  }

  private evaluateFilter(filter: Filter, stats?: EvaluationStats, arena?: SharedWords): { allow: Bitmap; matching: number } {
    const allow = this.filterBitmap(filter, stats, arena);
    return { allow, matching: allow.count() };
  }

  /** One query: a batch of one through the executor. */
  async query(req: QueryRequest): Promise<ScoredPoint[]> {
    return (await this.one(req, false)).points;
  }

  /** Runs a query and reports how: the partitions visited, the plan in each, the matching count, thresholds and timings. */
  async explain(req: QueryRequest): Promise<{ points: ScoredPoint[]; explain: QueryExplanation }> {
    const { points, explain } = await this.one(req, true);
    return { points, explain: explain! };
  }

  private async one(req: QueryRequest, trace: boolean): Promise<{ points: ScoredPoint[]; explain?: QueryExplanation }> {
    const [outcome] = await this.executeBatch([req], { trace });
    if ('error' in outcome) throw outcome.error;
    return outcome;
  }

  /** Validates a query and resolves what it needs (vector, filter, limits); records its filter in the query log. */
  private prepare(req: QueryRequest): PreparedQuery {
    const limit = req.limit == null ? 10 : checkLimit(req.limit, 'limit', this.limits.maxQueryLimit);
    const offset = req.offset == null ? 0 : checkLimit(req.offset, 'offset', this.limits.maxQueryLimit, 0);
    if (limit + offset > this.limits.maxQueryLimit) fail('INVALID_LIMIT', `limit + offset must be at most ${this.limits.maxQueryLimit}`);
    if (req.using !== undefined && req.using !== null && req.using !== '') fail('UNSUPPORTED', `named vector "${req.using}" does not exist: collections have one unnamed vector`);
    for (const key of ['prefetch', 'lookup_from']) {
      if (req[key] !== undefined && req[key] !== null) fail('UNSUPPORTED', `"${key}" is not supported`);
    }
    const params = req.params ?? {};
    const ef = params.hnsw_ef == null ? this.config.hnsw_config.ef_construct : checkLimit(params.hnsw_ef, 'params.hnsw_ef', 100_000);
    const threshold = req.score_threshold;
    if (threshold != null && (typeof threshold !== 'number' || !Number.isFinite(threshold))) fail('BAD_REQUEST', 'score_threshold must be a finite number');
    const selector = parsePayloadSelector(req.with_payload, false);
    const withVector = this.withVector(req.with_vector);
    const filter = this.parse(req.filter);
    const { vector, exclude } = this.resolveQuery(req.query);
    const nf = normalizeFilter(filter);
    const filterKey = req.filter === undefined || req.filter === null ? '' : canonicalJson(req.filter);
    this.queryLog.record(filterKey, nf);
    return { filterKey, k: limit + offset, offset, ef, exact: params.exact === true, threshold: threshold ?? undefined, selector, withVector, filter, nf, vector, exclude: exclude ?? [] };
  }

  /** The answer's points: offset and score threshold applied, payloads and vectors read from SQLite. */
  private finish(p: PreparedQuery, found: ArrayLike<number>, distances: ArrayLike<number>): ScoredPoint[] {
    const labels: number[] = [];
    const scores: number[] = [];
    for (let i = p.offset; i < found.length; i++) {
      // A point deleted while the query ran is left out (the workers answered before they saw the delete).
      if (this.labelIds[found[i]] === undefined) continue;
      const score = this.metric.toScore(distances[i]);
      if (p.threshold !== undefined && (this.metric.higherIsBetter ? score < p.threshold : score > p.threshold)) break;
      labels.push(found[i]);
      scores.push(score);
    }
    return this.scored(labels, scores, p.selector, p.withVector);
  }

  private resolveQuery(raw: unknown): { vector: Float32Array; exclude?: number[] } {
    let q = raw;
    if (q !== null && typeof q === 'object' && !Array.isArray(q) && 'nearest' in q) q = (q as { nearest: unknown }).nearest;
    if (q === undefined || q === null) fail('BAD_REQUEST', '"query" is required: a vector or a point id');
    if (Array.isArray(q) || q instanceof Float32Array) return { vector: this.prepareVector(toVector(q, this.config.vectors.size, 'query')) };
    if (typeof q === 'number' || typeof q === 'bigint' || typeof q === 'string') {
      const id = parsePointId(q, 'query');
      const row = this.storage.points.byPid(this.id, pointKey(id));
      if (!row) fail('POINT_NOT_FOUND', `query point ${String(id)} not found in collection "${this.name}"`);
      return { vector: this.vectorOf(row.vector!), exclude: [row.label] };
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
    const rows = selector === false && !withVector ? undefined : new Map(this.storage.points.byLabels(this.id, labels, withVector).map((r) => [r.label, r]));
    return labels.map((label, i) => {
      const point: ScoredPoint = { id: pointIdFromKey(this.labelIds[label]), version: this.versions[label], score: scores[i] };
      const row = rows?.get(label);
      if (selector !== false) point.payload = selectPayload(row ? parseStoredPayload(row.payload) : null, selector) ?? null;
      if (withVector && row?.vector) point.vector = Array.from(this.vectorOf(row.vector));
      return point;
    });
  }

  /** A stored vector blob as floats (already normalised for Cosine). */
  private vectorOf(blob: Buffer): Float32Array {
    return vectorFromBytes(blob, this.config.vectors.size);
  }

  private record(row: PointMeta, selector: PayloadSelector, withVector: boolean): PointRecord {
    const rec: PointRecord = { id: pointIdFromKey(row.pid) };
    const payload = selectPayload(parseStoredPayload(row.payload), selector);
    if (payload !== undefined) rec.payload = payload;
    if (withVector && row.vector) rec.vector = Array.from(this.vectorOf(row.vector));
    return rec;
  }
}
