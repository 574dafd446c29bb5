import { describe, expect, it } from 'vitest';
import { Bitmap } from '../../index/bitmap.js';
import { availableKernels, JS_KERNEL, KERNEL, type GroupResult, type KernelMetric, type ScanKernel } from '../../index/kernel.js';
import { clusteredVectors, rng } from '../support/data.js';

/**
 * A kernel's top-k is right when it returns k distinct selected rows whose true
 * distances are all within float32 rounding of the reference's k-th distance
 * (float32 accumulation may reorder near-ties, which is not an error).
 */
function expectTopK(got: { labels: Int32Array; distances: Float32Array }, ref: { labels: Int32Array; distances: Float32Array }, allowed: Set<number>, where: string): void {
  expect(got.labels.length, where).toBe(ref.labels.length);
  expect(new Set(got.labels).size, where).toBe(got.labels.length);
  const worst = ref.distances[ref.distances.length - 1];
  const tol = 1e-4 * Math.max(1, Math.abs(worst));
  got.labels.forEach((l, i) => {
    expect(allowed.has(l), where).toBe(true);
    expect(got.distances[i], where).toBeLessThanOrEqual(worst + tol);
    expect(Math.abs(got.distances[i] - ref.distances[i]), where).toBeLessThanOrEqual(tol);
  });
}

function flat(vs: Float32Array[]): Float32Array {
  const out = new Float32Array(vs.length * vs[0].length);
  vs.forEach((v, i) => out.set(v, i * v.length));
  return out;
}

describe('scan kernels', () => {
  it('the native addon is built and used on this machine', () => {
    expect(KERNEL.name).toMatch(/^native-/);
  });

  for (const dim of [4, 13, 24, 128, 784]) {
    it(`agree with the JS reference at dimension ${dim} for every metric and entry point`, () => {
      const rows = clusteredVectors(700, dim, 7, dim);
      const data = flat(rows);
      const queries = clusteredVectors(6, dim, 2, dim + 1);
      const rand = rng(dim);
      const labels = Int32Array.from({ length: 300 }, () => Math.floor(rand() * rows.length));
      const unique = Int32Array.from(new Set(labels));
      const bitmap = new Bitmap(rows.length);
      for (const l of unique) bitmap.set(l);
      for (const kernel of availableKernels()) {
        for (const metric of [0, 1, 2] as KernelMetric[]) {
          const where = `${kernel.name} metric ${metric}`;
          for (const q of queries) {
            const ref = JS_KERNEL.scanLabels(data, dim, q, unique, unique.length, metric, 10);
            const allowed = new Set(unique);
            expectTopK(kernel.scanLabels(data, dim, q, unique, unique.length, metric, 10), ref, allowed, where);
            expectTopK(kernel.scanBitmap(data, dim, q, bitmap.words, metric, 10), ref, allowed, `${where} bitmap`);
          }
          const block = kernel.scanBlock(data, dim, flat(queries), queries.length, unique, unique.length, metric, 10);
          block.forEach((r, j) => {
            const ref = JS_KERNEL.scanLabels(data, dim, queries[j], unique, unique.length, metric, 10);
            expectTopK(r, ref, new Set(unique), `${where} block query ${j}`);
            // A batch's exact answers equal a single query's bit for bit: same kernel, same summation order.
            const single = kernel.scanBitmap(data, dim, queries[j], bitmap.words, metric, 10);
            expect(Array.from(r.labels), `${where} block query ${j} labels`).toEqual(Array.from(single.labels));
            expect(Array.from(r.distances), `${where} block query ${j} distances`).toEqual(Array.from(single.distances));
          });
        }
      }
    });
  }

  it('return fewer than k when fewer rows are selected, and nothing for k = 0', () => {
    const data = flat(clusteredVectors(10, 8, 1, 1));
    for (const kernel of availableKernels()) {
      expect(kernel.scanLabels(data, 8, data.subarray(0, 8), Int32Array.from([1, 2, 3]), 3, 1, 10).labels).toHaveLength(3);
      expect(kernel.scanLabels(data, 8, data.subarray(0, 8), Int32Array.from([1, 2, 3]), 3, 1, 0).labels).toHaveLength(0);
    }
  });
});

