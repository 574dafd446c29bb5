// Runs a suite: prepares data, measures each system (each in its own child
// process by default, in this process with `isolate: false`), and writes
// bench/results/<suite>-<date>.json, .md and .svg.

import { execFileSync, fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from '../lib/stats.js';
import { BENCH_DIR } from '../lib/cache.js';
import { compare, formatRatio } from '../report/compare.js';
import { markdownReport } from '../report/markdown.js';
import { renderPlot } from '../report/plot.js';
import { BASELINE, SYSTEMS } from '../systems/registry.js';
import { formatHistogram, selectivity, selectivityHistogram } from '../workloads/workload.js';
import type { ChildJob, ChildMessage } from './child.js';
import { prepare, type Prepared } from './prepare.js';
import { createProgress, type Progress } from './progress.js';
import type { RunResult, SystemResult } from './result.js';
import { runSystem } from './run-system.js';
import type { SuiteSpec } from './suites.js';

export interface RunSuiteOptions {
  suite: SuiteSpec;
  /** Each system in its own child process (peak RSS per system, crash isolation). Default true. */
  isolate?: boolean;
  fullSweep?: boolean;
  /** Directory for result files; default bench/results. `false`: write nothing. */
  outDir?: string | false;
  quiet?: boolean;
}

export interface RunSuiteOutput {
  result: RunResult;
  files: string[];
}

const CHILD_ENTRY = join(dirname(fileURLToPath(import.meta.url)), 'child.ts');

export async function runSuite(o: RunSuiteOptions): Promise<RunSuiteOutput> {
  const progress = createProgress(o.quiet);
  const startedAt = new Date();
  // The code measured is the code at the start: the tree may change while a long run goes on.
  const commit = gitCommit();
  try {
    progress.log(`suite ${o.suite.name}: ${o.suite.description}`);
    const data = prepare(o.suite, (label, d, n) => progress.update(label, d, n));
    const { dataset, workload } = data;
    const histogram = selectivityHistogram(workload);
    progress.log(`dataset ${dataset.name}: ${dataset.n} x ${dataset.dim} (${data.timings.datasetS.toFixed(1)} s)`);
    progress.log(`workload ${workload.name}: ${workload.queries.length} queries${data.timings.workloadCached ? ' (cached)' : ''}; selectivity histogram:\n${formatHistogram(histogram)}`);
    progress.log(`ground truth: ${data.timings.truthS.toFixed(1)} s${data.timings.truthCached ? ' (cached)' : ''}`);

    // The baseline first, so ratios can be printed as soon as other systems finish.
    const names = [...o.suite.systems].sort((a, b) => Number(b === BASELINE) - Number(a === BASELINE));
    const systems: SystemResult[] = [];
    for (const name of names) {
      progress.log(`— ${name}`);
      const r = o.isolate === false ? await runInProcess(name, o, data, progress) : await runInChild(name, o, progress);
      const base = systems.find((s) => s.system === BASELINE)?.final ?? (name === BASELINE ? r.final : undefined);
      if (r.final && base) r.vsBaseline = compare(r.final, base, workload);
      systems.push(r);
      progress.log(describe(r));
    }
    // Variants (hqdb-layout) against the system they vary (hqdb), whichever ran first.
    for (const s of systems) {
      const ref = SYSTEMS[s.system]?.reference;
      const other = ref === undefined ? undefined : systems.find((x) => x.system === ref);
      const c = s.final && other?.final ? compare(s.final, other.final, workload) : undefined;
      if (ref !== undefined && c) {
        s.vsReference = { system: ref, ...c };
        progress.log(`${s.system}: ${formatRatio(c.ratio)} ${ref} on the same ${c.queries} queries`);
      }
    }
    for (const s of systems) if (s.final) delete s.final.latenciesMs;

    const result: RunResult = {
      suite: o.suite.name,
      description: o.suite.description,
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      commit,
      machine: machine(),
      dataset: { name: dataset.name, n: dataset.n, dim: dataset.dim },
      workload: {
        name: workload.name,
        queries: workload.queries.length,
        pastCount: workload.pastCount,
        k: workload.k,
        target: o.suite.target,
        sweepQueries: Math.min(o.suite.sweepQueries, workload.queries.length),
        histogram,
        templates: workload.templates.map((t) => {
          const qs = workload.queries.filter((q) => q.template === t);
          return { template: t, queries: qs.length, share: qs.length / workload.queries.length, medianSelectivity: median(qs.map((q) => selectivity(q, dataset.n))) };
        }),
      },
      prepare: { datasetS: data.timings.datasetS, workloadS: data.timings.workloadS, truthS: data.timings.truthS, truthCached: data.timings.truthCached },
      baseline: BASELINE,
      systems,
    };
    const files = o.outDir === false ? [] : await writeResults(result, o.outDir ?? join(BENCH_DIR, 'results'), progress);
    return { result, files };
  } finally {
    progress.stop();
  }
}

function describe(r: SystemResult): string {
  if (r.status !== 'ok' || !r.final) return `${r.system}: ${r.status}: ${(r.reason ?? '').split('\n')[0]}`;
  const f = r.final;
  const vs = r.vsBaseline && r.system !== BASELINE ? ` (${formatRatio(r.vsBaseline.ratio)} ${BASELINE} on the same ${r.vsBaseline.queries} queries)` : '';
  return `${r.system}: ${f.qps.toFixed(1)} q/s${vs} at recall ${f.recall.toFixed(3)} (${r.paramName ? `${r.paramName}=${f.param}` : 'exact'}${f.reachedTarget ? '' : ', target not reached'}), p50 ${f.p50Ms.toFixed(2)} ms, p99 ${f.p99Ms.toFixed(2)} ms${f.unsupported ? `, ${f.unsupported} queries unsupported` : ''}`;
}

async function runInProcess(name: string, o: RunSuiteOptions, data: Prepared, progress: Progress): Promise<SystemResult> {
  const before = process.memoryUsage().rss;
  const r = await runSystem(name, o.suite, data, { fullSweep: o.fullSweep, progress: progress.update, log: progress.log });
  if (r.rssMode === undefined && r.status === 'ok') {
    r.peakRssBytes = Math.max(0, process.memoryUsage().rss - before);
    r.rssMode = 'in-process-delta';
  }
  return r;
}

async function runInChild(name: string, o: RunSuiteOptions, progress: Progress): Promise<SystemResult> {
  const dir = mkdtempSync(join(tmpdir(), 'hqdb-bench-job-'));
  const job: ChildJob = { suite: o.suite, system: name, fullSweep: o.fullSweep ?? false, out: join(dir, 'result.json') };
  writeFileSync(join(dir, 'job.json'), JSON.stringify(job));
  let stderr = '';
  try {
    const code = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
      const child = fork(CHILD_ENTRY, [join(dir, 'job.json')], { execArgv: ['--import', 'tsx'], cwd: join(BENCH_DIR, '..'), stdio: ['ignore', 'inherit', 'pipe', 'ipc'] });
      child.stderr!.on('data', (c: Buffer) => {
        stderr = (stderr + c.toString('utf8')).slice(-4000);
      });
      child.on('message', (m: ChildMessage) => (m.type === 'progress' ? progress.update(m.label, m.done, m.total) : progress.log(m.message)));
      child.once('error', reject);
      child.once('exit', (c, signal) => resolve({ code: c, signal }));
    });
    try {
      return JSON.parse(readFileSync(job.out, 'utf8')) as SystemResult;
    } catch {
      return {
        system: name,
        description: '',
        status: 'failed',
        reason: `child process exited (${code.signal ?? `code ${code.code}`}) without a result: ${stderr.trim().split('\n').slice(-5).join(' | ')}`,
        sweep: [],
        notes: [],
      };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function writeResults(r: RunResult, outDir: string, progress: Progress): Promise<string[]> {
  mkdirSync(outDir, { recursive: true });
  const stem = resultStem(r);
  const files: string[] = [];
  const plot = await renderPlot(r);
  let plotFile: string | undefined;
  if (plot.svg) {
    plotFile = `${stem}.svg`;
    writeFileSync(join(outDir, plotFile), plot.svg);
    files.push(join(outDir, plotFile));
  } else {
    progress.log(`plot skipped: ${plot.skipped}`);
  }
  writeFileSync(join(outDir, `${stem}.json`), `${JSON.stringify(r, null, 2)}\n`);
  writeFileSync(join(outDir, `${stem}.md`), markdownReport(r, plotFile));
  files.push(join(outDir, `${stem}.json`), join(outDir, `${stem}.md`));
  progress.log(`results: ${files.join(', ')}`);
  return files;
}

export function resultStem(r: RunResult): string {
  return `${r.suite}-${r.startedAt.slice(0, 10)}`;
}

function gitCommit(): string {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: BENCH_DIR, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: BENCH_DIR, encoding: 'utf8' }).trim() !== '';
    return dirty ? `${sha}+dirty` : sha;
  } catch {
    return 'unknown';
  }
}

function machine(): RunResult['machine'] {
  let flags = '';
  try {
    const info = readFileSync('/proc/cpuinfo', 'utf8');
    const f = /^flags\s*:\s*(.*)$/m.exec(info)?.[1].split(' ') ?? [];
    flags = ['avx2', 'avx512f', 'fma'].filter((x) => f.includes(x)).join(', ');
  } catch {
    // Not Linux: no flags.
  }
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    flags,
  };
}
