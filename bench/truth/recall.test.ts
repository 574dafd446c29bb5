import { describe, expect, it } from 'vitest';
import { percentile } from '../lib/stats.js';
import { recallAtK } from './recall.js';

describe('recallAtK', () => {
  it('counts the share of the true top-k returned, in any order', () => {
    expect(recallAtK([1, 2, 3], [1, 2, 3], 3)).toBe(1);
    expect(recallAtK([3, 2, 1], [1, 2, 3], 3)).toBe(1);
    expect(recallAtK([1, 2, 9], [1, 2, 3], 3)).toBeCloseTo(2 / 3);
    expect(recallAtK([7, 8, 9], [1, 2, 3], 3)).toBe(0);
    expect(recallAtK([], [1, 2, 3], 3)).toBe(0);
  });

  it('divides by the number of true neighbours when fewer than k points match', () => {
    expect(recallAtK([4, 5], [4, 5, -1, -1], 4)).toBe(1);
    expect(recallAtK([4], [4, 5, -1, -1], 4)).toBe(0.5);
  });

  it('is 1 when nothing matches (an empty answer is right)', () => {
    expect(recallAtK([], [-1, -1], 2)).toBe(1);
  });

  it('ignores results past k and does not count duplicates twice', () => {
    expect(recallAtK([9, 9, 1, 2], [1, 2], 2)).toBe(0);
    expect(recallAtK([1, 1], [1, 2], 2)).toBe(0.5);
  });
});

describe('percentile', () => {
  it('uses nearest rank', () => {
    const v = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(v, 50)).toBe(50);
    expect(percentile(v, 99)).toBe(99);
    expect(percentile(v, 100)).toBe(100);
    expect(percentile([3], 99)).toBe(3);
    expect(percentile([], 50)).toBeNaN();
  });
});
