import { describe, expect, it } from 'vitest';
import { Bitmap } from '../../index/bitmap.js';
import { availableKernels, JS_KERNEL, KERNEL, type KernelMetric } from '../../index/kernel.js';
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
