import { describe, expect, it } from 'vitest';
import { l1, metricFor, negDot, normalizeInPlace, squaredL2 } from '../../index/distance.js';

describe('distances', () => {
  const a = Float32Array.from([1, 2, 3, 4, 5]);
  const b = Float32Array.from([5, 4, 3, 2, 1]);

  it('computes dot, squared L2 and L1 including the unrolled remainder', () => {
    expect(negDot(a, 0, b, 0, 5)).toBe(-35);
    expect(squaredL2(a, 0, b, 0, 5)).toBe(40);
    expect(l1(a, 0, b, 0, 5)).toBe(12);
  });

  it('converts internal distances to Qdrant scores', () => {
    expect(metricFor('Cosine').toScore(-0.5)).toBe(0.5);
    expect(metricFor('Dot').toScore(-35)).toBe(35);
    expect(metricFor('Euclid').toScore(40)).toBeCloseTo(Math.sqrt(40));
    expect(metricFor('Manhattan').toScore(12)).toBe(12);
  });

  it('normalises to unit length and leaves zero vectors alone', () => {
    const v = normalizeInPlace(Float32Array.from([3, 4]));
    expect(v[0]).toBeCloseTo(0.6);
    expect(v[1]).toBeCloseTo(0.8);
    expect(Array.from(normalizeInPlace(new Float32Array(3)))).toEqual([0, 0, 0]);
  });
});
