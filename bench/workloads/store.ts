// Saves and loads workloads: queries as JSON (template, filter, matches) plus
// the query vectors as one float32 file, so a 20k-query workload stays small.

import { readFileSync } from 'node:fs';
import { bytesOf, cachePath, readIfExists, writeAtomic } from '../lib/cache.js';
import type { Filter } from '../filter/filter.js';
import type { Workload } from './workload.js';

interface StoredWorkload extends Omit<Workload, 'queries'> {
  dim: number;
  queries: { template: string; filter?: Filter; matches: number }[];
}

export function workloadPaths(name: string): { json: string; vectors: string } {
  return { json: cachePath('workloads', `${name}.json`), vectors: cachePath('workloads', `${name}.f32`) };
}

export function saveWorkload(w: Workload, paths = workloadPaths(w.name)): void {
  const dim = w.queries[0]?.vector.length ?? 0;
  const vectors = new Float32Array(w.queries.length * dim);
  w.queries.forEach((q, i) => vectors.set(q.vector, i * dim));
  writeAtomic(paths.vectors, bytesOf(vectors));
  const stored: StoredWorkload = {
    ...w,
    dim,
    queries: w.queries.map((q) => ({ template: q.template, filter: q.filter, matches: q.matches })),
  };
  writeAtomic(paths.json, JSON.stringify(stored));
}

export function loadWorkload(name: string, paths = workloadPaths(name)): Workload | undefined {
  const json = readIfExists(paths.json);
  if (!json) return undefined;
  const stored = JSON.parse(json.toString('utf8')) as StoredWorkload;
  const raw = readFileSync(paths.vectors);
  const vectors = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
  const { dim, queries, ...meta } = stored;
  return {
    ...meta,
    queries: queries.map((q, i) => ({ ...q, vector: vectors.subarray(i * dim, (i + 1) * dim) })),
  };
}
