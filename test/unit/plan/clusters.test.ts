import { describe, expect, it } from 'vitest';
import { clusterRows } from '../../../engine/partitions/clusters.js';
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

  it('normalises centroids for cosine, and makes one cluster of a few rows', () => {
    const { clusters } = clusterRows(data, dim, rows, 100, 0, true);
    for (let c = 0; c < clusters.centroids.length / dim; c++) {
      let s = 0;
      for (let j = 0; j < dim; j++) s += clusters.centroids[c * dim + j] ** 2;
      expect(Math.sqrt(s)).toBeCloseTo(1, 5);
    }
    const one = clusterRows(data, dim, rows.subarray(0, 20), 100, 1, false);
    expect(Array.from(one.clusters.offsets)).toEqual([0, 20]);
  });
});
