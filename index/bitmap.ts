// A dense bitmap over internal labels, 32 labels per word. Filters evaluate
// to bitmaps, the planner counts them, the kernel scans the rows they select
// and the HNSW filter callback tests them in O(1). Whole-bitmap operations on
// large bitmaps run in the native addon when it loads (index/kernel.ts).

import { NATIVE_BITS } from './kernel.js';

/** Below this many words a JavaScript loop costs less than the call into the addon. */
const NATIVE_MIN_WORDS = 64;
const bits = NATIVE_BITS;

export class Bitmap {
  words: Uint32Array;

  constructor(capacity = 0) {
    this.words = new Uint32Array(Math.max(1, Math.ceil(capacity / 32)));
  }

  static fromWords(words: Uint32Array): Bitmap {
    const b = new Bitmap(0);
    b.words = words;
    return b;
  }

  get capacity(): number {
    return this.words.length * 32;
  }

  has(label: number): boolean {
    return ((this.words[label >>> 5] >>> (label & 31)) & 1) === 1;
  }

  set(label: number): void {
    this.ensure(label + 1);
    this.words[label >>> 5] |= 1 << (label & 31);
  }

  clear(label: number): void {
    if (label < this.capacity) this.words[label >>> 5] &= ~(1 << (label & 31));
  }

  ensure(capacity: number): void {
    if (capacity <= this.capacity) return;
    let n = this.words.length;
    while (n * 32 < capacity) n *= 2;
    const next = new Uint32Array(n);
    next.set(this.words);
    this.words = next;
  }

  count(): number {
    const w = this.words;
    if (bits && w.length >= NATIVE_MIN_WORDS) return bits.count(w);
    let n = 0;
    for (let i = 0; i < w.length; i++) {
      let v = w[i];
      v -= (v >>> 1) & 0x55555555;
      v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
      n += (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
    }
    return n;
  }

  clone(): Bitmap {
    return Bitmap.fromWords(this.words.slice());
  }

  /** A copy whose words come from `arena` (shared memory). */
  cloneInto(arena: SharedWords): Bitmap {
    const words = arena.alloc(this.words.length);
    words.set(this.words);
    return Bitmap.fromWords(words);
  }

  /** In place: this = this AND other. */
  and(other: Bitmap): this {
    const a = this.words, b = other.words;
    if (bits && a.length >= NATIVE_MIN_WORDS) {
      bits.and(a, b);
      return this;
    }
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) a[i] &= b[i];
    if (n < a.length) a.fill(0, n);
    return this;
  }

  /** In place: this = this OR other. */
  or(other: Bitmap): this {
    this.ensure(other.capacity);
    const a = this.words, b = other.words;
    if (bits && b.length >= NATIVE_MIN_WORDS) {
      bits.or(a, b);
      return this;
    }
    for (let i = 0; i < b.length; i++) a[i] |= b[i];
    return this;
  }

  /** In place: this = this AND NOT other. */
  andNot(other: Bitmap): this {
    const a = this.words, b = other.words;
    const n = Math.min(a.length, b.length);
    if (bits && n >= NATIVE_MIN_WORDS) {
      bits.andNot(a, b);
      return this;
    }
    for (let i = 0; i < n; i++) a[i] &= ~b[i];
    return this;
  }

  /** Sets the bits of labels[lo..hi), each of which must be below the capacity. */
  setLabels(labels: Int32Array, lo: number, hi: number): this {
    if (bits && hi - lo >= NATIVE_MIN_WORDS) {
      bits.setLabels(this.words, labels, lo, hi);
      return this;
    }
    const w = this.words;
    for (let i = lo; i < hi; i++) {
      const label = labels[i];
      w[label >>> 5] |= 1 << (label & 31);
    }
    return this;
  }

  *[Symbol.iterator](): Generator<number> {
    const w = this.words;
    for (let i = 0; i < w.length; i++) {
      let v = w[i];
      while (v !== 0) {
        const t = v & -v;
        yield i * 32 + (31 - Math.clz32(t));
        v ^= t;
      }
    }
  }

  toArray(): Int32Array {
    const out = new Int32Array(this.count());
    const w = this.words;
    let j = 0;
    for (let i = 0; i < w.length; i++) {
      let v = w[i];
      while (v !== 0) {
        const t = v & -v;
        out[j++] = i * 32 + (31 - Math.clz32(t));
        v ^= t;
      }
    }
    return out;
  }
}

/**
 * Scatters a bitmap over collection labels into partition-local bitmaps in one
 * pass over its set labels: label g with slotOf[leafOf[g]] = s >= 0 sets bit
 * localOf[g] of slot s, whose words are out[offsets[s] .. offsets[s + 1]).
 */
export function localizeBits(words: Uint32Array, leafOf: Int32Array, localOf: Int32Array, slotOf: Int32Array, out: Uint32Array, offsets: Int32Array): void {
  if (bits) {
    bits.localize(words, leafOf, localOf, slotOf, out, offsets);
    return;
  }
  const n = Math.min(words.length, Math.ceil(leafOf.length / 32));
  for (let w = 0; w < n; w++) {
    let v = words[w];
    while (v !== 0) {
      const t = v & -v;
      const g = (w << 5) + (31 - Math.clz32(t));
      v ^= t;
      if (g >= leafOf.length) break;
      const leaf = leafOf[g];
      if (leaf < 0 || leaf >= slotOf.length) continue;
      const slot = slotOf[leaf];
      if (slot < 0 || slot >= offsets.length - 1) continue;
      const local = localOf[g];
      const at = offsets[slot] + (local >>> 5);
      if (at >= offsets[slot + 1]) continue;
      out[at] |= 1 << (local & 31);
    }
  }
}

/** Words per slab of a SharedWords arena (1 MiB). */
const SLAB_WORDS = 1 << 18;

/**
 * Word arrays carved out of SharedArrayBuffer slabs, for bitmaps that are sent
 * to the partition workers: a filter evaluated into one crosses to a worker as
 * a view of shared memory, with no copy and no allocation of its own.
 */
export class SharedWords {
  private slab: Uint32Array | undefined;
  private used = 0;

  alloc(words: number): Uint32Array {
    if (words > SLAB_WORDS) return new Uint32Array(new SharedArrayBuffer(words * 4));
    if (!this.slab || this.used + words > this.slab.length) {
      this.slab = new Uint32Array(new SharedArrayBuffer(SLAB_WORDS * 4));
      this.used = 0;
    }
    const out = this.slab.subarray(this.used, this.used + words);
    this.used += words;
    return out;
  }
}

/** Whether a bitmap's words live in shared memory (and cross to a worker without a copy). */
export function isShared(words: Uint32Array): boolean {
  return words.buffer instanceof SharedArrayBuffer;
}
