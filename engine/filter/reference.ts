// The reference evaluator: the filter semantics written as plainly as
// possible, one point at a time. The SQL and bitmap compilers are tested
// against it; the engine never uses it on the hot path.

import { fieldValues, inBounds, parseDatetime } from '../../core/payload-values.js';
import type { Condition, Filter, MatchValue } from './ast.js';

export interface PointView {
  pid: string;
  payload: unknown;
}

/** A stored JSON number as a double (integers beyond 2^53 arrive as bigint). */
function asNumber(v: unknown): number | undefined {
  return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : undefined;
}

/** Equality of a stored value and a filter value: same JSON type, numbers by value, big integers exactly. */
export function sameValue(stored: unknown, wanted: MatchValue): boolean {
  if (typeof wanted === 'bigint') {
    if (typeof stored === 'bigint') return stored === wanted;
    return typeof stored === 'number' && Number.isSafeInteger(stored) && BigInt(stored) === wanted;
  }
  if (typeof wanted === 'number') {
    if (typeof stored === 'bigint') return Number.isSafeInteger(wanted) && BigInt(wanted) === stored;
    return stored === wanted;
  }
  return typeof stored === typeof wanted && stored === wanted;
}

export function matchesCondition(c: Condition, p: PointView): boolean {
  switch (c.kind) {
    case 'filter':
      return matchesFilter(c.filter, p);
    case 'has_id':
      return c.pids.includes(p.pid);
    default:
      break;
  }
  const fv = fieldValues(p.payload, c.parts);
  switch (c.kind) {
    case 'match':
      return fv.values.some((v) => sameValue(v, c.value));
    case 'any':
      return fv.values.some((v) => c.values.some((w) => sameValue(v, w)));
    case 'except': {
      if (!fv.present) return true;
      const nonNull = fv.values.filter((v) => v !== null);
      if (nonNull.length === 0) return fv.values.length === 0;
      return nonNull.some((v) => !c.values.some((w) => sameValue(v, w)));
    }
    case 'range':
      return fv.values.some((v) => {
        const n = asNumber(v);
        return n !== undefined && inBounds(n, c.bounds);
      });
    case 'datetime_range':
      return fv.values.some((v) => {
        const ms = parseDatetime(v);
        return ms !== undefined && inBounds(ms, c.bounds);
      });
    case 'is_null':
      return fv.present && fv.values.some((v) => v === null);
    case 'is_empty':
      return !fv.present || fv.values.length === 0 || fv.values.every((v) => v === null);
    case 'values_count':
      return inBounds(fv.count, c.bounds);
  }
}

export function matchesFilter(f: Filter, p: PointView): boolean {
  if (!f.must.every((c) => matchesCondition(c, p))) return false;
  if (f.should.length > 0 && !f.should.some((c) => matchesCondition(c, p))) return false;
  if (f.mustNot.some((c) => matchesCondition(c, p))) return false;
  if (f.minShould && f.minShould.conditions.filter((c) => matchesCondition(c, p)).length < f.minShould.minCount) return false;
  return true;
}
