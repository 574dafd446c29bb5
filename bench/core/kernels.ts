// Exact-scan kernel throughput: GFLOP/s of scanGroup at the tile shapes the batch
// executor produces (queries per group x candidate rows x dimension x mask density)
// on every kernel path here, against the running CPU's per-core peak for that path,
// and the single-query scan (scanLabels, 100k x 128-d) against an earlier build of
// the addon when one is given. One distance of dimension d counts 2d flops; with
// masks only the distances a query may score count.
//
//   npx tsx bench/core/kernels.ts [--baseline old/hqdb_kernel.node] [--openblas sgemm.json] [--budget-ms 120]
//
// --baseline: an addon built from an earlier commit (git worktree add /tmp/old <rev>
// && cd /tmp/old && npm ci && npm run build:native), measured alternately with this
// one so both see the same machine load. --openblas: the output of
// bench/core/sgemm-openblas.cc on this machine, copied into the results.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../../core/paths.js';
import { availableKernels, type ScanKernel } from '../../index/kernel.js';

const { values } = parseArgs({ options: { baseline: { type: 'string' }, openblas: { type: 'string' }, 'budget-ms': { type: 'string', default: '120' } } });
const BUDGET_MS = Number(values['budget-ms']);

const QUERIES = [1, 4, 16, 64, 256];
const ROWS = [1_000, 10_000, 100_000];
const DIMS = [100, 128, 784];
const MASKS: { name: string; density: number }[] = [
  { name: 'none', density: 1 },
  { name: '10%', density: 0.1 },
  { name: '1%', density: 0.01 },
];
const TOTAL = 100_000;
const K = 10;
// Shapes above this many flops take over a second a run; they add nothing the
// next size down does not show.
const MAX_FLOPS = 8e9;

// ---- the CPU and its peak ---------------------------------------------------

const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
const field = (name: string): string => new RegExp(`^${name}\\s*:\\s*(.+)$`, 'm').exec(cpuinfo)?.[1].trim() ?? '';
const ghz = Number(field('cpu MHz')) / 1000;
const family = Number(field('cpu family'));
const vendor = field('vendor_id');
const flags = new Set(field('flags').split(/\s+/));

/**
 * FMA flops per cycle per core on each path: two FMA pipes x lanes x 2. Zen 4 (AMD
 * family 25) runs a 512-bit FMA as two 256-bit halves, so AVX-512 peaks where AVX2
 * does; Zen 5 (family 26) and AVX-512 Intel cores have two full 512-bit FMA pipes.
 * The portable path is scalar std::fma.
 */
function flopsPerCycle(path: string): { flops: number; why: string } {
  if (path === 'native-portable' || path === 'js') return { flops: 4, why: '2 scalar FMA pipes x 1 lane x 2' };
  if (path === 'native-avx2') return { flops: 32, why: '2 FMA pipes x 8 lanes x 2' };
  if (vendor === 'AuthenticAMD' && family === 25) return { flops: 32, why: 'Zen 4: 512-bit FMAs as two 256-bit halves on 2 pipes, 2 x 8 lanes x 2' };
  return { flops: 64, why: `${vendor} family ${family}: 2 x 512-bit FMA pipes x 16 lanes x 2 (assumed)` };
}

// ---- data -----------------------------------------------------------------------

function random(n: number): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = Math.random() - 0.5;
  return a;
}

/** `count` ascending labels out of TOTAL, spread as a partition's rows are. */
function candidates(count: number): Int32Array {
  if (count >= TOTAL) return Int32Array.from({ length: TOTAL }, (_, i) => i);
  const picked = new Uint8Array(TOTAL);
  for (let left = count; left > 0; ) {
    const l = Math.floor(Math.random() * TOTAL);
    if (!picked[l]) {
      picked[l] = 1;
      left--;
    }
  }
  const out = new Int32Array(count);
  for (let l = 0, i = 0; l < TOTAL; l++) if (picked[l]) out[i++] = l;
  return out;
}

const WORDS = Math.ceil(TOTAL / 32);
/** One independent random bitmap per query (the worst case for sharing rows). */
function masks(nq: number, density: number): Uint32Array {
  const m = new Uint32Array(nq * WORDS);
  if (density >= 1) return m;
  for (let j = 0; j < nq; j++)
    for (let l = 0; l < TOTAL; l++) if (Math.random() < density) m[j * WORDS + (l >>> 5)] |= 1 << (l & 31);
  return m;
}

function allowedPairs(rows: Int32Array, m: Uint32Array, nq: number, masked: boolean): number {
  if (!masked) return nq * rows.length;
  let n = 0;
  for (let j = 0; j < nq; j++) for (const l of rows) n += (m[j * WORDS + (l >>> 5)] >>> (l & 31)) & 1;
  return n;
}

/** Best time of one run, in ms: runs until the budget is spent (at least once, and once more to warm up when cheap). */
function best(fn: () => void, budget = BUDGET_MS): number {
  let t = performance.now();
  fn();
  let min = performance.now() - t;
  const end = performance.now() + budget;
  while (performance.now() < end) {
    t = performance.now();
    fn();
    min = Math.min(min, performance.now() - t);
  }
  return min;
}

// ---- scanGroup --------------------------------------------------------------------

