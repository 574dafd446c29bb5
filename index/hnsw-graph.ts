// The only module that touches hnswlib-node. It hides the library's sharp
// edges: plain arrays at the call, ef reset after init/read, k bounded by the
// element count, automatic resizing, and a filter callback that can never
// throw into native code (a throw there aborts the whole process).

import hnswlib from 'hnswlib-node';
import type { Neighbours } from './top-k.js';

export interface HnswParams {
  space: 'ip' | 'l2';
  dim: number;
  m: number;
  efConstruction: number;
}

const SEED = 100;

export class HnswGraph {
  private readonly index: hnswlib.HierarchicalNSW;
  private elements = 0;

  private constructor(readonly params: HnswParams, index: hnswlib.HierarchicalNSW, elements: number) {
    this.index = index;
    this.elements = elements;
  }

  static create(params: HnswParams, capacity = 1024): HnswGraph {
    const index = new hnswlib.HierarchicalNSW(params.space, params.dim);
    index.initIndex({ maxElements: Math.max(16, capacity), m: params.m, efConstruction: params.efConstruction, randomSeed: SEED });
    return new HnswGraph(params, index, 0);
  }

  /** Reads a graph written by `save`; rejects when the file is unreadable or inconsistent. */
  static async load(params: HnswParams, file: string): Promise<HnswGraph> {
    const index = new hnswlib.HierarchicalNSW(params.space, params.dim);
    await index.readIndex(file);
    if (index.getNumDimensions() !== params.dim) throw new Error(`graph file has dimension ${index.getNumDimensions()}, expected ${params.dim}`);
    return new HnswGraph(params, index, index.getCurrentCount());
  }

  /** Number of elements ever added (including ones marked deleted). */
  get size(): number {
    return this.elements;
  }

  /** Adds a label, or replaces its vector (and un-deletes it) when it exists. */
  add(label: number, vector: Float32Array, isNew: boolean): void {
    if (isNew && this.elements >= this.index.getMaxElements()) {
      this.index.resizeIndex(Math.max(16, this.index.getMaxElements() * 2));
    }
    this.index.addPoint(Array.from(vector), label);
    if (isNew) this.elements++;
  }

  /** Every label the graph has an element for, deleted or not. */
  labels(): number[] {
    return this.index.getIdsList();
  }

  markDeleted(label: number): void {
    this.index.markDelete(label);
  }

  /**
   * Nearest `k` by graph distance. `allow`, when given, must be a cheap lookup;
   * an exception inside it is caught here and rethrown after the native call.
   */
  search(query: Float32Array, k: number, ef: number, allow?: (label: number) => boolean): Neighbours {
    const kk = Math.min(k, this.elements);
    if (kk <= 0) return { labels: [], distances: [] };
    this.index.setEf(Math.max(ef, kk));
    let failure: unknown;
    const filter = allow
      ? (label: number): boolean => {
          if (failure !== undefined) return false;
          try {
            return allow(label) === true;
          } catch (err) {
            failure = err;
            return false;
          }
        }
      : undefined;
    const result = filter ? this.index.searchKnn(Array.from(query), kk, filter) : this.index.searchKnn(Array.from(query), kk);
    if (failure !== undefined) throw failure;
    return { labels: result.neighbors, distances: result.distances };
  }

  async save(file: string): Promise<void> {
    await this.index.writeIndex(file);
  }
}
