import { describe, expect, it } from 'vitest';
import { Bitmap, isShared, localizeBits, SharedWords } from '../../index/bitmap.js';
import { NATIVE_BITS } from '../../index/kernel.js';

// Bitmap's whole-bitmap operations run in the native addon for large bitmaps and in
// JavaScript for small ones (or without the addon): both must give the same words.

function random(words: number, density: number, seed: number): Uint32Array {
  let s = seed >>> 0;
  const next = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const out = new Uint32Array(words);
  for (let i = 0; i < words * 32; i++) if (next() < density) out[i >>> 5] |= 1 << (i & 31);
  return out;
}

function slowCount(w: Uint32Array): number {
  let n = 0;
  for (let i = 0; i < w.length * 32; i++) if ((w[i >>> 5] >>> (i & 31)) & 1) n++;
  return n;
}

describe('Bitmap', () => {
  // Sizes on both sides of the native threshold (64 words), with unequal lengths.
  const shapes: [number, number][] = [[1, 1], [3, 70], [70, 3], [63, 64], [64, 64], [4096, 4096], [4096, 100], [100, 4096], [5000, 4097]];

  it.each(shapes)('and, or, andNot and count of %i and %i words agree with a bit-by-bit reference', (na, nb) => {
    for (const density of [0, 0.01, 0.5, 1]) {
      const a = random(na, density, na * 31 + nb);
      const b = random(nb, 0.5, nb * 17 + na);
      const wordOf = (w: Uint32Array, i: number): number => (i < w.length ? w[i] : 0);
      const and = Bitmap.fromWords(a.slice()).and(Bitmap.fromWords(b));
      const or = Bitmap.fromWords(a.slice()).or(Bitmap.fromWords(b));
      const andNot = Bitmap.fromWords(a.slice()).andNot(Bitmap.fromWords(b));
      expect(and.words.length).toBe(na);
      expect(andNot.words.length).toBe(na);
      expect(or.capacity).toBeGreaterThanOrEqual(Math.max(na, nb) * 32);
      expect(Array.from(and.words)).toEqual(Array.from(a, (x, i) => (x & wordOf(b, i)) >>> 0));
      expect(Array.from(andNot.words)).toEqual(Array.from(a, (x, i) => (x & ~wordOf(b, i)) >>> 0));
      expect(Array.from(or.words.subarray(0, Math.max(na, nb)))).toEqual(Array.from({ length: Math.max(na, nb) }, (_, i) => (wordOf(a, i) | wordOf(b, i)) >>> 0));
      expect(or.words.subarray(Math.max(na, nb)).every((x) => x === 0)).toBe(true);
      expect(Bitmap.fromWords(a).count()).toBe(slowCount(a));
    }
  });

  it.each(shapes)('toArray and andArray of %i and %i words list exactly the set labels, ascending, and change neither bitmap', (na, nb) => {
    for (const density of [0, 0.01, 0.5, 1]) {
      const a = random(na, density, na * 13 + nb);
      const b = random(nb, 0.3, nb * 7 + na);
      const before = [Array.from(a), Array.from(b)];
      const A = Bitmap.fromWords(a), B = Bitmap.fromWords(b);
      expect(Array.from(A.toArray())).toEqual([...A]);
      expect(Array.from(A.andArray(B))).toEqual([...A].filter((l) => B.has(l)));
      expect([Array.from(a), Array.from(b)]).toEqual(before);
    }
  });

  it('setLabels sets exactly the bits of the given slice of labels', () => {
    for (const n of [6, 64, 5000]) {
      const labels = Int32Array.from({ length: n * 2 }, (_, i) => (i * 7919) % (n * 40));
      const b = new Bitmap(n * 40).setLabels(labels, n / 2, n + n / 2);
      const want = new Set(Array.from(labels.subarray(n / 2, n + n / 2)));
      expect([...b]).toEqual([...want].sort((x, y) => x - y));
    }
  });

  it.runIf(NATIVE_BITS !== undefined)('the native operations refuse labels past the bitmap instead of writing out of bounds', () => {
    expect(() => NATIVE_BITS!.setLabels(new Uint32Array(2), Int32Array.of(64), 0, 1)).toThrow(/beyond/);
    expect(() => NATIVE_BITS!.or(new Uint32Array(2), new Uint32Array(3))).toThrow(/shorter/);
  });

  it('localizeBits scatters collection labels into each partition\'s local bitmap and skips labels outside the chosen partitions', () => {
    const n = 5000;
    // Three leaves: label g is in leaf g % 3 at local label g / 3 (rounded down); leaf 2 is not asked for.
    const leafOf = Int32Array.from({ length: n }, (_, g) => (g % 7 === 0 ? -1 : g % 3));
    const localOf = Int32Array.from({ length: n }, (_, g) => Math.floor(g / 3));
    const slotOf = Int32Array.of(1, 0, -1);
    const words = Math.ceil(n / 3 / 32);
    const offsets = Int32Array.of(0, words, 2 * words);
    const filter = random(Math.ceil(n / 32) + 3, 0.3, 99);
    const out = new Uint32Array(2 * words);
    localizeBits(filter, leafOf, localOf, slotOf, out, offsets);
    const want = [new Set<number>(), new Set<number>()];
    for (let g = 0; g < n; g++) {
      if (!((filter[g >>> 5] >>> (g & 31)) & 1) || leafOf[g] < 0 || slotOf[leafOf[g]] < 0) continue;
      want[slotOf[leafOf[g]]].add(localOf[g]);
    }
    for (const s of [0, 1]) {
      const got = [...Bitmap.fromWords(out.subarray(offsets[s], offsets[s + 1]))];
      expect(got).toEqual([...want[s]].sort((x, y) => x - y));
    }
  });

  it('SharedWords copies into shared memory, keeps copies apart, and reuses its slabs after reset', () => {
    const arena = new SharedWords();
    const sources = [4096, 4096, 300_000, 7, 4096, 100_000].map((n, i) => random(n, 0.5, i + 1));
    const copies = sources.map((src) => arena.copy(src));
    copies.forEach((c, i) => {
      expect(isShared(c)).toBe(true);
      expect(Array.from(c)).toEqual(Array.from(sources[i]));
    });
    // A copy larger than a slab gets shared memory of its own; the others share slabs.
    expect(copies[2].length).toBe(300_000);
    expect(copies[1].buffer).not.toBe(copies[0].buffer);
    arena.reset();
    const again = arena.copy(random(4096, 0.5, 42));
    // The slabs are reused after reset (no new shared memory for the next chunk of a batch).
    expect(again.buffer).toBe(copies[0].buffer);
    expect(Array.from(again)).toEqual(Array.from(random(4096, 0.5, 42)));
    expect(isShared(new Uint32Array(4))).toBe(false);
  });
});
