// The column cache of one indexed payload field: per-value bitmaps for
// equality, a sorted (value, label) array for ranges, and presence bitmaps
// (key present, holds null, holds values of another type) so that the filter
// conditions it answers are answered exactly, without SQL.
//
// A label's values come from core/payload-values.ts. Values of the field's
// type are indexed; null and other types are only recorded in `hasNull` and
// `foreign`, which is what lets `except` and `is_empty` stay exact.
//
// Range structure: sorted arrays built from all entries, plus a `stale` set
// of labels whose values changed since the build; stale labels are checked
// one by one against their current values, and the arrays are rebuilt when
// stale labels exceed a fraction of the entries.

import { inBounds, parseDatetime, splitKey, type Bounds } from '../core/payload-values.js';
import { Bitmap } from './bitmap.js';

export const FIELD_SCHEMAS = ['keyword', 'integer', 'float', 'bool', 'datetime', 'uuid'] as const;
export type FieldSchema = (typeof FIELD_SCHEMAS)[number];

type Key = string | number | boolean;


const REBUILD_FRACTION = 0.05;
const REBUILD_MIN = 2048;
/** A value's labels stay a list while they number at most this many... */
const LIST_MIN = 64;
/** ...or at most one in this many labels: past it a bitmap is smaller (4 bytes a listed label, 1 bit a label). */
const LIST_SHARE = 32;

/**
 * The labels holding one value: an unsorted list while they are few (a
 * float field has a value per point, and a bitmap each would cost
 * labels² / 8 bytes), a bitmap once they are many. `n` is exact in both.
 */
class Posting {
  list: Int32Array | null = new Int32Array(4);
  bits: Bitmap | null = null;
  n = 0;
  /** At least every listed label (removals leave it as it was): what a bitmap of them needs room for. */
  private top = -1;

  add(label: number): void {
    if (this.bits) {
      if (!this.bits.has(label)) {
        this.bits.set(label);
        this.n++;
      }
      return;
    }
    if (label > this.top) this.top = label;
    let list = this.list!;
    if (this.n === list.length) {
      if (this.n >= LIST_MIN && this.n * LIST_SHARE >= label) {
        const b = new Bitmap(this.top + 1).setLabels(list, 0, this.n);
        b.set(label);
        this.bits = b;
        this.list = null;
        this.n++;
        return;
      }
      const grown = new Int32Array(list.length * 2);
      grown.set(list);
      this.list = list = grown;
    }
    list[this.n++] = label;
  }

  /** Removes a label it holds (the caller knows it does). */
  remove(label: number): void {
    if (this.bits) {
      if (this.bits.has(label)) {
        this.bits.clear(label);
        this.n--;
      }
      return;
    }
    const list = this.list!;
    const i = list.subarray(0, this.n).indexOf(label);
    if (i < 0) return;
    list[i] = list[--this.n];
  }

  /** ORs its labels into `out` (sized by the caller to hold every label). */
  orInto(out: Bitmap): Bitmap {
    if (this.bits) return out.or(this.bits);
    out.ensure(this.top + 1);
    return out.setLabels(this.list!, 0, this.n);
  }

  toBitmap(): Bitmap {
    return this.bits ? this.bits.clone() : this.orInto(new Bitmap(this.top + 1));
  }
}

export class FieldIndex {
  private readonly byValue = new Map<Key, Posting>();
  /** Labels whose key is present (any value, including null or []). */
  readonly present = new Bitmap();
  readonly hasNull = new Bitmap();
  /** Labels holding a non-null value this index does not hold (another type). */
  readonly foreign = new Bitmap();
  /** Labels holding at least one indexed value. */
  readonly hasValue = new Bitmap();
  private readonly valuesOf: (Key[] | undefined)[] = [];
  /** Labels holding more than one value (of any type) under the key. */
  private readonly multi = new Bitmap();
  private multiCount = 0;
  private sortedVals = new Float64Array(0);
  private sortedLabels = new Int32Array(0);
  private stale = new Bitmap();
  private staleCount = 0;
  private entries = 0;
  private sortedDirty = true;

  /** The key split once, for reading values out of every written payload. */
  readonly parts: readonly string[];

  constructor(readonly key: string, readonly schema: FieldSchema) {
    this.parts = splitKey(key);
  }

  get numeric(): boolean {
    return this.schema === 'integer' || this.schema === 'float' || this.schema === 'datetime';
  }

  /** The indexed form of a stored value, or undefined when this index does not hold it. */
  private keyOf(v: unknown): Key | undefined {
    switch (this.schema) {
      case 'keyword':
      case 'uuid':
        return typeof v === 'string' ? v : undefined;
      case 'integer':
      case 'float':
        return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : undefined;
      case 'bool':
        return typeof v === 'boolean' ? v : undefined;
      case 'datetime':
        return parseDatetime(v);
    }
  }

