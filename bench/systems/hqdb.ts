// `hqdb`: the engine in this process, called as the REST and gRPC front ends
// call it (Collection.query / createFieldIndex / upsert), without transport
// costs: what the engine itself does. Payload fields are indexed with the
// schema the dataset's columns suggest; hnsw_ef is swept like the others.
//
// `hqdb-layout`: the same, then a workload-aware layout (issue 6) learnt from
// the past workload (`ctx.past`, the first 25% of the queries: only their
// filters matter) with Collection.startLayoutBuild, waited for before any query.
// Its build time, partitions and memory are reported (`layoutStats`).

import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../core/config.js';
import { createLogger } from '../../core/logger.js';
import type { Collection } from '../../engine/collection.js';
import type { LayoutBuildRequest } from '../../engine/layout/types.js';
import { Engine } from '../../engine/engine.js';
import { vectorOf } from '../datasets/dataset.js';
import { diskUsage } from '../lib/disk.js';
import { selfPeakRss } from '../lib/rss.js';
import type { LayoutStats } from '../runner/result.js';
import { EF_SWEEP, HNSW_EF_CONSTRUCTION, HNSW_M } from './naive.js';
import type { BenchSystem, BuildContext, SearchRequest } from './system.js';

const COLLECTION = 'bench';
const UPSERT_BATCH = 2000;

export class HqdbSystem implements BenchSystem {
  readonly name: string = 'hqdb';
  readonly description: string = `hqdb engine in process, no layout: filter bitmaps from payload indexes, cost-based planner (exact scan / filtered HNSW), HNSW m=${HNSW_M} ef_construct=${HNSW_EF_CONSTRUCTION}, hnsw_ef swept`;
  readonly sweep = { name: 'hnsw_ef', values: EF_SWEEP };
  protected engine: Engine | undefined;
  protected collection: Collection | undefined;

  /** The engine's collection, for tools that look inside (bench/core/layout-explain.ts). */
  get benchCollection(): Collection {
    if (!this.collection) throw new Error(`${this.name} is not built`);
    return this.collection;
  }
  /** The engine, for tools that measure its threads (bench/core/batch-explain.ts). */
  get benchEngine(): Engine {
    if (!this.engine) throw new Error(`${this.name} is not built`);
    return this.engine;
  }

  private dir = '';

  build(ctx: BuildContext): Promise<void> {
    return this.buildBase(ctx);
  }