const kernels = availableKernels().filter((k) => k.name !== 'js');
const peaks = Object.fromEntries(kernels.map((k) => [k.name, { ...flopsPerCycle(k.name), gflops: +(ghz * flopsPerCycle(k.name).flops).toFixed(1) }]));
const isa = flags.has('avx512f') ? 'AVX-512F' : flags.has('avx2') ? 'AVX2+FMA' : 'x86-64';
console.log(`CPU: ${field('model name')}, ${vendor} family ${family}, ${ghz.toFixed(2)} GHz, best ISA ${isa}`);
for (const [name, p] of Object.entries(peaks)) console.log(`  ${name}: ${p.flops} flops/cycle (${p.why}) = ${p.gflops} GFLOP/s per core`);

interface GroupRow {
  kernel: string;
  dim: number;
  rows: number;
  mask: string;
  queries: number;
  ms: number;
  gflops: number;
  pct_of_peak: number;
}
const group: GroupRow[] = [];
const maxQ = QUERIES[QUERIES.length - 1];

function measure(kernel: ScanKernel, data: Float32Array, dim: number, queries: Float32Array, rows: Int32Array, m: Uint32Array, mask: { name: string; density: number }, nq: number): void {
  const masked = mask.density < 1;
  const maskOf = Int32Array.from({ length: nq }, (_, j) => (masked ? j * WORDS : -1));
  const ms = best(() => kernel.scanGroup(data, dim, queries, nq, rows, rows.length, m, maskOf, WORDS, 0, K));
  const gflops = (2 * dim * allowedPairs(rows, m, nq, masked)) / (ms / 1000) / 1e9;
  group.push({ kernel: kernel.name, dim, rows: rows.length, mask: mask.name, queries: nq, ms: +ms.toFixed(3), gflops: +gflops.toFixed(2), pct_of_peak: +((100 * gflops) / peaks[kernel.name].gflops).toFixed(1) });
}

const maskSets = new Map(MASKS.map((m) => [m.name, masks(maxQ, m.density)]));
for (const dim of DIMS) {
  const data = random(TOTAL * dim);
  const queries = random(maxQ * dim);
  for (const count of ROWS) {
    const rows = candidates(count);
    for (const mask of MASKS) {
      const m = maskSets.get(mask.name)!;
      for (const kernel of kernels) {
        // The portable path (a libm fma call per multiply-add) only at the smaller shapes.
        const portable = kernel.name === 'native-portable';
        if (portable && (dim !== 128 || count > 10_000 || mask.name === '1%')) continue;
        for (const nq of QUERIES) {
          if (2 * dim * count * nq > (portable ? 2e8 : MAX_FLOPS)) continue;
          measure(kernel, data, dim, queries, rows, m, mask, nq);
        }
      }
    }
  }
}

// ---- single queries ----------------------------------------------------------------

interface SingleRow {
  kernel: string;
  ms: number;
  queries_per_s: number;
  gflops: number;
}
const single: SingleRow[] = [];
{
  const dim = 128;
  const data = random(TOTAL * dim);
  const query = random(dim);
  const labels = candidates(TOTAL);
  type Scan = (data: Float32Array, dim: number, query: Float32Array, labels: Int32Array, count: number, metric: 0, k: number) => unknown;
  const entries: [string, Scan][] = kernels.map((k) => [k.name, k.scanLabels]);
  if (values.baseline) {
    const old = createRequire(import.meta.url)(values.baseline) as { scanLabels: Scan };
    entries.unshift(['baseline (best path)', old.scanLabels]);
  }
  const times = new Map(entries.map(([name]) => [name, Infinity]));
  // Alternate the builds, several rounds, so a burst of load elsewhere hits them alike.
  for (let round = 0; round < 5; round++)
    for (const [name, scan] of entries) times.set(name, Math.min(times.get(name)!, best(() => scan(data, dim, query, labels, TOTAL, 0, K), name === 'native-portable' ? 200 : 300)));
  for (const [name, ms] of times) single.push({ kernel: name, ms: +ms.toFixed(3), queries_per_s: Math.round(1000 / ms), gflops: +((2 * dim * TOTAL) / (ms / 1000) / 1e9).toFixed(2) });
}

// ---- report ------------------------------------------------------------------------

for (const kernel of kernels) {
  const table: Record<string, Record<string, string>> = {};
  for (const r of group.filter((g) => g.kernel === kernel.name)) {
    const key = `${r.dim}-d ${r.rows / 1000}k rows mask ${r.mask}`;
    (table[key] ??= {})[`${r.queries}q`] = `${r.gflops.toFixed(1)} (${r.pct_of_peak.toFixed(0)}%)`;
  }
  console.log(`\nscanGroup GFLOP/s (% of ${peaks[kernel.name].gflops} GFLOP/s peak), ${kernel.name}, top-${K}, negated dot product:`);
  console.table(table);
}
console.log('\nsingle query, scanLabels over 100k x 128-d rows, top-10:');
console.table(single);

const out = join(PROJECT_ROOT, 'bench/results');
mkdirSync(out, { recursive: true });
const file = join(out, `kernels-${new Date().toISOString().slice(0, 10)}.json`);
const cpu = { model: field('model name'), vendor, family, ghz, isa, cores_used: 1, peaks };
writeFileSync(file, JSON.stringify({ cpu, k: K, metric: 'negated dot product', flops_per_distance: '2 * dim', budget_ms: BUDGET_MS, baseline: values.baseline ?? null, group, single, openblas: values.openblas ? (JSON.parse(readFileSync(values.openblas, 'utf8')) as unknown) : null }, null, 2) + '\n');
console.log(`wrote ${file}`);