/** A scanGroup problem: rows with labels out of range at both ends, per-query masks of one density (-1 where `unmasked`). */
interface GroupCase {
  data: Float32Array;
  dim: number;
  queries: Float32Array;
  nq: number;
  rows: Int32Array;
  masks: Uint32Array;
  maskOf: Int32Array;
  maskWords: number;
}

function groupCase(n: number, dim: number, nq: number, density: number, seed: number, opts: { maskWords?: number; unmasked?: (j: number) => boolean } = {}): GroupCase {
  const rand = rng(seed);
  const data = flat(clusteredVectors(n, dim, 5, seed));
  const queries = flat(clusteredVectors(nq, dim, 3, seed + 1));
  const picked = Array.from({ length: n }, (_, i) => i).filter(() => rand() < 0.7);
  const rows = Int32Array.from([-7, -1, ...picked, n, n + 40]);
  const maskWords = opts.maskWords ?? Math.ceil(n / 32);
  const masks = new Uint32Array(nq * maskWords);
  const maskOf = new Int32Array(nq);
  for (let j = 0; j < nq; j++) {
    if (opts.unmasked?.(j)) {
      maskOf[j] = -1;
      continue;
    }
    maskOf[j] = j * maskWords;
    for (let l = 0; l < maskWords * 32; l++) if (rand() < density) masks[j * maskWords + (l >>> 5)] |= 1 << (l & 31);
  }
  return { data, dim, queries, nq, rows, masks, maskOf, maskWords };
}

function runGroup(kernel: ScanKernel, c: GroupCase, metric: KernelMetric, k: number): GroupResult {
  return kernel.scanGroup(c.data, c.dim, c.queries, c.nq, c.rows, c.rows.length, c.masks, c.maskOf, c.maskWords, metric, k);
}

/** The rows query j may score: in range and, when it has a mask, with their bit set. */
function allowedRows(c: GroupCase, j: number): Int32Array {
  const total = c.data.length / c.dim;
  const m = c.maskOf[j];
  return c.rows.filter((l) => l >= 0 && l < total && (m < 0 || ((l >>> 5) < c.maskWords && ((c.masks[m + (l >>> 5)] >>> (l & 31)) & 1) === 1)));
}

function slice(r: GroupResult, j: number, k: number): { labels: Int32Array; distances: Float32Array } {
  return { labels: r.labels.subarray(j * k, j * k + r.counts[j]), distances: r.distances.subarray(j * k, j * k + r.counts[j]) };
}

/** The same arrays, copied into views of one SharedArrayBuffer. */
function shared(c: GroupCase): GroupCase {
  const parts = [c.data, c.queries, c.rows, c.masks, c.maskOf];
  const sab = new SharedArrayBuffer(parts.reduce((s, a) => s + a.byteLength, 0) + 4 * parts.length);
  let off = 4; // views that do not start at the buffer's first byte
  const view = <T extends Float32Array | Int32Array | Uint32Array>(a: T, make: (b: SharedArrayBuffer, o: number, n: number) => T): T => {
    const v = make(sab, off, a.length);
    v.set(a);
    off += a.byteLength;
    return v;
  };
  return {
    ...c,
    data: view(c.data, (b, o, n) => new Float32Array(b, o, n)),
    queries: view(c.queries, (b, o, n) => new Float32Array(b, o, n)),
    rows: view(c.rows, (b, o, n) => new Int32Array(b, o, n)),
    masks: view(c.masks, (b, o, n) => new Uint32Array(b, o, n)),
    maskOf: view(c.maskOf, (b, o, n) => new Int32Array(b, o, n)),
  };
}

const natives = availableKernels().filter((k) => k.name !== 'js');

