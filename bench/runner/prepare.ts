// Everything a suite needs before any system runs: the dataset (generated or
// loaded), its columnar payloads, the workload and its ground truth (both
// cached on disk). Child processes call the same function and hit the cache.

import type { Dataset } from '../datasets/dataset.js';
import { checkDataset } from '../datasets/dataset.js';
import { loadVectorFile } from '../datasets/files.js';
import { loadFashionMnist } from '../datasets/fashion-mnist.js';
import { generateKgSynth } from '../datasets/kg-synth.js';
import { loadMnist } from '../datasets/mnist.js';
import { buildPayloadTable, type PayloadTable } from '../filter/payload-table.js';
import { bytesOf, fingerprint } from '../lib/cache.js';
import { cachedGroundTruth, type GroundTruth } from '../truth/ground-truth.js';
import { generateWorkload, workloadName } from '../workloads/generate.js';
import { loadWorkload, saveWorkload } from '../workloads/store.js';
import { deriveTemplates, FASHION_MNIST_TEMPLATES, KG_SYNTH_TEMPLATES, MNIST_TEMPLATES, type Template } from '../workloads/templates.js';
import type { Workload } from '../workloads/workload.js';
import type { DatasetSpec, SuiteSpec } from './suites.js';

export interface Prepared {
  dataset: Dataset;
  table: PayloadTable;
  workload: Workload;
  truth: GroundTruth;
  timings: { datasetS: number; workloadS: number; truthS: number; truthCached: boolean; workloadCached: boolean };
}

export function loadDataset(spec: DatasetSpec): Dataset {
  switch (spec.kind) {
    case 'kg-synth':
      return generateKgSynth({ n: spec.n, dim: spec.dim, seed: spec.seed });
    case 'mnist':
      return loadMnist(spec.seed);
    case 'fashion-mnist':
      return loadFashionMnist(spec.seed);
    case 'file': {
      if (!spec.path) throw new Error('the custom suite needs --vectors <file>');
      const ds = loadVectorFile(spec.path, spec.payloads);
      // Cached workloads are keyed by dataset name: make it change with the files' content.
      return { ...ds, name: `${ds.name}-${fingerprint(bytesOf(ds.vectors), JSON.stringify(ds.payloads))}` };
    }
  }
}

function templatesFor(spec: DatasetSpec, table: PayloadTable): readonly Template[] {
  switch (spec.kind) {
    case 'kg-synth':
      return KG_SYNTH_TEMPLATES;
    case 'mnist':
      return MNIST_TEMPLATES;
    case 'fashion-mnist':
      return FASHION_MNIST_TEMPLATES;
    case 'file':
      return deriveTemplates(table);
  }
}

export function prepare(suite: SuiteSpec, progress: (label: string, done: number, total: number) => void = () => {}): Prepared {
  let t = performance.now();
  const dataset = loadDataset(suite.dataset);
  checkDataset(dataset);
  const table = buildPayloadTable(dataset.payloads);
  const datasetS = (performance.now() - t) / 1000;

  t = performance.now();
  const wopts = { count: suite.queries, k: suite.k, seed: suite.workloadSeed };
  let workload = loadWorkload(workloadName(dataset.name, wopts));
  const workloadCached = workload !== undefined;
  if (!workload) {
    workload = generateWorkload(dataset, table, templatesFor(suite.dataset, table), wopts);
    saveWorkload(workload);
  }
  const workloadS = (performance.now() - t) / 1000;

  t = performance.now();
  const { gt: truth, cached: truthCached } = cachedGroundTruth(dataset, table, workload, (d, n) => progress('ground truth', d, n));
  const truthS = (performance.now() - t) / 1000;
  return { dataset, table, workload, truth, timings: { datasetS, workloadS, truthS, truthCached, workloadCached } };
}
