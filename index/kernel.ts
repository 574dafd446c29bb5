// The exact-scan kernel behind one interface: the native addon
// (index/native/kernel.cc, built by `npm ci` through node-gyp) on one of its
// paths, AVX-512F, AVX2+FMA or portable C++ (the best the CPU has unless
// HQDB_KERNEL says otherwise), or the plain-JS fallback when the addon cannot be
// loaded. Every native path scores a (query, row) pair to the same float, bit for
// bit, whichever entry point asks. `KERNEL.name` says which one runs.

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../core/paths.js';
import { l1, negDot, squaredL2, type DistanceKernel } from './distance.js';
import { TopK } from './top-k.js';

/** 0 = negated dot product, 1 = squared L2, 2 = L1 (as in kernel.cc). */
export type KernelMetric = 0 | 1 | 2;

export interface KernelResult {
  labels: Int32Array;
  distances: Float32Array;
}

/**
 * Top-k of a group of queries over a shared list of candidate rows (the
 * partition-at-a-time scan of the batch executor). Flat results: query j's
 * neighbours are at [j * k, j * k + counts[j]), nearest first, ties to the lower label.
 */
export interface GroupResult {
  labels: Int32Array;
  distances: Float32Array;
  counts: Int32Array;
}

export interface ScanKernel {
  readonly name: 'native-avx512' | 'native-avx2' | 'native-portable' | 'js';
  /** Top-k over the rows named in labels[0..count). */
  scanLabels(data: Float32Array, dim: number, query: Float32Array, labels: Int32Array, count: number, metric: KernelMetric, k: number): KernelResult;
  /** Top-k over the rows whose bit is set. */
  scanBitmap(data: Float32Array, dim: number, query: Float32Array, words: Uint32Array, metric: KernelMetric, k: number): KernelResult;
  /** Top-k for each of nq queries (row-major in `queries`) over the same rows. */
  scanBlock(data: Float32Array, dim: number, queries: Float32Array, nq: number, labels: Int32Array, count: number, metric: KernelMetric, k: number): KernelResult[];
  /**
   * Top-k for each of nq queries (row-major in `queries`) over the rows named in
   * rows[0..count) (labels into `data`, ascending). Query j scores only the rows
   * whose bit is set in its mask: the bitmap over labels that starts at word
   * maskOf[j] of `masks` and is `maskWords` words long; maskOf[j] = -1 means every
   * row of the list. A row's score does not depend on which other queries or rows
   * share the call (each is one sequential sum over the dimension).
   */
  scanGroup(data: Float32Array, dim: number, queries: Float32Array, nq: number, rows: Int32Array, count: number, masks: Uint32Array, maskOf: Int32Array, maskWords: number, metric: KernelMetric, k: number): GroupResult;
  /**
   * IVF probing of rows ordered by cluster (a flat partition after clustering):
   * cluster c of C = centroids.length / dim holds rows [offsets[c], offsets[c + 1]),
   * and rows [offsets[C], offsets[C + 1]) are an unclustered tail every query scans.
   * Query j ranks the centroids by the metric, nearest first, and probes clusters
   * until they hold targets[j] rows it may return (set in its mask, as in scanGroup;
   * every row without one; the tail's rows do not count towards it); clusters without
   * such rows are skipped. Rows are labels.
   * Also returns, per query, the clusters probed and the rows they held for it.
   */
  scanProbes(data: Float32Array, dim: number, queries: Float32Array, nq: number, centroids: Float32Array, offsets: Int32Array, targets: Int32Array, masks: Uint32Array, maskOf: Int32Array, maskWords: number, metric: KernelMetric, k: number): ProbeResult;
}

export interface ProbeResult extends GroupResult {
  probed: Int32Array;
  covered: Int32Array;
}

/** The addon's code paths, as its last argument names them (Path in kernel.cc). */
const NATIVE_PATHS = { portable: 0, avx2: 1, avx512: 2 } as const;
type NativePath = keyof typeof NATIVE_PATHS;

type WithPath<F> = F extends (...a: infer A) => infer R ? (...a: [...A, path: number]) => R : never;

/** Each entry point takes the path as a trailing argument, so threads never share a mode. */
interface NativeAddon {
  scanLabels: WithPath<ScanKernel['scanLabels']>;
  scanBitmap: WithPath<ScanKernel['scanBitmap']>;
  scanBlock: WithPath<ScanKernel['scanBlock']>;
  scanGroup: WithPath<ScanKernel['scanGroup']>;
  scanProbes: WithPath<ScanKernel['scanProbes']>;
  features(): { avx2: boolean; avx512: boolean; path: NativePath };
  bitsCount(words: Uint32Array): number;
  bitsOp(op: 0 | 1 | 2, dst: Uint32Array, src: Uint32Array): void;
  bitsSet(words: Uint32Array, labels: Int32Array, lo: number, hi: number): void;
  bitsLocalize(words: Uint32Array, leafOf: Int32Array, localOf: Int32Array, slotOf: Int32Array, out: Uint32Array, offsets: Int32Array): void;
  bitsIndices(a: Uint32Array, b: Uint32Array | undefined): Int32Array;
}

