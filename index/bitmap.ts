// A dense bitmap over internal labels, 32 labels per word. Filters evaluate
// to bitmaps, the planner counts them, the kernel scans the rows they select
// and the HNSW filter callback tests them in O(1).

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
    let n = 0;
    const w = this.words;
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

  /** In place: this = this AND other. */
  and(other: Bitmap): this {
    const a = this.words, b = other.words;
    for (let i = 0; i < a.length; i++) a[i] &= i < b.length ? b[i] : 0;
    return this;
  }

  /** In place: this = this OR other. */
  or(other: Bitmap): this {
    this.ensure(other.capacity);
    const a = this.words, b = other.words;
    for (let i = 0; i < b.length; i++) a[i] |= b[i];
    return this;
  }

  /** In place: this = this AND NOT other. */
  andNot(other: Bitmap): this {
    const a = this.words, b = other.words;
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) a[i] &= ~b[i];
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
