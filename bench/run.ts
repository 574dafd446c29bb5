// `npm run bench -- <suite> [options]`: the benchmark runner's command line.
// See bench/README.md for the suites and what each figure means.

import { Command, InvalidArgumentError, Option } from 'commander';
import { SYSTEMS } from './systems/registry.js';
import { runSuite } from './runner/run-suite.js';
import { SUITES, type SuiteSpec } from './runner/suites.js';

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

function fraction(value: string): number {
  const n = Number(value);
  if (!(n > 0 && n <= 1)) throw new InvalidArgumentError('must be in (0, 1]');
  return n;
}

interface CliOptions {
  systems?: string[];
  n?: number;
  dim?: number;
  seed?: number;
  queries?: number;
  sweepQueries?: number;
  k?: number;
  target?: number;
  batchSize?: number;
  timeBudget?: number;
  vectors?: string;
  payloads?: string;
  inProcess?: boolean;
  fullSweep?: boolean;
  out?: string;
  write: boolean;
  prepareOnly?: boolean;
}

export function suiteWithOptions(base: SuiteSpec, o: CliOptions): SuiteSpec {
  const suite: SuiteSpec = structuredClone(base);
  if (o.systems) {
    const unknown = o.systems.filter((s) => !(s in SYSTEMS));
    if (unknown.length) throw new InvalidArgumentError(`unknown system(s) ${unknown.join(', ')}; known: ${Object.keys(SYSTEMS).join(', ')}`);
    suite.systems = o.systems;
  }
  if (suite.dataset.kind === 'kg-synth') {
    suite.dataset = { ...suite.dataset, n: o.n ?? suite.dataset.n, dim: o.dim ?? suite.dataset.dim, seed: o.seed ?? suite.dataset.seed };
  } else if (o.n !== undefined || o.dim !== undefined) {
    throw new InvalidArgumentError('--n and --dim apply to kg-synth suites only');
  }
  if (suite.dataset.kind === 'file') suite.dataset = { kind: 'file', path: o.vectors ?? '', payloads: o.payloads };
  if ((suite.dataset.kind === 'mnist' || suite.dataset.kind === 'fashion-mnist') && o.seed !== undefined) suite.dataset = { ...suite.dataset, seed: o.seed };
  suite.queries = o.queries ?? suite.queries;
  suite.sweepQueries = Math.min(o.sweepQueries ?? suite.sweepQueries, suite.queries);
  suite.k = o.k ?? suite.k;
  suite.target = o.target ?? suite.target;
  suite.batchSize = o.batchSize ?? suite.batchSize;
  suite.timeBudgetS = o.timeBudget ?? suite.timeBudgetS;
  return suite;
}

const program = new Command('bench')
  .description('hqdb benchmark harness: hybrid (filtered) vector search, measured side by side')
  .argument('<suite>', `one of: ${Object.keys(SUITES).join(', ')}`)
  .option('--systems <list>', `comma-separated systems (${Object.keys(SYSTEMS).join(', ')})`, (v) => v.split(',').map((s) => s.trim()).filter(Boolean))
  .option('--n <count>', 'kg-synth: number of points', positiveInt)
  .option('--dim <d>', 'kg-synth: vector dimension (128 or 768 are typical)', positiveInt)
  .option('--seed <seed>', 'dataset seed', positiveInt)
  .option('--queries <count>', 'workload size', positiveInt)
  .option('--sweep-queries <count>', 'queries per parameter-sweep step', positiveInt)
  .option('--k <k>', 'neighbours per query', positiveInt)
  .option('--target <recall>', 'recall@k target of the sweep', fraction)
  .option('--batch-size <count>', 'queries per batch request, for systems with a batch API', positiveInt)
  .option('--time-budget <seconds>', "seconds a system's whole-workload run may take before stopping early; 0 = unlimited", (v) => {
    const n = Number(v);
    if (!(n >= 0)) throw new InvalidArgumentError('must be a number of seconds >= 0');
    return n;
  })
  .option('--vectors <file>', 'custom suite: .fvecs, .npy or .ndjson vectors')
  .option('--payloads <file>', 'custom suite: NDJSON payloads, one object per vector')
  .option('--in-process', 'run every system in this process (faster start; RSS is reported as a delta)')
  .option('--full-sweep', 'run every parameter value, not just up to one past the target')
  .option('--out <dir>', 'directory for results (default bench/results)')
  .option('--prepare-only', 'generate (and cache) dataset, workload and ground truth, print the selectivity histogram, measure nothing')
  .addOption(new Option('--no-write', 'print results only, write no files'))
  .showHelpAfterError()
  .action(async (name: string, opts: CliOptions) => {
    const base = SUITES[name];
    if (!base) throw new InvalidArgumentError(`unknown suite "${name}"; known: ${Object.keys(SUITES).join(', ')}`);
    const suite = suiteWithOptions(base, opts);
    if (opts.prepareOnly) suite.systems = [];
    const outDir = opts.write && !opts.prepareOnly ? opts.out : false;
    const { result } = await runSuite({ suite, isolate: !opts.inProcess, fullSweep: opts.fullSweep, outDir });
    const failed = result.systems.filter((s) => s.status === 'failed');
    if (failed.length > 0) {
      for (const f of failed) console.error(`${f.system} failed: ${f.reason}`);
      process.exitCode = 1;
    }
  });

program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
});