/**
 * Word-wise bitmap operations for index/bitmap.ts, native where the addon
 * loads (the same results as its JavaScript loops, ~10x faster at 100k labels).
 */
export interface BitsKernel {
  count(words: Uint32Array): number;
  /** dst &= src; words of dst past src become 0. */
  and(dst: Uint32Array, src: Uint32Array): void;
  /** dst |= src; dst is at least as long as src. */
  or(dst: Uint32Array, src: Uint32Array): void;
  /** dst &= ~src over the shorter length. */
  andNot(dst: Uint32Array, src: Uint32Array): void;
  /** Sets the bits of labels[lo..hi), each below words.length * 32. */
  setLabels(words: Uint32Array, labels: Int32Array, lo: number, hi: number): void;
  /**
   * Scatters a bitmap over collection labels into partition-local bitmaps: each set
   * label g with slotOf[leafOf[g]] = s >= 0 sets bit localOf[g] of slot s, whose words
   * are out[offsets[s] .. offsets[s + 1]) (labels past a slot's words are skipped).
   */
  localize(words: Uint32Array, leafOf: Int32Array, localOf: Int32Array, slotOf: Int32Array, out: Uint32Array, offsets: Int32Array): void;
  /** The labels set in a (AND b, over their shorter length, when given), ascending. */
  indices(a: Uint32Array, b?: Uint32Array): Int32Array;
}

const JS_KERNELS: Record<KernelMetric, DistanceKernel> = { 0: negDot, 1: squaredL2, 2: l1 };

function finish(heap: TopK): KernelResult {
  const { labels, distances } = heap.sorted();
  return { labels: Int32Array.from(labels), distances: Float32Array.from(distances) };
}

export const JS_KERNEL: ScanKernel = {
  name: 'js',
  scanLabels(data, dim, query, labels, count, metric, k) {
    const f = JS_KERNELS[metric];
    const heap = new TopK(k);
    for (let i = 0; i < count; i++) heap.push(labels[i], f(query, 0, data, labels[i] * dim, dim));
    return finish(heap);
  },
  scanBitmap(data, dim, query, words, metric, k) {
    const f = JS_KERNELS[metric];
    const heap = new TopK(k);
    const rows = Math.floor(data.length / dim);
    for (let w = 0; w < words.length; w++) {
      let v = words[w];
      while (v !== 0) {
        const t = v & -v;
        const l = w * 32 + (31 - Math.clz32(t));
        v ^= t;
        if (l >= rows) break;
        heap.push(l, f(query, 0, data, l * dim, dim));
      }
    }
    return finish(heap);
  },
  scanBlock(data, dim, queries, nq, labels, count, metric, k) {
    return Array.from({ length: nq }, (_, j) => JS_KERNEL.scanLabels(data, dim, queries.subarray(j * dim, (j + 1) * dim), labels, count, metric, k));
  },
  scanGroup(data, dim, queries, nq, rows, count, masks, maskOf, maskWords, metric, k) {
    const f = JS_KERNELS[metric];
    const out: GroupResult = { labels: new Int32Array(nq * k), distances: new Float32Array(nq * k), counts: new Int32Array(nq) };
    const total = Math.floor(data.length / dim);
    for (let j = 0; j < nq; j++) {
      const heap = new TopK(k);
      const m = maskOf[j];
      for (let i = 0; i < count; i++) {
        const l = rows[i];
        if (l < 0 || l >= total) continue;
        if (m >= 0 && ((l >>> 5) >= maskWords || ((masks[m + (l >>> 5)] >>> (l & 31)) & 1) === 0)) continue;
        heap.push(l, Math.fround(f(queries, j * dim, data, l * dim, dim)));
      }
      const { labels, distances } = heap.sorted();
      out.counts[j] = labels.length;
      out.labels.set(labels, j * k);
      out.distances.set(distances, j * k);
    }
    return out;
  },
  scanProbes(data, dim, queries, nq, centroids, offsets, targets, masks, maskOf, maskWords, metric, k) {
    const f = JS_KERNELS[metric];
    const clusters = centroids.length / dim;
    if (offsets.length !== clusters + 2) throw new RangeError('offsets must hold clusters + 2 entries');
    const out: ProbeResult = { labels: new Int32Array(nq * k), distances: new Float32Array(nq * k), counts: new Int32Array(nq), probed: new Int32Array(nq), covered: new Int32Array(nq) };
    const has = (j: number, l: number): boolean => maskOf[j] < 0 || ((l >>> 5) < maskWords && ((masks[maskOf[j] + (l >>> 5)] >>> (l & 31)) & 1) === 1);
    const rowsFor = (j: number, c: number): number => {
      let n = 0;
      for (let l = offsets[c]; l < offsets[c + 1]; l++) if (has(j, l)) n++;
      return n;
    };
    const ids = Int32Array.from({ length: clusters }, (_, c) => c);
    const order = JS_KERNEL.scanGroup(centroids, dim, queries, nq, ids, clusters, new Uint32Array(1), new Int32Array(nq).fill(-1), 0, metric, clusters);
    for (let j = 0; j < nq; j++) {
      const heap = new TopK(k);
      const scanCluster = (c: number): void => {
        for (let l = offsets[c]; l < offsets[c + 1]; l++) if (has(j, l)) heap.push(l, Math.fround(f(queries, j * dim, data, l * dim, dim)));
      };
      // The tail is scanned too, but its rows do not count towards the target (they are not near the query).
      const tail = rowsFor(j, clusters);
      let covered = 0;
      scanCluster(clusters);
      let probed = 0;
      for (let x = 0; x < order.counts[j] && covered < targets[j]; x++) {
        const c = order.labels[j * clusters + x];
        const r = rowsFor(j, c);
        if (r === 0) continue;
        covered += r;
        probed++;
        scanCluster(c);
      }
      const { labels, distances } = heap.sorted();
      out.counts[j] = labels.length;
      out.labels.set(labels, j * k);
      out.distances.set(distances, j * k);
      out.probed[j] = probed;
      out.covered[j] = covered + tail;
    }
    return out;
  },
};

