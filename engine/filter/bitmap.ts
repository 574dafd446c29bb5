// Evaluates a filter to a bitmap over internal labels, for search. Conditions
// on indexed fields are answered by the column cache (index/field-index.ts)
// when it can answer them exactly; every other condition is compiled to SQL
// (./sql.ts) and its matching labels read back. The result is always the same
// set the SQL compilation and the reference evaluator give.

import { Bitmap, type SharedWords } from '../../index/bitmap.js';
import type { FieldIndex } from '../../index/field-index.js';
import type { Condition, Filter } from './ast.js';

export interface BitmapContext {
  /** Labels of live points. */
  live: Bitmap;
  /** The column cache of an indexed key, if there is one. */
  index(key: string): FieldIndex | undefined;
  /** Labels of live points matching a condition, through SQL. */
  viaSql(condition: Condition): Bitmap;
  /** Labels of the given point id keys. */
  labelsOf(pids: readonly string[]): Bitmap;
}

export interface EvaluationStats {
  indexed: number;
  sql: number;
}

/** The condition answered from a field index, or undefined when the index cannot answer it exactly. */
function fromIndex(c: Condition, idx: FieldIndex, live: Bitmap): Bitmap | undefined {
  // The column cache keys numbers as doubles: integers beyond 2^53 are matched exactly by SQL instead.
  if (c.kind === 'match' && typeof c.value === 'bigint') return undefined;
  if ((c.kind === 'any' || c.kind === 'except') && c.values.some((v) => typeof v === 'bigint')) return undefined;
  switch (c.kind) {
    case 'match': {
      const v = c.value;
      if (typeof v === 'string' && (idx.schema === 'keyword' || idx.schema === 'uuid')) return idx.equal(v);
      if (typeof v === 'number' && (idx.schema === 'integer' || idx.schema === 'float')) return idx.equal(v);
      if (typeof v === 'boolean' && idx.schema === 'bool') return idx.equal(v);
      return undefined;
    }
    case 'any': {
      const strings = typeof c.values[0] === 'string';
      if (strings && (idx.schema === 'keyword' || idx.schema === 'uuid')) return idx.anyOf(c.values as string[]);
      if (!strings && (idx.schema === 'integer' || idx.schema === 'float')) return idx.anyOf(c.values as number[]);
      return undefined;
    }
    case 'except': {
      const strings = c.values.length === 0 || typeof c.values[0] === 'string';
      const fits = strings ? idx.schema === 'keyword' || idx.schema === 'uuid' : idx.schema === 'integer' || idx.schema === 'float';
      if (!fits) return undefined;
      // Absent key, or present with no values at all ([]), or some value outside the set.
      const absent = live.clone().andNot(idx.present);
      const emptyArray = idx.present.clone().andNot(idx.hasValue).andNot(idx.foreign).andNot(idx.hasNull);
      return absent.or(emptyArray).or(idx.foreign).or(idx.someOutside(c.values as (string | number)[]));
    }
    case 'range':
      return idx.schema === 'integer' || idx.schema === 'float' ? idx.range(c.bounds) : undefined;
    case 'datetime_range':
      return idx.schema === 'datetime' ? idx.range(c.bounds) : undefined;
    case 'is_null':
      return idx.hasNull.clone();
    case 'is_empty':
      return live.clone().andNot(idx.hasValue).andNot(idx.foreign);
    default:
      return undefined;
  }
}

const NONE = new Bitmap();

/**
 * A plain `match` the column cache answers, as the index's own bitmap (read
 * only: no copy). Used where the caller only reads it, ANDing into or out of
 * a result that is already within the live labels.
 */
function shared(c: Condition, ctx: BitmapContext): Bitmap | undefined {
  if (c.kind !== 'match') return undefined;
  const idx = ctx.index(c.key);
  if (!idx) return undefined;
  const v = c.value;
  const fits = typeof v === 'string' ? idx.schema === 'keyword' || idx.schema === 'uuid'
    : typeof v === 'number' ? idx.schema === 'integer' || idx.schema === 'float'
      : typeof v === 'boolean' && idx.schema === 'bool';
  return fits ? idx.peekEqual(v as string | number | boolean, NONE) : undefined;
}

/** With `arena`, the result's words come from it (shared memory for the workers); intermediate bitmaps do not. */
export function evaluateBitmap(filter: Filter, ctx: BitmapContext, stats: EvaluationStats = { indexed: 0, sql: 0 }, arena?: SharedWords): Bitmap {
  const condition = (c: Condition): Bitmap => {
    if (c.kind === 'filter') return evaluateBitmap(c.filter, ctx, stats);
    if (c.kind === 'has_id') return ctx.labelsOf(c.pids).and(ctx.live);
    const idx = ctx.index(c.key);
    const answered = idx ? fromIndex(c, idx, ctx.live) : undefined;
    if (answered) {
      stats.indexed++;
      return answered.and(ctx.live);
    }
    stats.sql++;
    return ctx.viaSql(c);
  };
  let result = arena ? ctx.live.cloneInto(arena) : ctx.live.clone();
  for (const c of filter.must) {
    const s = shared(c, ctx);
    if (s) stats.indexed++;
    result.and(s ?? condition(c));
  }
  if (filter.should.length) {
    const any = new Bitmap();
    for (const c of filter.should) any.or(condition(c));
    result.and(any);
  }
  for (const c of filter.mustNot) {
    const s = shared(c, ctx);
    if (s) stats.indexed++;
    result.andNot(s ?? condition(c));
  }
  if (filter.minShould) {
    const { conditions, minCount } = filter.minShould;
    if (minCount > conditions.length) return new Bitmap();
    if (minCount > 0) {
      const counts = new Uint16Array(ctx.live.capacity);
      for (const c of conditions) for (const l of condition(c)) counts[l]++;
      const enough = new Bitmap(ctx.live.capacity);
      counts.forEach((n, l) => {
        if (n >= minCount) enough.set(l);
      });
      result = result.and(enough);
    }
  }
  return result;
}
