// The engine: the set of collections of one data directory, their lifecycle,
// the background work that keeps derived state current (folding written
// points into HNSW graphs a time slice at a time, snapshotting graphs), and
// the workload jobs that run over the collections.
// Transports call only this module and Collection.

import { rm } from 'node:fs/promises';
import type { Config } from '../core/config.js';
import { fail } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { CollectionConfig } from '../core/types.js';
import { Storage } from '../storage/storage.js';
import { Collection, type CollectionLimits } from './collection.js';
import { parseCollectionConfig } from './collection-config.js';
import type { CreateCollectionRequest } from './requests.js';
import { checkCollectionName } from './validate.js';
import { PartitionHost } from './partitions/host.js';
import { Workloads } from './workloads.js';

export class Engine {
  private readonly collections = new Map<string, Collection>();
  private readonly creating = new Set<string>();
  private snapshotTimer: NodeJS.Timeout | undefined;
  private readonly saves = new Set<Promise<void>>();
  private closed = false;
  /** Workload jobs over this engine's collections, and their runner. */
  readonly workloads: Workloads;

  private constructor(
    private readonly storage: Storage,
    private readonly config: Config,
    private readonly log: Logger,
    /** The worker threads that own every collection's partitions. */
    readonly host: PartitionHost,
  ) {
    this.workloads = new Workloads({
      storage,
      config: config.workloads,
      maxQueryLimit: config.service.max_query_limit,
      log,
      byName: (name) => this.collection(name),
      byId: (id) => [...this.collections.values()].find((c) => c.id === id),
    });
    host.onRestart = async (keys) => {
      const set = new Set(keys);
      for (const c of this.collections.values()) await c.restartPartitions(set);
    };
  }

  static async open(config: Config, log: Logger): Promise<Engine> {
    const storage = Storage.open({ dir: config.storage.path, sync: config.storage.sync });
    let host: PartitionHost | undefined;
    let engine: Engine | undefined;
    try {
      host = await PartitionHost.start({ workers: config.index.workers, mirrors: config.index.mirrors, thresholds: config.planner, sliceMs: config.index.indexing_slice_ms }, log);
      engine = new Engine(storage, config, log, host);
      for (const row of storage.catalog.list()) {
        const collection = await engine.openCollection({ id: row.id, name: row.name, seq: row.seq, config: JSON.parse(row.config) as CollectionConfig });
        engine.collections.set(row.name, collection);
      }
      engine.workloads.start();
    } catch (err) {
      await host?.close();
      storage.close();
      throw err;
    }
    const interval = config.storage.snapshot_interval_s * 1000;
    if (interval > 0) {
      engine.snapshotTimer = setInterval(() => engine.snapshotDirty(), interval);
      engine.snapshotTimer.unref();
    }
    return engine;
  }

  private limits(): CollectionLimits {
    return {
      maxBatchPoints: this.config.service.max_batch_points,
      maxQueryLimit: this.config.service.max_query_limit,
      rerankMin: this.config.index.manhattan_rerank_min,
      planner: this.config.planner,
      layout: this.config.layout,
      queryLog: this.config.query_log,
    };
  }

  list(): string[] {
    return [...this.collections.keys()].sort();
  }

  exists(name: string): boolean {
    return this.collections.has(name);
  }

  collection(name: string): Collection {
    const c = this.collections.get(name);
    if (!c) fail('COLLECTION_NOT_FOUND', `collection "${name}" not found`);
    return c;
  }

  async createCollection(name: string, body: CreateCollectionRequest): Promise<void> {
    this.checkOpen();
    checkCollectionName(name);
    const config = parseCollectionConfig(body);
    if (this.collections.has(name)) fail('COLLECTION_EXISTS', `collection "${name}" already exists`);
    if (this.creating.has(name)) fail('COLLECTION_EXISTS', `collection "${name}" is being created`);
    this.creating.add(name);
    try {
      const row = this.storage.catalog.create(name, JSON.stringify(config));
      // SQLite may reuse the id of a dropped collection: clear any files it left.
      await rm(Collection.dirFor(this.config.storage.path, row.id), { recursive: true, force: true });
      const collection = await this.openCollection({ id: row.id, name, seq: row.seq, config });
      this.collections.set(name, collection);
    } finally {
      this.creating.delete(name);
    }
  }

  private openCollection(row: { id: number; name: string; seq: number; config: CollectionConfig }): Promise<Collection> {
    return Collection.open(row, this.storage, this.config.storage.path, this.limits(), this.log, this.host, (job) => this.workloads.filters(row.id, job));
  }

  /** Returns false when there was no such collection (as Qdrant does). */
  async deleteCollection(name: string): Promise<boolean> {
    this.checkOpen();
    const c = this.collections.get(name);
    if (!c) return false;
    this.collections.delete(name);
    // Its workload jobs go with it (cascade); a running one stops before the index closes.
    this.storage.catalog.remove(c.id);
    const stopped = this.workloads.dropCollection(c.id);
    await Promise.all(this.saves);
    await stopped;
    await c.drop();
    return true;
  }

  /** Points written but not yet in a graph, over all collections (as last reported by the workers). */
  backlog(): number {
    let n = 0;
    for (const c of this.collections.values()) n += c.indexStats().backlog;
    return n;
  }

  /** Resolves when every collection's graphs hold every written point (for tests and benchmarks). */
  async waitIndexed(): Promise<void> {
    for (;;) {
      await this.host.settled();
      await this.host.refresh();
      if (this.backlog() === 0) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  private snapshotDirty(): void {
    for (const c of this.collections.values()) {
      if (c.isDirty) void this.snapshot(c);
    }
  }

  private snapshot(c: Collection): Promise<void> {
    const started = performance.now();
    const save = c
      .snapshot()
      .then(() => {
        if (!c.isDropped) this.log.debug({ collection: c.name, ms: Math.round(performance.now() - started) }, 'index snapshot written');
      })
      .catch((err: unknown) => {
        if (!c.isDropped) this.log.error({ err, collection: c.name }, 'index snapshot failed');
      })
      .finally(() => this.saves.delete(save));
    this.saves.add(save);
    return save;
  }

  private checkOpen(): void {
    if (this.closed) fail('SHUTTING_DOWN', 'the server is shutting down');
  }

  /** Stops background work, writes final snapshots and closes storage. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.snapshotTimer) clearInterval(this.snapshotTimer);
    await this.workloads.close();
    await Promise.all(this.saves);
    await this.host.refresh().catch(() => undefined);
    await Promise.all([...this.collections.values()].filter((c) => c.isDirty).map((c) => this.snapshot(c)));
    for (const c of this.collections.values()) await c.close().catch(() => undefined);
    await this.host.close();
    this.storage.close();
    this.collections.clear();
  }
}
