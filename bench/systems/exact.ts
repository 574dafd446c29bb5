// `exact`: pre-filter, then brute force over the matching rows (the same kernel
// as ground truth, one pass, the filter checked before each distance). Always
// recall 1; fast when the filter is selective, slow at 100%.

import { join } from 'node:path';
import { compileFilter } from '../filter/evaluate.js';
import type { PayloadTable } from '../filter/payload-table.js';
import { bytesOf, writeAtomic } from '../lib/cache.js';
import { exactKnn } from '../truth/exact-knn.js';
import type { BenchSystem, BuildContext, SearchRequest } from './system.js';

export class ExactSystem implements BenchSystem {
  readonly name = 'exact';
  readonly description = 'pre-filter on columnar payloads, then brute-force squared L2 in plain JS';
  private vectors: Float32Array = new Float32Array(0);
  private dim = 0;
  private table: PayloadTable | undefined;

  build(ctx: BuildContext): Promise<void> {
    this.vectors = ctx.dataset.vectors;
    this.dim = ctx.dataset.dim;
    this.table = ctx.table;
    // Its only "index" is the raw vectors; written so its disk size is comparable.
    writeAtomic(join(ctx.workDir, 'vectors.f32'), bytesOf(this.vectors));
    return Promise.resolve();
  }

  search(req: SearchRequest): Promise<ArrayLike<number>> {
    const accept = req.filter ? compileFilter(req.filter, this.table!) : undefined;
    return Promise.resolve(exactKnn(this.vectors, this.dim, req.vector, req.k, accept).ids);
  }

  diskBytes(): Promise<number> {
    return Promise.resolve(this.vectors.byteLength);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
