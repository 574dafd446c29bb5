// The Python peers (numpy, FAISS) on a tiny dataset: exact ones agree with exact
// search, every one returns only rows its query's filter selects, and without the
// venv a peer is skipped with the setup command. Needs bench/peers/.venv for all
// but the last (npm run bench:peers:python).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { Dataset, Payload } from '../datasets/dataset.js';
import { compileFilter } from '../filter/evaluate.js';
import type { Filter } from '../filter/filter.js';
import { buildPayloadTable } from '../filter/payload-table.js';
import { Rng } from '../lib/rng.js';
import { exactKnn } from '../truth/exact-knn.js';
import { recallAtK } from '../truth/recall.js';
import { FaissSystem } from './faiss.js';
import { NumpySystem } from './numpy.js';
import { pythonPeersPresent } from './python-peer.js';
import { SystemUnavailableError, type BenchSystem, type BuildContext, type SearchRequest } from './system.js';

const N = 600;
const DIM = 8;
const K = 10;
const RARE_ROWS = [7, 123, 401];

function tinyDataset(): Dataset {
  const rng = new Rng(5);
  const vectors = new Float32Array(N * DIM).map(() => rng.normal());
  const payloads: Payload[] = Array.from({ length: N }, (_, r) => ({ group: `g${r % 10}`, rare: RARE_ROWS.includes(r) ? 'yes' : 'no' }));
  return { name: 'python-peers-tiny', dim: DIM, n: N, vectors, payloads };
}

const FILTERS: (Filter | undefined)[] = [
  undefined,
  { must: [{ key: 'group', match: { value: 'g3' } }] },
  { must: [{ key: 'group', match: { any: ['g1', 'g2'] } }] },
  { must: [{ key: 'rare', match: { value: 'yes' } }] },
];

const dataset = tinyDataset();
const table = buildPayloadTable(dataset.payloads);
const rng = new Rng(11);
// More than one block of numpy_peer.py (256), so batches take its thread pool.
const requests: SearchRequest[] = Array.from({ length: 300 }, (_, i) => ({
  vector: new Float32Array(DIM).map(() => rng.normal()),
  filter: FILTERS[i % FILTERS.length],
  k: K,
}));
const truth = requests.map((r) => exactKnn(dataset.vectors, DIM, r.vector, K, r.filter && compileFilter(r.filter, table)).ids);

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function context(): BuildContext {
  const workDir = mkdtempSync(join(tmpdir(), 'hqdb-python-peer-'));
  dirs.push(workDir);
  return { dataset, table, workDir, past: [], progress: () => {}, log: () => {} };
}

async function answers(system: BenchSystem, param: number): Promise<{ single: ArrayLike<number>[]; batch: ArrayLike<number>[] }> {
  await system.build(context());
  try {
    await system.prepare!(requests.slice(0, requests.length / 2));
    const single: ArrayLike<number>[] = [];
    for (const r of requests) single.push(await system.search(r, param));
    return { single, batch: await system.searchBatch!(requests, param) };
  } finally {
    await system.close();
  }
}

describe.skipIf(!pythonPeersPresent())('Python peers (bench/peers/.venv present)', () => {
  it.each([
    ['numpy', () => new NumpySystem()],
    ['faiss-flat', () => new FaissSystem('flat')],
    // nprobe = nlist probes every list: exact.
    ['faiss-ivf at nprobe = nlist', () => new FaissSystem('ivf')],
  ])('%s: recall 1 against exact search, one at a time and in a batch', async (_name, create) => {
    const system = create();
    const { single, batch } = await answers(system, system.sweep ? 1_000_000 : 0);
    for (const got of [single, batch]) {
      expect(got.map((ids, i) => recallAtK(ids, truth[i], K))).toEqual(requests.map(() => 1));
    }
  });

  // Settings that search everything (nprobe is capped at nlist; efSearch above n), and cheap ones.
  it.each([
    ['numpy', 0, true, () => new NumpySystem()],
    ['faiss-flat', 0, true, () => new FaissSystem('flat')],
    ['faiss-ivf', 1_000_000, true, () => new FaissSystem('ivf')],
    ['faiss-hnsw', 1024, true, () => new FaissSystem('hnsw')],
    ['faiss-ivf', 2, false, () => new FaissSystem('ivf')],
    ['faiss-hnsw', 16, false, () => new FaissSystem('hnsw')],
  ])('%s at %d: returns only rows the filter selects (all 3 of a filter that selects 3 when exhaustive)', async (_name, param, exhaustive, create) => {
    const { single, batch } = await answers(create(), param);
    for (const got of [single, batch]) {
      requests.forEach((r, i) => {
        const ids = Array.from(got[i]);
        const accept = compileFilter(r.filter, table);
        expect(ids.every((id) => accept(id)), `query ${i}`).toBe(true);
        expect(new Set(ids).size).toBe(ids.length);
        if (!exhaustive) expect(ids.length).toBeLessThanOrEqual(K);
        else if (r.filter === FILTERS[3]) expect(ids.sort((a, b) => a - b)).toEqual(RARE_ROWS);
        else expect(ids.length).toBe(K);
      });
    }
  });

  it('numpy reports the BLAS kernel it ran in its description', async () => {
    const system = new NumpySystem();
    await system.build(context());
    await system.close();
    expect(system.description).toMatch(/BLAS: \w+ .* kernel \w+, \d+ threads/);
  });
});

describe('Python peers without the venv', () => {
  it('are skipped with the setup command', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'hqdb-no-peers-'));
    dirs.push(empty);
    vi.stubEnv('HQDB_BENCH_PEERS', empty);
    vi.resetModules();
    try {
      const { NumpySystem: Fresh } = await import('./numpy.js');
      const { SystemUnavailableError: Unavailable } = await import('./system.js');
      const system = new Fresh();
      const err: unknown = await system.build(context()).then(
        () => undefined,
        (e: unknown) => e,
      );
      await system.close();
      expect(err).toBeInstanceOf(Unavailable);
      expect((err as SystemUnavailableError).message).toContain('npm run bench:peers:python');
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
    }
  });
});
