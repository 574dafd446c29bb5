import { describe, expect, it } from 'vitest';
import { clusterRows } from '../../../engine/partitions/clusters.js';
import { normalizeInPlace } from '../../../index/distance.js';
import { clusteredVectors } from '../../support/data.js';

describe('clusterRows (IVF inside a flat partition)', () => {
  const dim = 8;
  const vs = clusteredVectors(1_200, dim, 6, 11);
  const data = new Float32Array(vs.length * dim);
  vs.forEach((v, i) => data.set(v, i * dim));
  // Live rows with holes (deleted rows are not clustered).
  const rows = Int32Array.from({ length: 1_200 }, (_, i) => i).filter((i) => i % 7 !== 3);

  it('orders every live row once, cluster by cluster, each row nearest to its own centroid', () => {
    const { clusters, order } = clusterRows(data, dim, rows, 100, 1, false);
    const k = clusters.centroids.length / dim;
    expect(k).toBe(Math.round(rows.length / 100));
    expect([...order].sort((a, b) => a - b)).toEqual([...rows]);
    expect(clusters.offsets).toHaveLength(k + 1);
    expect(clusters.offsets[0]).toBe(0);
    expect(clusters.offsets[k]).toBe(rows.length);
    const d = (r: number, c: number): number => {
      let s = 0;
      for (let j = 0; j < dim; j++) s += (data[r * dim + j] - clusters.centroids[c * dim + j]) ** 2;
      return s;
    };
    for (let c = 0; c < k; c++) {
      for (let i = clusters.offsets[c]; i < clusters.offsets[c + 1]; i++) {
        const r = order[i];
        for (let o = 0; o < k; o++) expect(d(r, c)).toBeLessThanOrEqual(d(r, o) * (1 + 1e-5) + 1e-6);
      }
    }
  });

  it('for cosine, normalises centroids and puts each row in the cluster a query at that row would rank first (dot product), and makes one cluster of a few rows', () => {
    // Cosine partitions hold normalised vectors; these are spread widely, so that clusters'
    // mean vectors differ in length (ranking by L2 to them is then not ranking by angle).
    const unit = new Float32Array(vs.length * dim);
    clusteredVectors(vs.length, dim, 6, 12, 1.5).forEach((v, i) => unit.set(v, i * dim));
    for (let r = 0; r < vs.length; r++) normalizeInPlace(unit.subarray(r * dim, (r + 1) * dim));
    const { clusters, order } = clusterRows(unit, dim, rows, 100, 0, true);
    const k = clusters.centroids.length / dim;
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let j = 0; j < dim; j++) s += clusters.centroids[c * dim + j] ** 2;
      expect(Math.sqrt(s)).toBeCloseTo(1, 5);
    }
    const dot = (r: number, c: number): number => {
      let s = 0;
      for (let j = 0; j < dim; j++) s += unit[r * dim + j] * clusters.centroids[c * dim + j];
      return s;
    };
    for (let c = 0; c < k; c++) {
      for (let i = clusters.offsets[c]; i < clusters.offsets[c + 1]; i++) {
        const r = order[i];
        for (let o = 0; o < k; o++) expect(dot(r, c)).toBeGreaterThanOrEqual(dot(r, o) - 1e-5);
      }
    }
    const one = clusterRows(data, dim, rows.subarray(0, 20), 100, 1, false);
    expect(Array.from(one.clusters.offsets)).toEqual([0, 20]);
  });
});
