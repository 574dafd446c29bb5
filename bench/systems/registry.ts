// Every system the runner can measure, by name. Add a system here (a factory
// and whether it needs bench peers) and it is available to every suite.

import { ExactSystem } from './exact.js';
import { FaissSystem } from './faiss.js';
import { HqdbLayoutSystem, HqdbSystem } from './hqdb.js';
import { HqdbRestLayoutSystem, HqdbRestSystem } from './hqdb-rest.js';
import { LanceDbSystem } from './lancedb.js';
import { NaiveSystem } from './naive.js';
import { NumpySystem } from './numpy.js';
import { SqliteVecSystem } from './sqlite-vec.js';
import type { BenchSystem } from './system.js';

export interface SystemEntry {
  create(): BenchSystem;
  /** Bench peers (bench/peers) it needs; the runner skips it with a message when one is missing. */
  readonly peers: readonly string[];
  /** The system this one is a variant of: its throughput is also given as a ratio to it, on the same queries. */
  readonly reference?: string;
}

export const SYSTEMS: Readonly<Record<string, SystemEntry>> = {
  // The baseline every ratio is against: always measured first.
  naive: { create: () => new NaiveSystem(), peers: [] },
  exact: { create: () => new ExactSystem(), peers: [] },
  // hqdb itself: the engine in process (no transport) without and with a layout
  // learnt from the past workload, and the server over REST.
  hqdb: { create: () => new HqdbSystem(), peers: [] },
  'hqdb-layout': { create: () => new HqdbLayoutSystem(), peers: [], reference: 'hqdb' },
  'hqdb-rest': { create: () => new HqdbRestSystem(), peers: [] },
  // Batches as users send them (query/batch over REST) on a layout for batches (graphs: false).
  'hqdb-rest-layout': { create: () => new HqdbRestLayoutSystem(), peers: [], reference: 'hqdb-rest' },
  'hqdb-batch': { create: () => new HqdbLayoutSystem({ graphs: false }, 'hqdb-batch'), peers: [], reference: 'hqdb' },
  'sqlite-vec': { create: () => new SqliteVecSystem(), peers: ['sqlite-vec'] },
  lancedb: { create: () => new LanceDbSystem(), peers: ['@lancedb/lancedb', 'apache-arrow'] },
  // Python peers (bench/peers/python, venv bench/peers/.venv): not npm packages, so no
  // `peers`; without the venv they are skipped at build with the setup command.
  'faiss-flat': { create: () => new FaissSystem('flat'), peers: [] },
  'faiss-ivf': { create: () => new FaissSystem('ivf'), peers: [] },
  'faiss-hnsw': { create: () => new FaissSystem('hnsw'), peers: [] },
  numpy: { create: () => new NumpySystem(), peers: [] },
};

export const BASELINE = 'naive';