  /** The collection with every point upserted and indexed, payload indexes on every field: no layout. */
  async buildBase(ctx: BuildContext): Promise<void> {
    const { dataset, table } = ctx;
    this.dir = join(ctx.workDir, 'hqdb');
    mkdirSync(this.dir, { recursive: true });
    // HQDB_BENCH_LOG=info shows the engine's own log (e.g. a layout build's estimated costs).
    const level = (process.env.HQDB_BENCH_LOG ?? 'warn') as 'warn';
    // HQDB__SECTION__KEY variables reach the engine as they reach the server (e.g. HQDB__PLANNER__IVF_CLUSTER_ROWS=0).
    const tuning = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('HQDB__')));
    const config = loadConfig(tuning, { storage: { path: this.dir, sync: 'normal', snapshot_interval_s: 0 }, log: { level } });
    this.engine = await Engine.open(config, createLogger(level));
    await this.engine.createCollection(COLLECTION, {
      vectors: { size: dataset.dim, distance: 'Euclid' },
      hnsw_config: { m: HNSW_M, ef_construct: HNSW_EF_CONSTRUCTION },
    });
    const c = this.engine.collection(COLLECTION);
    this.collection = c;
    for (const [field, col] of table.columns) {
      c.createFieldIndex(field, col.kind === 'number' ? (col.integer ? 'integer' : 'float') : 'keyword', true);
    }
    for (let from = 0; from < dataset.n; from += UPSERT_BATCH) {
      const to = Math.min(dataset.n, from + UPSERT_BATCH);
      const points = [];
      for (let r = from; r < to; r++) points.push({ id: r, vector: vectorOf(dataset, r), payload: dataset.payloads[r] });
      c.upsert({ points }, true);
      ctx.progress(`${this.name}: upsert`, to, dataset.n);
    }
    await this.waitIndexed(ctx);
  }

  protected async waitIndexed(ctx: BuildContext): Promise<void> {
    const engine = this.engine!;
    let done = false;
    const indexed = engine.waitIndexed().finally(() => (done = true));
    while (!done) {
      await Promise.race([indexed, new Promise((r) => setTimeout(r, 200))]);
      ctx.progress(`${this.name}: indexing`, this.collection!.info().indexed_vectors_count, ctx.dataset.n);
    }
    await indexed;
  }

  async search(req: SearchRequest, ef: number): Promise<ArrayLike<number>> {
    const points = await this.collection!.query({ query: req.vector, filter: req.filter, limit: req.k, params: { hnsw_ef: ef } });
    return points.map((p) => Number(p.id));
  }

  /** The batch executor (Collection.executeBatch): what batches and workload jobs run. */
  async searchBatch(reqs: readonly SearchRequest[], ef: number): Promise<ArrayLike<number>[]> {
    const outcomes = await this.collection!.executeBatch(reqs.map((req) => ({ query: req.vector, filter: req.filter, limit: req.k, params: { hnsw_ef: ef } })));
    return outcomes.map((o) => {
      if ('error' in o) throw o.error;
      return o.points.map((p) => Number(p.id));
    });
  }

  async diskBytes(): Promise<number> {
    return diskUsage(this.dir);
  }

  async close(): Promise<void> {
    await this.engine?.close();
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Options of the layout build request besides the workload (engine defaults when absent). */
export type LayoutOptions = Pick<LayoutBuildRequest, 'min_partition_size' | 'max_partitions' | 'global_index' | 'vector_cuts' | 'clusters' | 'graphs'>;

export class HqdbLayoutSystem extends HqdbSystem {
  override readonly name: string;
  override readonly description: string;
  private stats: LayoutStats | undefined;

  constructor(private readonly options: LayoutOptions = {}, name = 'hqdb-layout') {
    super();
    this.name = name;
    const opts = Object.keys(options).length ? JSON.stringify(options) : 'engine defaults for partition size, count and global index';
    this.description = `hqdb engine in process with a workload-aware layout learnt from the past workload (first 25% of the queries, filters only; ${opts}), otherwise as hqdb; hnsw_ef swept`;
  }

  override async build(ctx: BuildContext): Promise<void> {
    await this.buildBase(ctx);
    await this.buildLayout(ctx);
  }

  /** Learns the layout from the past workload and waits until it serves, every partition indexed. */
  async buildLayout(ctx: BuildContext): Promise<void> {
    const c = this.collection!;
    const queries = ctx.past.map((q) => ({ query: q.vector, filter: q.filter }));
    const rssBefore = process.memoryUsage().rss;
    const peakBefore = selfPeakRss();
    const t0 = performance.now();
    c.startLayoutBuild({ ...this.options, queries });
    const poll = setInterval(() => {
      const b = c.layoutView().build;
      if (b) ctx.progress(`${this.name}: layout build`, b.progress.done, b.progress.total);
    }, 500);
    let view;
    try {
      view = await c.waitLayoutBuild();
    } finally {
      clearInterval(poll);
    }
    if (!view || view.status !== 'ready') throw new Error(`layout build ${view ? `${view.status}: ${view.error ?? 'no error given'}` : 'did not start'}`);
    // Partitions index in the workers; the layout counts as built when every point is in a graph again.
    await this.waitIndexed(ctx);
    const seconds = (performance.now() - t0) / 1000;
    const layout = c.layoutView();
    this.stats = {
      seconds,
      engineSeconds: view.seconds,
      pastQueries: queries.length,
      distinctFilters: view.workload?.distinct_filters,
      partitions: layout.partitions.length,
      flatPartitions: layout.partitions.filter((p) => p.index === 'flat').length,
      largestPartition: Math.max(0, ...layout.partitions.map((p) => p.size)),
      smallestPartition: layout.partitions.length ? Math.min(...layout.partitions.map((p) => p.size)) : 0,
      globalIndex: layout.global_index !== null,
      rssBeforeBytes: rssBefore,
      rssAfterBytes: process.memoryUsage().rss,
      peakRssBeforeBytes: peakBefore,
      peakRssAfterBytes: selfPeakRss(),
    };
    const s = this.stats;
    ctx.log(
      `${this.name}: layout of ${s.partitions} partition${s.partitions === 1 ? '' : 's'} (${s.flatPartitions} flat, sizes ${s.smallestPartition}–${s.largestPartition}${s.globalIndex ? ', plus the whole-collection index' : ''}) ` +
        `from ${s.pastQueries} past queries (${s.distinctFilters ?? '?'} distinct filters), built in ${s.seconds.toFixed(1)} s (engine: ${s.engineSeconds.toFixed(1)} s), ` +
        `RSS ${mibOf(s.rssBeforeBytes)} -> ${mibOf(s.rssAfterBytes)} MiB, peak ${mibOf(s.peakRssBeforeBytes)} -> ${mibOf(s.peakRssAfterBytes)} MiB`,
    );
  }

  layoutStats(): LayoutStats | undefined {
    return this.stats;
  }
}

function mibOf(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(1);
}
