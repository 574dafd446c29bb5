// `hqdb`: the engine in this process, called as the REST and gRPC front ends
// call it (Collection.query / createFieldIndex / upsert), without transport
// costs: what the engine itself does. Payload fields are indexed with the
// schema the dataset's columns suggest; hnsw_ef is swept like the others.

import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../core/config.js';
import { createLogger } from '../../core/logger.js';
import type { Collection } from '../../engine/collection.js';
import { Engine } from '../../engine/engine.js';
import { vectorOf } from '../datasets/dataset.js';
import { diskUsage } from '../lib/disk.js';
import { EF_SWEEP, HNSW_EF_CONSTRUCTION, HNSW_M } from './naive.js';
import type { BenchSystem, BuildContext, SearchRequest } from './system.js';

const COLLECTION = 'bench';
const UPSERT_BATCH = 2000;

export class HqdbSystem implements BenchSystem {
  readonly name = 'hqdb';
  readonly description = `hqdb engine in process: filter bitmaps from payload indexes, cost-based planner (exact scan / filtered HNSW), HNSW m=${HNSW_M} ef_construct=${HNSW_EF_CONSTRUCTION}, hnsw_ef swept`;
  readonly sweep = { name: 'hnsw_ef', values: EF_SWEEP };
  private engine: Engine | undefined;
  private collection: Collection | undefined;
  private dir = '';

  async build(ctx: BuildContext): Promise<void> {
    const { dataset, table } = ctx;
    this.dir = join(ctx.workDir, 'hqdb');
    mkdirSync(this.dir, { recursive: true });
    const config = loadConfig({}, { storage: { path: this.dir, sync: 'normal', snapshot_interval_s: 0 }, log: { level: 'warn' } });
    this.engine = await Engine.open(config, createLogger('warn'));
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
      ctx.progress('hqdb: upsert', to, dataset.n);
    }
    for (;;) {
      await this.engine.host.refresh();
      if (this.engine.backlog() === 0) break;
      await new Promise((r) => setTimeout(r, 200));
      ctx.progress('hqdb: indexing', c.info().indexed_vectors_count, dataset.n);
    }
  }

  async search(req: SearchRequest, ef: number): Promise<ArrayLike<number>> {
    const points = await this.collection!.query({ query: req.vector, filter: req.filter, limit: req.k, params: { hnsw_ef: ef } });
    return points.map((p) => Number(p.id));
  }

  async diskBytes(): Promise<number> {
    return diskUsage(this.dir);
  }

  async close(): Promise<void> {
    await this.engine?.close();
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }
}