describe('scanGroup', () => {
  it('is offered on every native path the CPU has, best first, with the plain-JS kernel last', () => {
    const names = availableKernels().map((k) => k.name);
    expect(names[names.length - 1]).toBe('js');
    expect(names).toContain('native-portable');
    expect(KERNEL.name).toBe(names[0]);
  });

  for (const dim of [1, 7, 100, 129, 784]) {
    it(`at dimension ${dim}: equals per-query scanLabels bit for bit on every native path, the paths agree, and JS is within 1e-4`, () => {
      // 13 queries: not a multiple of any tile; some unmasked; masks dense enough to share
      // panels (30%) and sparse enough to be scanned alone (3%); masks shorter than the labels.
      const n = dim > 200 ? 300 : 700;
      const c = groupCase(n, dim, 13, 0.3, dim, { unmasked: (j) => j % 4 === 1 });
      const sparse = groupCase(n, dim, 13, 0.03, dim + 1, { unmasked: (j) => j % 4 === 1 });
      for (const metric of [0, 1, 2] as KernelMetric[]) {
        for (const cs of [c, { ...c, maskWords: 5 }, sparse]) {
          let first: GroupResult | undefined;
          for (const kernel of natives) {
            const where = `${kernel.name} metric ${metric} maskWords ${cs.maskWords}`;
            const got = runGroup(kernel, cs, metric, 10);
            for (let j = 0; j < cs.nq; j++) {
              const allowed = allowedRows(cs, j);
              const single = kernel.scanLabels(cs.data, dim, cs.queries.subarray(j * dim, (j + 1) * dim), allowed, allowed.length, metric, 10);
              const mine = slice(got, j, 10);
              expect(Array.from(mine.labels), `${where} query ${j} labels`).toEqual(Array.from(single.labels));
              expect(Array.from(mine.distances), `${where} query ${j} distances`).toEqual(Array.from(single.distances));
            }
            if (first) {
              expect(Array.from(got.labels), `${where} vs ${natives[0].name}`).toEqual(Array.from(first.labels));
              expect(Array.from(got.distances), `${where} vs ${natives[0].name}`).toEqual(Array.from(first.distances));
              expect(Array.from(got.counts)).toEqual(Array.from(first.counts));
            }
            first ??= got;
          }
          const js = runGroup(JS_KERNEL, cs, metric, 10);
          expect(Array.from(js.counts)).toEqual(Array.from(first!.counts));
          for (let j = 0; j < cs.nq; j++) expectTopK(slice(first!, j, 10), slice(js, j, 10), new Set(allowedRows(cs, j)), `js metric ${metric} query ${j}`);
        }
      }
    });
  }

  it('single-query entry points score exactly as a group does', () => {
    const c = groupCase(500, 100, 6, 1, 3, { unmasked: () => true });
    const valid = allowedRows(c, 0);
    const bitmap = new Bitmap(500);
    for (const l of valid) bitmap.set(l);
    for (const kernel of natives) {
      for (const metric of [0, 1, 2] as KernelMetric[]) {
        const group = runGroup(kernel, c, metric, 15);
        const block = kernel.scanBlock(c.data, c.dim, c.queries, c.nq, c.rows, c.rows.length, metric, 15);
        for (let j = 0; j < c.nq; j++) {
          const q = c.queries.subarray(j * c.dim, (j + 1) * c.dim);
          const want = slice(group, j, 15);
          for (const got of [block[j], kernel.scanBitmap(c.data, c.dim, q, bitmap.words, metric, 15), kernel.scanLabels(c.data, c.dim, q, c.rows, c.rows.length, metric, 15)]) {
            expect(Array.from(got.labels)).toEqual(Array.from(want.labels));
            expect(Array.from(got.distances)).toEqual(Array.from(want.distances));
          }
        }
      }
    }
  });

  it('handles no rows, k = 0, k beyond the allowed rows, every mask -1 and masks past the end of the array', () => {
    const c = groupCase(200, 16, 5, 0.05, 9);
    for (const kernel of availableKernels()) {
      const none = kernel.scanGroup(c.data, 16, c.queries, 5, c.rows, 0, c.masks, c.maskOf, c.maskWords, 1, 4);
      expect(Array.from(none.counts)).toEqual([0, 0, 0, 0, 0]);
      expect(none.labels).toHaveLength(20);
      const zero = runGroup(kernel, c, 1, 0);
      expect(zero.labels).toHaveLength(0);
      expect(Array.from(zero.counts)).toEqual([0, 0, 0, 0, 0]);
      const wide = runGroup(kernel, c, 1, 150);
      for (let j = 0; j < 5; j++) expect(wide.counts[j], kernel.name).toBe(allowedRows(c, j).length);
      const open = runGroup(kernel, { ...c, maskOf: new Int32Array(5).fill(-1) }, 1, 150);
      expect(Array.from(open.counts)).toEqual(Array(5).fill(allowedRows({ ...c, maskOf: new Int32Array(5).fill(-1) }, 0).length));
      // A mask that runs past the end of `masks` allows nothing beyond it.
      const past = runGroup(kernel, { ...c, maskOf: Int32Array.from([c.masks.length - 2, -1, 0, 0, 0]) }, 1, 150);
      const tail = allowedRows({ ...c, masks: Uint32Array.from([...c.masks, 0, 0, 0, 0, 0, 0, 0]), maskOf: Int32Array.from([c.masks.length - 2, -1, 0, 0, 0]) }, 0);
      expect(past.counts[0], kernel.name).toBe(tail.length);
    }
  });

  it('takes views of a SharedArrayBuffer without copies and gives the same answers', () => {
    const c = groupCase(400, 24, 9, 0.2, 5);
    const s = shared(c);
    expect(s.data.buffer).toBeInstanceOf(SharedArrayBuffer);
    for (const kernel of availableKernels()) {
      const a = runGroup(kernel, c, 0, 7);
      const b = runGroup(kernel, s, 0, 7);
      expect(Array.from(b.labels), kernel.name).toEqual(Array.from(a.labels));
      expect(Array.from(b.distances), kernel.name).toEqual(Array.from(a.distances));
      const q = s.queries.subarray(0, 24);
      expect(Array.from(kernel.scanLabels(s.data, 24, q, s.rows, s.rows.length, 1, 5).labels)).toEqual(Array.from(kernel.scanLabels(c.data, 24, c.queries.subarray(0, 24), c.rows, c.rows.length, 1, 5).labels));
    }
  });

  it('rejects arrays of the wrong type or too short', () => {
    const c = groupCase(50, 8, 2, 0.5, 1);
    for (const kernel of natives) {
      expect(() => kernel.scanGroup(c.data, 8, c.queries, 3, c.rows, c.rows.length, c.masks, c.maskOf, c.maskWords, 0, 3)).toThrow(RangeError);
      expect(() => kernel.scanGroup(c.data, 8, c.queries, 2, Uint32Array.from(c.rows) as unknown as Int32Array, c.rows.length, c.masks, c.maskOf, c.maskWords, 0, 3)).toThrow(TypeError);
    }
  });
});

describe('Bitmap', () => {
  it('sets, clears, counts, iterates and combines', () => {
    const a = new Bitmap(10);
    [1, 5, 31, 32, 100, 1000].forEach((l) => a.set(l));
    a.clear(5);
    expect(a.count()).toBe(5);
    expect([...a]).toEqual([1, 31, 32, 100, 1000]);
    const b = new Bitmap();
    [31, 100, 2000].forEach((l) => b.set(l));
    expect([...a.clone().and(b)]).toEqual([31, 100]);
    expect([...a.clone().or(b)]).toEqual([1, 31, 32, 100, 1000, 2000]);
    expect([...a.clone().andNot(b)]).toEqual([1, 32, 1000]);
    expect(Array.from(a.toArray())).toEqual([1, 31, 32, 100, 1000]);
  });
});