function loadNative(): NativeAddon | undefined {
  const file = join(PROJECT_ROOT, 'build', 'Release', 'hqdb_kernel.node');
  if (process.env.HQDB_KERNEL === 'js' || !existsSync(file)) return undefined;
  try {
    return createRequire(import.meta.url)(file) as NativeAddon;
  } catch {
    return undefined;
  }
}

function nativeKernel(addon: NativeAddon, path: NativePath): ScanKernel {
  const p = NATIVE_PATHS[path];
  return {
    name: `native-${path}`,
    scanLabels: (...a) => addon.scanLabels(...a, p),
    scanBitmap: (...a) => addon.scanBitmap(...a, p),
    scanBlock: (...a) => addon.scanBlock(...a, p),
    scanGroup: (...a) => addon.scanGroup(...a, p),
    scanProbes: (...a) => addon.scanProbes(...a, p),
  };
}

const native = loadNative();

/** Native bitmap operations, or undefined where the plain-JS kernel runs (index/bitmap.ts then loops itself). */
export const NATIVE_BITS: BitsKernel | undefined = native
  ? {
    count: (w) => native.bitsCount(w),
    and: (d, s) => native.bitsOp(0, d, s),
    or: (d, s) => native.bitsOp(1, d, s),
    andNot: (d, s) => native.bitsOp(2, d, s),
    setLabels: (w, l, lo, hi) => native.bitsSet(w, l, lo, hi),
    localize: (w, leafOf, localOf, slotOf, out, offsets) => native.bitsLocalize(w, leafOf, localOf, slotOf, out, offsets),
    indices: (a, b) => native.bitsIndices(a, b),
  }
  : undefined;

/** The paths this CPU runs, best first. */
function nativePaths(addon: NativeAddon): NativePath[] {
  const f = addon.features();
  return [...(f.avx512 ? ['avx512' as const] : []), ...(f.avx2 ? ['avx2' as const] : []), 'portable'];
}

/** HQDB_KERNEL=portable|avx2|avx512 picks a native path (when the CPU has it), js the plain-JS kernel. */
function chosenPath(addon: NativeAddon): NativePath {
  const want = process.env.HQDB_KERNEL;
  const paths = nativePaths(addon);
  return paths.find((p) => p === want) ?? paths[0];
}

/** The best kernel on this machine. */
export const KERNEL: ScanKernel = native ? nativeKernel(native, chosenPath(native)) : JS_KERNEL;

/** Every kernel available here, one per native path and the plain-JS one, for tests and benchmarks that compare them. */
export function availableKernels(): ScanKernel[] {
  return native ? [...nativePaths(native).map((p) => nativeKernel(native, p)), JS_KERNEL] : [JS_KERNEL];
}
