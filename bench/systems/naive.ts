// `naive`: the usual hybrid approach and the baseline of every ratio. One
// hnswlib-node HNSW index over all points; a query's filter is compiled against
// the columnar payloads and passed as hnswlib's per-candidate filter callback
// (O(1) typed-array lookups; a throw inside would abort the process, so it is
// caught). ef is swept upward until recall@10 reaches the target.

import { join } from 'node:path';
import { statSync } from 'node:fs';
import hnswlib from 'hnswlib-node';
import { vectorOf } from '../datasets/dataset.js';
import { compileFilter } from '../filter/evaluate.js';
import type { PayloadTable } from '../filter/payload-table.js';
import type { BenchSystem, BuildContext, SearchRequest } from './system.js';

export const HNSW_M = 16;
export const HNSW_EF_CONSTRUCTION = 100;
export const EF_SWEEP = [10, 20, 40, 80, 160, 320, 640, 1280, 2560] as const;

export class NaiveSystem implements BenchSystem {
  readonly name = 'naive';
  readonly description = `hnswlib-node HNSW (M=${HNSW_M}, ef_construction=${HNSW_EF_CONSTRUCTION}), filter as a per-candidate callback`;
  readonly sweep = { name: 'ef', values: EF_SWEEP };
  private index: hnswlib.HierarchicalNSW | undefined;
  private table: PayloadTable | undefined;
  private n = 0;
  private file = '';

  async build(ctx: BuildContext): Promise<void> {
    const { dataset } = ctx;
    const index = new hnswlib.HierarchicalNSW('l2', dataset.dim);
    index.initIndex(dataset.n, HNSW_M, HNSW_EF_CONSTRUCTION, 100);
    for (let r = 0; r < dataset.n; r++) {
      index.addPoint(Array.from(vectorOf(dataset, r)), r);
      if (r % 1000 === 999 || r === dataset.n - 1) ctx.progress('naive: HNSW build', r + 1, dataset.n);
    }
    this.file = join(ctx.workDir, 'naive.hnsw');
    index.writeIndexSync(this.file);
    this.index = index;
    this.table = ctx.table;
    this.n = dataset.n;
  }

  search(req: SearchRequest, ef: number): Promise<ArrayLike<number>> {
    const index = this.index!;
    index.setEf(Math.max(ef, req.k));
    const k = Math.min(req.k, this.n);
    if (!req.filter) return Promise.resolve(index.searchKnn(Array.from(req.vector), k).neighbors);
    const pred = compileFilter(req.filter, this.table!);
    const callback = (label: number): boolean => {
      try {
        return pred(label);
      } catch {
        return false;
      }
    };
    return Promise.resolve(index.searchKnn(Array.from(req.vector), k, callback).neighbors);
  }

  diskBytes(): Promise<number> {
    return Promise.resolve(statSync(this.file).size);
  }

  close(): Promise<void> {
    this.index = undefined;
    return Promise.resolve();
  }
}
