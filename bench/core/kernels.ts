// Exact-scan kernel throughput (issue 4): GFLOP/s of the single-query kernel
// and of the blocked multi-query kernel, for each kernel available here
// (native AVX2, native portable, plain JS), against this CPU's theoretical
// peak. One distance of dimension d counts 2d flops (multiply + add).
//
//   npx tsx bench/core/kernels.ts [--n 100000] [--dim 128] [--queries 64]

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../../core/paths.js';
import { availableKernels } from '../../index/kernel.js';

const { values } = parseArgs({ options: { n: { type: 'string', default: '100000' }, dim: { type: 'string', default: '128' }, queries: { type: 'string', default: '64' } } });
const N = Number(values.n), DIM = Number(values.dim), Q = Number(values.queries);

function mhz(): number {
  const m = /cpu MHz\s*:\s*([\d.]+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'));
  return m ? Number(m[1]) : cpus()[0].speed;
}

const data = Float32Array.from({ length: N * DIM }, () => Math.random() - 0.5);
const queries = Float32Array.from({ length: Q * DIM }, () => Math.random() - 0.5);
const labels = Int32Array.from({ length: N }, (_, i) => i);
const flopsPerDistance = 2 * DIM;

const ghz = mhz() / 1000;
const avx2 = /\bavx2\b/.test(readFileSync('/proc/cpuinfo', 'utf8'));
// Two 256-bit FMA pipes per core: 2 x 8 lanes x 2 flops per cycle.
const peakPerCore = ghz * (avx2 ? 32 : 8);
const cores = cpus().length;
const rows: Record<string, string | number>[] = [];

function time(fn: () => void, minMs = 1500): number {
  fn();
  let runs = 0;
  const t0 = performance.now();
  do {
    fn();
    runs++;
  } while (performance.now() - t0 < minMs);
  return (performance.now() - t0) / runs;
}

for (const kernel of availableKernels()) {
  const single = time(() => {
    for (let j = 0; j < (kernel.name === 'js' ? 2 : 8); j++) kernel.scanLabels(data, DIM, queries.subarray(j * DIM, (j + 1) * DIM), labels, N, 0, 10);
  }) / (kernel.name === 'js' ? 2 : 8);
  const block = time(() => kernel.scanBlock(data, DIM, queries, Q, labels, N, 0, 10));
  const singleGflops = (N * flopsPerDistance) / (single / 1000) / 1e9;
  const blockGflops = (Q * N * flopsPerDistance) / (block / 1000) / 1e9;
  rows.push({
    kernel: kernel.name,
    single_query_ms: +single.toFixed(3),
    single_queries_per_s: Math.round(1000 / single),
    single_gflops: +singleGflops.toFixed(2),
    block_queries_per_s: Math.round((Q * 1000) / block),
    block_gflops: +blockGflops.toFixed(2),
  });
}
const js = rows.find((r) => r.kernel === 'js')!;
for (const r of rows) {
  r.single_vs_js = +(Number(r.single_gflops) / Number(js.single_gflops)).toFixed(1);
  r.block_vs_js = +(Number(r.block_gflops) / Number(js.single_gflops)).toFixed(1);
  r.single_pct_of_core_peak = +((100 * Number(r.single_gflops)) / peakPerCore).toFixed(1);
}
console.log(`kernels: ${N} x ${DIM}-d rows, ${Q}-query blocks; CPU ${ghz.toFixed(2)} GHz x ${cores} cores, peak ${peakPerCore.toFixed(1)} GFLOP/s per core (${(peakPerCore * cores).toFixed(1)} for the machine)`);
console.table(rows);
const out = join(PROJECT_ROOT, 'bench/results');
mkdirSync(out, { recursive: true });
const file = join(out, `kernels-${new Date().toISOString().slice(0, 10)}.json`);
writeFileSync(file, JSON.stringify({ n: N, dim: DIM, queries: Q, ghz, cores, peak_gflops_per_core: peakPerCore, rows }, null, 2) + '\n');
console.log(`wrote ${file}`);
