// The suites `npm run bench -- <suite>` knows: which dataset, how many queries,
// which systems, and how many queries the parameter sweep uses. Command-line
// options override any of these.

export type DatasetSpec =
  | { kind: 'kg-synth'; n: number; dim: number; seed: number }
  | { kind: 'mnist'; seed: number }
  | { kind: 'fashion-mnist'; seed: number }
  | { kind: 'file'; path: string; payloads?: string };

export interface SuiteSpec {
  name: string;
  description: string;
  dataset: DatasetSpec;
  queries: number;
  k: number;
  /** Queries (an evenly spaced subset of the workload) used for each step of the parameter sweep. */
  sweepQueries: number;
  /** Recall@k target the sweep looks for. */
  target: number;
  workloadSeed: number;
  systems: string[];
  /** Queries per request when a system has a batch API. */
  batchSize: number;
  /** Seconds a system's whole-workload run may take before it stops early (0: unlimited). */
  timeBudgetS: number;
}

const ALL_SYSTEMS = ['naive', 'exact', 'hqdb', 'hqdb-layout', 'hqdb-rest', 'sqlite-vec', 'lancedb', 'faiss-flat', 'faiss-ivf', 'faiss-hnsw', 'numpy'];

export const SUITES: Readonly<Record<string, SuiteSpec>> = {
  smoke: {
    name: 'smoke',
    description: 'kg-synth 10k x 128, 500 queries: checks the harness end to end in CI (not a speed test)',
    dataset: { kind: 'kg-synth', n: 10_000, dim: 128, seed: 42 },
    queries: 500,
    k: 10,
    sweepQueries: 500,
    target: 0.95,
    workloadSeed: 7,
    systems: ALL_SYSTEMS,
    batchSize: 64,
    timeBudgetS: 0,
  },
  'hybrid-100k': {
    name: 'hybrid-100k',
    description: 'kg-synth 100k x 128, 20k-query workload: the headline comparison',
    dataset: { kind: 'kg-synth', n: 100_000, dim: 128, seed: 42 },
    queries: 20_000,
    k: 10,
    sweepQueries: 2_000,
    target: 0.95,
    workloadSeed: 7,
    systems: ALL_SYSTEMS,
    // Batches as a workload job runs them (the batch executor streams a job in chunks of this order).
    batchSize: 4096,
    timeBudgetS: 240,
  },
  mnist: {
    name: 'mnist',
    description: 'real MNIST digits (10k x 784, payload label and ink) with a 5k-query workload',
    dataset: { kind: 'mnist', seed: 42 },
    queries: 5_000,
    k: 10,
    sweepQueries: 1_000,
    target: 0.95,
    workloadSeed: 7,
    systems: ALL_SYSTEMS,
    // Batches as a workload job runs them (the batch executor streams a job in chunks of this order).
    batchSize: 4096,
    timeBudgetS: 240,
  },
  'fashion-mnist': {
    name: 'fashion-mnist',
    description: 'real Fashion-MNIST product photos (70k x 784, payload category, group, split, ink, width, height, brightness) with a 10k-query workload',
    dataset: { kind: 'fashion-mnist', seed: 42 },
    queries: 10_000,
    k: 10,
    sweepQueries: 1_000,
    target: 0.95,
    workloadSeed: 7,
    systems: ALL_SYSTEMS,
    // Batches as a workload job runs them (the batch executor streams a job in chunks of this order).
    batchSize: 4096,
    timeBudgetS: 240,
  },
  'scale-1m': {
    name: 'scale-1m',
    description: 'kg-synth 1M x 128, 10k queries: scale test; ground truth alone takes many minutes, the whole suite hours',
    dataset: { kind: 'kg-synth', n: 1_000_000, dim: 128, seed: 42 },
    queries: 10_000,
    k: 10,
    sweepQueries: 1_000,
    target: 0.95,
    workloadSeed: 7,
    systems: ALL_SYSTEMS,
    // Batches as a workload job runs them (the batch executor streams a job in chunks of this order).
    batchSize: 4096,
    timeBudgetS: 600,
  },
  custom: {
    name: 'custom',
    description: 'your own vectors (--vectors .fvecs/.npy/.ndjson, optional --payloads .ndjson), templates derived from the payload fields',
    dataset: { kind: 'file', path: '' },
    queries: 2_000,
    k: 10,
    sweepQueries: 1_000,
    target: 0.95,
    workloadSeed: 7,
    systems: ALL_SYSTEMS,
    batchSize: 64,
    timeBudgetS: 300,
  },
};