  /** Replaces a label's values. `present` is whether the key exists in its payload. */
  set(label: number, present: boolean, values: readonly unknown[]): void {
    this.remove(label);
    if (!present) return;
    this.present.set(label);
    if (values.length > 1) {
      this.multi.set(label);
      this.multiCount++;
    }
    const keys: Key[] = [];
    for (const v of values) {
      if (v === null) {
        this.hasNull.set(label);
        continue;
      }
      const k = this.keyOf(v);
      if (k === undefined) {
        this.foreign.set(label);
        continue;
      }
      if (keys.includes(k)) continue;
      keys.push(k);
      let p = this.byValue.get(k);
      if (!p) this.byValue.set(k, (p = new Posting()));
      p.add(label);
    }
    if (keys.length > 0) {
      this.hasValue.set(label);
      this.valuesOf[label] = keys;
      this.entries += keys.length;
      if (this.numeric) this.markStale(label);
    }
  }

  remove(label: number): void {
    if (this.multi.has(label)) {
      this.multi.clear(label);
      this.multiCount--;
    }
    this.present.clear(label);
    this.hasNull.clear(label);
    this.foreign.clear(label);
    const keys = this.valuesOf[label];
    if (!keys) return;
    for (const k of keys) {
      const p = this.byValue.get(k);
      if (!p) continue;
      p.remove(label);
      if (p.n === 0) this.byValue.delete(k);
    }
    this.hasValue.clear(label);
    this.valuesOf[label] = undefined;
    this.entries -= keys.length;
    if (this.numeric) this.markStale(label);
  }

  private markStale(label: number): void {
    if (this.sortedDirty || this.stale.has(label)) return;
    this.stale.set(label);
    this.staleCount++;
  }

  /** No point holds more than one value under the key (so a value in one set excludes values elsewhere). */
  get singleValued(): boolean {
    return this.multiCount === 0;
  }

  get distinctValues(): number {
    return this.byValue.size;
  }

  get pointsCount(): number {
    return this.hasValue.count();
  }

  /** Labels holding `value` (already converted by the caller to this field's type). */
  equal(value: Key): Bitmap {
    const k = this.schema === 'datetime' && typeof value === 'string' ? parseDatetime(value) : value;
    return k === undefined ? new Bitmap() : (this.byValue.get(k)?.toBitmap() ?? new Bitmap());
  }

  /**
   * The labels holding `value` as the index's own bitmap (read only, never
   * modify), NONE when no label holds it, or undefined when they are kept as
   * a list (then `equal` makes the bitmap).
   */
  peekEqual(value: Key, none: Bitmap): Bitmap | undefined {
    const p = this.byValue.get(value);
    return p ? (p.bits ?? undefined) : none;
  }

  anyOf(values: readonly Key[]): Bitmap {
    const out = new Bitmap(this.valuesOf.length);
    for (const v of values) this.byValue.get(v)?.orInto(out);
    return out;
  }

  /** Labels holding at least one indexed value outside `values`. */
  someOutside(values: readonly Key[]): Bitmap {
    const excluded = new Set<Key>(values);
    const out = new Bitmap(this.valuesOf.length);
    for (const [k, p] of this.byValue) if (!excluded.has(k)) p.orInto(out);
    return out;
  }

  /** Labels holding a numeric (or datetime, in ms) value within bounds. */
  range(b: Bounds): Bitmap {
    this.ensureSorted();
    // Sized for every label at once: growing word by word while setting costs more than the scan.
    const out = new Bitmap(this.valuesOf.length);
    const vals = this.sortedVals;
    // Every bound given applies: the range starts after the strictest lower bound and ends before the strictest upper one.
    const lo = Math.max(b.gte === undefined ? 0 : lowerBound(vals, b.gte, false), b.gt === undefined ? 0 : lowerBound(vals, b.gt, true));
    const hi = Math.min(b.lte === undefined ? vals.length : lowerBound(vals, b.lte, true), b.lt === undefined ? vals.length : lowerBound(vals, b.lt, false));
    const labels = this.sortedLabels;
    const words = out.words;
    if (this.staleCount > 0) {
      for (let i = lo; i < hi; i++) {
        const label = labels[i];
        if (!this.stale.has(label)) words[label >>> 5] |= 1 << (label & 31);
      }
    } else {
      // Every label is below valuesOf.length, so `out` holds it: set the bits directly.
      out.setLabels(labels, lo, hi);
    }
    const checkStale = this.staleCount > 0;
    if (checkStale) {
      for (const label of this.stale) {
        const keys = this.valuesOf[label];
        if (keys && keys.some((k) => inBounds(k as number, b))) out.set(label);
      }
    }
    return out;
  }

  private ensureSorted(): void {
    if (!this.sortedDirty && this.staleCount <= Math.max(REBUILD_MIN, this.entries * REBUILD_FRACTION)) return;
    const pairs: [number, number][] = [];
    this.valuesOf.forEach((keys, label) => {
      if (keys) for (const k of keys) pairs.push([k as number, label]);
    });
    pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    this.sortedVals = Float64Array.from(pairs, (p) => p[0]);
    this.sortedLabels = Int32Array.from(pairs, (p) => p[1]);
    this.stale = new Bitmap();
    this.staleCount = 0;
    this.sortedDirty = false;
  }
}

/** First index whose value is >= x (or > x when `after`). */
function lowerBound(vals: Float64Array, x: number, after: boolean): number {
  let lo = 0, hi = vals.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (vals[mid] < x || (after && vals[mid] === x)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
