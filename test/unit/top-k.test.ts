import { describe, expect, it } from 'vitest';
import { mergeNeighbours, TopK } from '../../index/top-k.js';
import { rng } from '../support/data.js';

describe('TopK', () => {
  it('keeps the k smallest distances, best first, matching a full sort', () => {
    const rand = rng(7);
    for (const k of [1, 3, 10, 100]) {
      const heap = new TopK(k);
      const all = Array.from({ length: 500 }, (_, label) => ({ label, d: rand() }));
      for (const { label, d } of all) heap.push(label, d);
      const expected = [...all].sort((a, b) => a.d - b.d).slice(0, k);
      const got = heap.sorted();
      expect(got.labels).toEqual(expected.map((e) => e.label));
      expect(got.distances).toEqual(expected.map((e) => e.d));
    }
  });

  it('merges lists without duplicating labels', () => {
    const merged = mergeNeighbours([{ labels: [1, 2], distances: [0.1, 0.3] }, { labels: [2, 3], distances: [0.3, 0.2] }], 3);
    expect(merged.labels).toEqual([1, 3, 2]);
  });
});
