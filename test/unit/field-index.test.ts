// FieldIndex: equality answers (equal, anyOf, someOutside, peekEqual) against
// a plain model under random writes and removals, with values held by few
// labels (kept as lists) and by many (bitmaps), crossing between the two.

import { describe, expect, it } from 'vitest';
import { Bitmap } from '../../index/bitmap.js';
import { FieldIndex } from '../../index/field-index.js';

function labelsOf(b: Bitmap): number[] {
  return [...b];
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0;
    return s / 2 ** 32;
  };
}

describe('FieldIndex equality postings', () => {
  it('answers like a model while values move between few and many labels', () => {
    const rand = rng(7);
    const idx = new FieldIndex('n', 'integer');
    const model = new Map<number, number[]>();
    const labels = 6_000;
    // Value 0 is common (a bitmap), 1..40 middling, 41.. rare (lists).
    const pick = (): number => {
      const r = rand();
      return r < 0.4 ? 0 : r < 0.7 ? 1 + Math.floor(rand() * 40) : 41 + Math.floor(rand() * 5_000);
    };
    for (let step = 0; step < 30_000; step++) {
      const label = Math.floor(rand() * labels);
      if (rand() < 0.2) {
        idx.remove(label);
        model.delete(label);
      } else {
        const values = rand() < 0.1 ? [pick(), pick()] : [pick()];
        idx.set(label, true, values);
        model.set(label, [...new Set(values)]);
      }
    }
    const holders = (v: number): number[] => [...model].filter(([, vs]) => vs.includes(v)).map(([l]) => l).sort((a, b) => a - b);
    for (const v of [0, 1, 17, 40, 41, 99, 4_000, 123_456]) {
      expect(labelsOf(idx.equal(v))).toEqual(holders(v));
      const peek = idx.peekEqual(v, new Bitmap());
      if (peek) expect(labelsOf(peek)).toEqual(holders(v));
    }
    expect(idx.peekEqual(0, new Bitmap())).toBeDefined(); // many labels: the index's own bitmap
    const some = [0, 3, 77, 4_001];
    const anyExpected = [...new Set(some.flatMap(holders))].sort((a, b) => a - b);
    expect(labelsOf(idx.anyOf(some))).toEqual(anyExpected);
    const outside = [...model].filter(([, vs]) => vs.some((v) => !some.includes(v))).map(([l]) => l).sort((a, b) => a - b);
    expect(labelsOf(idx.someOutside(some))).toEqual(outside);
    expect(idx.distinctValues).toBe(new Set([...model.values()].flat()).size);
  });

  it('keeps a value per point as lists, not a bitmap per value', () => {
    const idx = new FieldIndex('price', 'float');
    for (let label = 0; label < 20_000; label++) idx.set(label, true, [label * 0.5]);
    // A list holds each rare value: nothing to share, so peekEqual sends the caller to equal().
    expect(idx.peekEqual(100, new Bitmap())).toBeUndefined();
    expect(labelsOf(idx.equal(100))).toEqual([200]);
    expect(labelsOf(idx.range({ gte: 10, lt: 11 }))).toEqual([20, 21]);
    const none = new Bitmap();
    expect(idx.peekEqual(0.25, none)).toBe(none);
    for (let label = 0; label < 20_000; label += 2) idx.remove(label);
    expect(idx.distinctValues).toBe(10_000);
    expect(labelsOf(idx.equal(100))).toEqual([]);
  });
});
