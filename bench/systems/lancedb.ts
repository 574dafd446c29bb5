// `lancedb`: @lancedb/lancedb 0.31.0 (pinned: the last release that runs on
// Node 20), embedded, as a user would set it up: one table with an IVF_PQ
// vector index (sqrt(n) partitions, dim/8 sub-vectors, refine factor 10),
// scalar indexes on the filterable columns (bitmap for keywords, btree for
// numbers, label-list for keyword arrays), and the filter as a `.where()`
// pre-filter (LanceDB's default). nprobes is swept.

import { join } from 'node:path';
import { vectorOf } from '../datasets/dataset.js';
import { lanceIdent, toLanceWhere } from '../filter/to-lance.js';
import type { PayloadTable } from '../filter/payload-table.js';
import { diskUsage } from '../lib/disk.js';
import { importPeer } from '../lib/peers.js';
import type { BenchSystem, BuildContext, SearchRequest } from './system.js';

// The few shapes of the LanceDB and Arrow APIs used here (the peers are not
// installed at type-check time in CI, so their own types cannot be imported).
interface LanceVectorQuery {
  distanceType(t: 'l2'): LanceVectorQuery;
  nprobes(n: number): LanceVectorQuery;
  refineFactor(n: number): LanceVectorQuery;
  where(predicate: string): LanceVectorQuery;
  limit(n: number): LanceVectorQuery;
  select(columns: string[]): LanceVectorQuery;
  toArray(): Promise<{ id: number }[]>;
}
interface LanceTable {
  add(rows: Record<string, unknown>[]): Promise<unknown>;
  createIndex(column: string, options: { config: unknown }): Promise<void>;
  vectorSearch(vector: number[] | Float32Array): LanceVectorQuery;
  close(): void;
}
interface LanceConnection {
  createTable(name: string, rows: Record<string, unknown>[], options: { schema: unknown; mode: 'overwrite' }): Promise<LanceTable>;
  close(): void;
}
interface LanceIndexFactory {
  ivfPq(o: { numPartitions: number; numSubVectors: number; distanceType: 'l2' }): unknown;
  btree(): unknown;
  bitmap(): unknown;
  labelList(): unknown;
}
interface LanceModule {
  connect(uri: string): Promise<LanceConnection>;
  Index: LanceIndexFactory;
}
type ArrowCtor = new (...args: unknown[]) => unknown;
interface ArrowModule {
  Schema: ArrowCtor;
  Field: ArrowCtor;
  Int32: ArrowCtor;
  Float32: ArrowCtor;
  Float64: ArrowCtor;
  Utf8: ArrowCtor;
  List: ArrowCtor;
  FixedSizeList: ArrowCtor;
}

const BATCH = 10_000;
const REFINE_FACTOR = 10;
/** Keyword columns with at most this many values get a bitmap index, others a btree. */
const BITMAP_MAX_VALUES = 1000;

export class LanceDbSystem implements BenchSystem {
  readonly name = 'lancedb';
  readonly description = `LanceDB 0.31.0 embedded: IVF_PQ (sqrt(n) partitions, dim/8 sub-vectors, refine x${REFINE_FACTOR}), scalar indexes, .where() pre-filter`;
  sweep = { name: 'nprobes', values: [1, 2, 4, 8, 16, 32, 64, 128, 256] as readonly number[] };
  private conn: LanceConnection | undefined;
  private tbl: LanceTable | undefined;
  private table: PayloadTable | undefined;
  private dir = '';

  async build(ctx: BuildContext): Promise<void> {
    // Lance logs routine warnings (e.g. "creating a new dataset") to stderr unless told otherwise.
    process.env.LANCEDB_LOG ??= 'error';
    const lancedb = await importPeer<LanceModule>('@lancedb/lancedb');
    const arrow = await importPeer<ArrowModule>('apache-arrow');
    const { dataset, table } = ctx;
    this.dir = join(ctx.workDir, 'lancedb');
    this.conn = await lancedb.connect(this.dir);
    const fields: unknown[] = [
      new arrow.Field('id', new arrow.Int32(), false),
      new arrow.Field('vector', new arrow.FixedSizeList(dataset.dim, new arrow.Field('item', new arrow.Float32(), true)), false),
    ];
    for (const [name, col] of table.columns) {
      const type =
        col.kind === 'keyword' ? new arrow.Utf8()
        : col.kind === 'keyword[]' ? new arrow.List(new arrow.Field('item', new arrow.Utf8(), true))
        : col.integer ? new arrow.Int32() : new arrow.Float64();
      fields.push(new arrow.Field(name, type, true));
    }
    const schema = new arrow.Schema(fields);
    const names = [...table.columns.keys()];
    const rows = (from: number, to: number): Record<string, unknown>[] => {
      const out: Record<string, unknown>[] = [];
      for (let r = from; r < to; r++) {
        const row: Record<string, unknown> = { id: r, vector: Array.from(vectorOf(dataset, r)) };
        for (const name of names) row[name] = dataset.payloads[r][name] ?? null;
        out.push(row);
      }
      return out;
    };
    for (let from = 0; from < dataset.n; from += BATCH) {
      const to = Math.min(dataset.n, from + BATCH);
      if (from === 0) this.tbl = await this.conn.createTable('points', rows(from, to), { schema, mode: 'overwrite' });
      else await this.tbl!.add(rows(from, to));
      ctx.progress('lancedb: insert', to, dataset.n);
    }
    const tbl = this.tbl!;
    const numPartitions = Math.max(1, Math.round(Math.sqrt(dataset.n)));
    this.sweep = { name: 'nprobes', values: this.sweep.values.filter((p) => p < numPartitions).concat([numPartitions]) };
    ctx.progress('lancedb: IVF_PQ index', 0, 1);
    await tbl.createIndex('vector', {
      config: lancedb.Index.ivfPq({ numPartitions, numSubVectors: Math.max(1, Math.floor(dataset.dim / 8)), distanceType: 'l2' }),
    });
    ctx.progress('lancedb: IVF_PQ index', 1, 1);
    for (const [name, col] of table.columns) {
      const config =
        col.kind === 'keyword[]' ? lancedb.Index.labelList()
        : col.kind === 'keyword' && col.dict.length <= BITMAP_MAX_VALUES ? lancedb.Index.bitmap()
        : lancedb.Index.btree();
      await tbl.createIndex(lanceIdent(name), { config });
    }
    this.table = table;
  }

  async search(req: SearchRequest, nprobes: number): Promise<ArrayLike<number>> {
    let q = this.tbl!.vectorSearch(req.vector).distanceType('l2').nprobes(nprobes).refineFactor(REFINE_FACTOR).limit(req.k).select(['id', '_distance']);
    if (req.filter) q = q.where(toLanceWhere(req.filter, this.table!));
    const rows = await q.toArray();
    return rows.map((r) => r.id);
  }

  diskBytes(): Promise<number> {
    return Promise.resolve(diskUsage(this.dir));
  }

  close(): Promise<void> {
    this.tbl?.close();
    this.conn?.close();
    this.tbl = undefined;
    this.conn = undefined;
    return Promise.resolve();
  }
}
