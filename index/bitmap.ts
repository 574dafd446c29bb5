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
    return Bitmap.fromWords(arena.copy(this.words));
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

  /** The set labels, ascending. */
  toArray(): Int32Array {
    return setLabelsOf(this.words);
  }

  /** The labels set in both this and `other`, ascending; neither is changed. */
  andArray(other: Bitmap): Int32Array {
    return setLabelsOf(this.words, other.words);
  }
}

/** The labels set in a (AND b over their shorter length, when given), ascending. */
function setLabelsOf(a: Uint32Array, b?: Uint32Array): Int32Array {
  const n = b ? Math.min(a.length, b.length) : a.length;
  if (bits && n >= NATIVE_MIN_WORDS) return bits.indices(a, b);
  let count = 0;
  for (let i = 0; i < n; i++) {
    let v = b ? a[i] & b[i] : a[i];
    v -= (v >>> 1) & 0x55555555;
    v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
    count += (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  }
  const out = new Int32Array(count);
  let j = 0;
  for (let i = 0; i < n; i++) {
    let v = b ? a[i] & b[i] : a[i];
    while (v !== 0) {
      const t = v & -v;
      out[j++] = i * 32 + (31 - Math.clz32(t));
      v ^= t;
    }
  }
  return out;
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

/** Largest slab of a SharedWords arena, in words (1 MiB). */
const SLAB_WORDS = 1 << 18;
/** Slabs an arena keeps for reuse after `reset` (16 MiB); past them, slabs are left to the collector. */
const KEPT_SLABS = 16;

/**
 * Copies of word arrays carved out of SharedArrayBuffer slabs, for bitmaps that
 * are sent to the partition workers: a filter evaluated into one crosses to a
 * worker as a view of shared memory, with no copy of its own. `reset` makes the
 * slabs reusable once nothing reads the copies any more (the executor resets
 * its arena when a chunk's answers are in): allocating fresh shared memory for
 * every filter of every chunk costs more than the evaluation.
 */
export class SharedWords {
  private readonly slabs: Uint32Array[] = [];
  private slab = -1;
  private used = 0;

  copy(src: Uint32Array): Uint32Array {
    const words = src.length;
    if (words > SLAB_WORDS) {
      const big = new Uint32Array(new SharedArrayBuffer(words * 4));
      big.set(src);
      return big;
    }
    if (this.slab < 0 || this.used + words > this.slabs[this.slab].length) {
      this.slab++;
      this.used = 0;
      if (this.slab === this.slabs.length) {
        // Slabs double from the first copy's size: a single query's filter costs one bitmap, a batch's a few slabs.
        const size = this.slab === 0 ? words : Math.min(SLAB_WORDS, Math.max(words, this.slabs[this.slab - 1].length * 2));
        this.slabs.push(new Uint32Array(new SharedArrayBuffer(size * 4)));
      } else if (this.slabs[this.slab].length < words) {
        this.slabs[this.slab] = new Uint32Array(new SharedArrayBuffer(Math.min(SLAB_WORDS, Math.max(words, this.slabs[this.slab].length * 2)) * 4));
      }
    }
    const out = this.slabs[this.slab].subarray(this.used, this.used + words);
    out.set(src);
    this.used += words;
    return out;
  }

  /** Every copy made so far may be overwritten from now on. */
  reset(): void {
    this.slab = -1;
    this.used = 0;
    if (this.slabs.length > KEPT_SLABS) this.slabs.length = KEPT_SLABS;
  }
}

/** Whether a bitmap's words live in shared memory (and cross to a worker without a copy). */
export function isShared(words: Uint32Array): boolean {
  return words.buffer instanceof SharedArrayBuffer;
}
