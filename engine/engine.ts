// The engine: the set of collections of one data directory, their lifecycle,
// and the background work that keeps derived state current (folding written
// points into HNSW graphs a time slice at a time, snapshotting graphs).
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

export class Engine {
  private readonly collections = new Map<string, Collection>();
  private readonly creating = new Set<string>();
  private indexTimer: NodeJS.Immediate | undefined;
  private snapshotTimer: NodeJS.Timeout | undefined;
  private readonly saves = new Set<Promise<void>>();
  private closed = false;

  private constructor(
    private readonly storage: Storage,
    private readonly config: Config,
    private readonly log: Logger,
  ) {}

  static async open(config: Config, log: Logger): Promise<Engine> {
    const storage = Storage.open({ dir: config.storage.path, sync: config.storage.sync });
    const engine = new Engine(storage, config, log);
    try {
      for (const row of storage.catalog.list()) {
        const collection = await engine.openCollection({ id: row.id, name: row.name, seq: row.seq, config: JSON.parse(row.config) as CollectionConfig });
        engine.collections.set(row.name, collection);
      }
    } catch (err) {
      storage.close();
      throw err;
    }
    engine.wakeIndexer();
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
    return Collection.open(row, this.storage, this.config.storage.path, this.limits(), this.log, () => this.wakeIndexer());
  }

  /** Returns false when there was no such collection (as Qdrant does). */
  async deleteCollection(name: string): Promise<boolean> {
    this.checkOpen();
    const c = this.collections.get(name);
    if (!c) return false;
    this.collections.delete(name);
    this.storage.catalog.remove(c.id);
    await Promise.all(this.saves);
    await c.drop();
    return true;
  }

  /** Points written but not yet in a graph, over all collections. */
  backlog(): number {
    let n = 0;
    for (const c of this.collections.values()) n += c.segment.backlog;
    return n;
  }

  /** Resolves when every collection's graph holds every written point (for tests and benchmarks). */
  async waitIndexed(): Promise<void> {
    while (this.backlog() > 0) await new Promise((r) => setTimeout(r, 20));
  }

  /** Schedules the indexer if there is work; called after writes. */
  wakeIndexer(): void {
    if (this.indexTimer || this.closed) return;
    this.indexTimer = setImmediate(() => this.indexTick());
  }

  private indexTick(): void {
    this.indexTimer = undefined;
    if (this.closed) return;
    const slice = this.config.index.indexing_slice_ms;
    let remaining = 0;
    for (const c of this.collections.values()) {
      if (c.segment.backlog === 0) continue;
      try {
        remaining += c.segment.indexStep(slice);
      } catch (err) {
        this.log.error({ err, collection: c.name }, 'indexing failed');
      }
    }
    if (remaining > 0) this.wakeIndexer();
  }

  private snapshotDirty(): void {
    for (const c of this.collections.values()) {
      if (c.segment.isDirty) void this.snapshot(c);
    }
  }

  private snapshot(c: Collection): Promise<void> {
    const started = performance.now();
    const save = c.segment
      .saveSnapshot(c.snapshotDir, c.seq)
      .then(() => {
        if (!c.isDropped) this.log.debug({ collection: c.name, ms: Math.round(performance.now() - started) }, 'index snapshot written');
        this.wakeIndexer();
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
    if (this.indexTimer) clearImmediate(this.indexTimer);
    if (this.snapshotTimer) clearInterval(this.snapshotTimer);
    await Promise.all(this.saves);
    await Promise.all([...this.collections.values()].filter((c) => c.segment.isDirty).map((c) => this.snapshot(c)));
    this.storage.close();
    this.collections.clear();
  }
}
