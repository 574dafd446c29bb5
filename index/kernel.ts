// The exact-scan kernel behind one interface: the native addon
// (index/native/kernel.cc, built by `npm ci` through node-gyp; AVX2/FMA or a
// portable path chosen by CPU at run time), or the plain-JS fallback when the
// addon cannot be loaded. `KERNEL.name` says which one runs.

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

export interface ScanKernel {
  readonly name: 'native-avx2' | 'native-portable' | 'js';
  /** Top-k over the rows named in labels[0..count). */
  scanLabels(data: Float32Array, dim: number, query: Float32Array, labels: Int32Array, count: number, metric: KernelMetric, k: number): KernelResult;
  /** Top-k over the rows whose bit is set. */
  scanBitmap(data: Float32Array, dim: number, query: Float32Array, words: Uint32Array, metric: KernelMetric, k: number): KernelResult;
  /** Top-k for each of nq queries (row-major in `queries`) over the same rows. */
  scanBlock(data: Float32Array, dim: number, queries: Float32Array, nq: number, labels: Int32Array, count: number, metric: KernelMetric, k: number): KernelResult[];
}

interface NativeAddon {
  scanLabels: ScanKernel['scanLabels'];
  scanBitmap: ScanKernel['scanBitmap'];
  scanBlock: ScanKernel['scanBlock'];
  features(): { avx2: boolean; simd: boolean };
  setPortable(on: boolean): void;
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

function nativeKernel(addon: NativeAddon, portable: boolean): ScanKernel {
  const name = portable || !addon.features().avx2 ? 'native-portable' : 'native-avx2';
  const guard = <A extends unknown[], R>(fn: (...a: A) => R) => (...a: A): R => {
    addon.setPortable(portable);
    return fn(...a);
  };
  return {
    name,
    scanLabels: guard(addon.scanLabels),
    scanBitmap: guard(addon.scanBitmap),
    scanBlock: guard(addon.scanBlock),
  };
}

const native = loadNative();

/** The best kernel on this machine. */
export const KERNEL: ScanKernel = native ? nativeKernel(native, process.env.HQDB_KERNEL === 'portable') : JS_KERNEL;

/** Every kernel available here, for tests and benchmarks that compare them. */
export function availableKernels(): ScanKernel[] {
  return native ? [nativeKernel(native, false), nativeKernel(native, true), JS_KERNEL] : [JS_KERNEL];
}
