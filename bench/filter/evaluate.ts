// The one evaluator of the filter language in the harness: compiles a filter
// against a PayloadTable into a row predicate. Ground truth, the `exact` and
// `naive` baselines, the workload generator, and the tests of the SQL and
// LanceDB translations all use it, so they agree on semantics by construction.
//
// Semantics follow Qdrant: a condition on a missing field is false; on an array
// field it holds when any element matches; `except` holds when a scalar is not in
// the list, or on an array when some element is outside it (false for a missing
// field); should = at least one.

import type { Column, PayloadTable } from './payload-table.js';
import { isFieldCondition, UnsupportedFilterError, type Condition, type FieldCondition, type Filter, type Range } from './filter.js';

export type RowPredicate = (row: number) => boolean;

const ALWAYS: RowPredicate = () => true;
const NEVER: RowPredicate = () => false;

export function compileFilter(filter: Filter | undefined, table: PayloadTable): RowPredicate {
  if (!filter) return ALWAYS;
  const parts: RowPredicate[] = [];
  for (const c of filter.must ?? []) parts.push(compileCondition(c, table));
  if (filter.should && filter.should.length > 0) parts.push(any(filter.should.map((c) => compileCondition(c, table))));
  for (const c of filter.must_not ?? []) {
    const p = compileCondition(c, table);
    parts.push((r) => !p(r));
  }
  return all(parts);
}

/** The rows a filter selects, ascending. */
export function selectRows(filter: Filter | undefined, table: PayloadTable): Int32Array {
  const pred = compileFilter(filter, table);
  const out = new Int32Array(table.n);
  let m = 0;
  for (let r = 0; r < table.n; r++) if (pred(r)) out[m++] = r;
  return out.slice(0, m);
}

/** The rows a filter selects as a bitmap: bit r & 7 of byte r >> 3 is set when row r matches. */
export function filterBitmap(filter: Filter | undefined, table: PayloadTable): Uint8Array {
  const pred = compileFilter(filter, table);
  const bits = new Uint8Array((table.n + 7) >> 3);
  for (let r = 0; r < table.n; r++) if (pred(r)) bits[r >> 3] |= 1 << (r & 7);
  return bits;
}

export function countMatches(filter: Filter | undefined, table: PayloadTable): number {
  if (!filter) return table.n;
  const pred = compileFilter(filter, table);
  let m = 0;
  for (let r = 0; r < table.n; r++) if (pred(r)) m++;
  return m;
}

function all(parts: RowPredicate[]): RowPredicate {
  switch (parts.length) {
    case 0:
      return ALWAYS;
    case 1:
      return parts[0];
    case 2: {
      const [a, b] = parts;
      return (r) => a(r) && b(r);
    }
    case 3: {
      const [a, b, c] = parts;
      return (r) => a(r) && b(r) && c(r);
    }
    default:
      return (r) => parts.every((p) => p(r));
  }
}

function any(parts: RowPredicate[]): RowPredicate {
  return parts.length === 1 ? parts[0] : (r) => parts.some((p) => p(r));
}

function compileCondition(c: Condition, table: PayloadTable): RowPredicate {
  if (!isFieldCondition(c)) return compileFilter(c, table);
  const keys = Object.keys(c).filter((k) => k !== 'key');
  if (keys.length !== 1 || (c.match === undefined && c.range === undefined)) {
    throw new UnsupportedFilterError(`condition on "${c.key}" must have exactly one of match, range (got ${keys.join(', ') || 'none'})`);
  }
  const column = table.columns.get(c.key);
  if (!column) return NEVER;
  return c.range ? compileRange(c.range, column) : compileMatch(c, column);
}

function compileRange(range: Range, column: Column): RowPredicate {
  for (const k of Object.keys(range)) {
    if (!['gt', 'gte', 'lt', 'lte'].includes(k)) throw new UnsupportedFilterError(`unknown range bound "${k}"`);
  }
  if (column.kind !== 'number') return NEVER;
  const lo = Math.max(range.gt ?? -Infinity, range.gte ?? -Infinity);
  const loInclusive = range.gt === undefined || (range.gte !== undefined && range.gte > range.gt);
  const hi = Math.min(range.lt ?? Infinity, range.lte ?? Infinity);
  const hiInclusive = range.lt === undefined || (range.lte !== undefined && range.lte < range.lt);
  const values = column.values;
  return (r) => {
    const v = values[r];
    return (v > lo || (loInclusive && v === lo)) && (v < hi || (hiInclusive && v === hi));
  };
}

function compileMatch(c: FieldCondition, column: Column): RowPredicate {
  const match = c.match!;
  if ('value' in match) return compileSet(column, [match.value], false);
  if ('any' in match) return compileSet(column, match.any, false);
  if ('except' in match) return compileSet(column, match.except, true);
  throw new UnsupportedFilterError(`unknown match on "${c.key}": ${JSON.stringify(match)}`);
}

/** Membership of the field's value(s) in `values` (or, negated, none of them in it). */
function compileSet(column: Column, values: readonly (string | number | boolean)[], negate: boolean): RowPredicate {
  if (column.kind === 'number') {
    const set = new Set(values.filter((v): v is number => typeof v === 'number'));
    const nums = column.values;
    if (negate) return (r) => !Number.isNaN(nums[r]) && !set.has(nums[r]);
    if (set.size === 1) {
      const only = [...set][0];
      return (r) => nums[r] === only;
    }
    return (r) => set.has(nums[r]);
  }
  const member = new Uint8Array(column.dict.length);
  for (const v of values) {
    const code = typeof v === 'string' ? column.codeOf.get(v) : undefined;
    if (code !== undefined) member[code] = 1;
  }
  if (column.kind === 'keyword') {
    const codes = column.codes;
    if (negate) return (r) => codes[r] >= 0 && member[codes[r]] === 0;
    return (r) => {
      const code = codes[r];
      return code >= 0 && member[code] === 1;
    };
  }
  const { offsets, codes } = column;
  // On arrays every match is "some element": `except` holds when some element is outside the list.
  const want = negate ? 0 : 1;
  return (r) => {
    for (let i = offsets[r], end = offsets[r + 1]; i < end; i++) if (member[codes[i]] === want) return true;
    return false;
  };
}
