// Atomic predicates: a filter reduced to the conjunction of simple
// conditions on one key each (`key = v`, `key IN S`, `key in [a, b)`, and
// their negations from must_not), which is what the query log records, what
// the qd-tree cuts on, and what routing reasons about.
//
// Semantics follow the filter language: a positive atom holds for a point when
// *some* value under the key lies in the atom's value set; a negative atom when
// *none* does. Everything a filter says that is not such an atom (should,
// min_should, has_id, is_null, nested filters with should...) makes it
// `residual`: its atoms are still necessary conditions, so routing by them is
// sound, but a partition can then never imply the whole filter.

import { fieldValues, parseDatetime } from '../../core/payload-values.js';
import { stringifyJson } from '../../core/json.js';
import type { Condition, Filter, MatchValue } from '../filter/ast.js';
import { sameValue } from '../filter/reference.js';

/** The values an atom accepts: a finite set, or an interval of numbers (or of datetimes, in ms). */
export type ValueSet =
  | { kind: 'values'; values: readonly MatchValue[] }
  | { kind: 'range'; domain: 'number' | 'datetime'; lo: number; loIncl: boolean; hi: number; hiIncl: boolean };

export interface Atom {
  key: string;
  parts: readonly string[];
  set: ValueSet;
  /** From must_not: no value under the key lies in the set. */
  negated: boolean;
  /** The condition that tests one point for the positive atom (reused by routing and cut bitmaps). */
  condition: Condition;
}

export interface NormalizedFilter {
  atoms: Atom[];
  residual: boolean;
  /** The shape without values, e.g. "genre:eq & year:range & !country:in". */
  template: string;
}

const EMPTY: NormalizedFilter = { atoms: [], residual: false, template: '' };

export function normalizeFilter(filter: Filter | undefined): NormalizedFilter {
  if (!filter) return EMPTY;
  const atoms: Atom[] = [];
  let residual = false;
  const visit = (f: Filter, negated: boolean): void => {
    if (f.should.length > 0 || f.minShould) residual = true;
    for (const c of f.must) {
      if (c.kind === 'filter' && !negated && isConjunctive(c.filter)) visit(c.filter, false);
      else push(c, negated);
    }
    for (const c of f.mustNot) {
      if (negated) residual = true;
      else push(c, true);
    }
  };
  const push = (c: Condition, negated: boolean): void => {
    const atom = atomOf(c, negated);
    if (atom) atoms.push(atom);
    else residual = true;
  };
  visit(filter, false);
  const template = atoms.map(shapeOf).sort().join(' & ') + (residual ? `${atoms.length ? ' & ' : ''}…` : '');
  return { atoms, residual, template };
}

function isConjunctive(f: Filter): boolean {
  return f.should.length === 0 && !f.minShould;
}

function shapeOf(a: Atom): string {
  const kind = a.set.kind === 'range' ? 'range' : a.set.values.length === 1 ? 'eq' : 'in';
  return `${a.negated ? '!' : ''}${a.key}:${kind}`;
}

function atomOf(c: Condition, negated: boolean): Atom | undefined {
  switch (c.kind) {
    case 'match':
      return { key: c.key, parts: c.parts, set: { kind: 'values', values: [c.value] }, negated, condition: c };
    case 'any':
      if (c.values.length === 0) return undefined;
      return { key: c.key, parts: c.parts, set: { kind: 'values', values: [...c.values] }, negated, condition: c };
    case 'range':
    case 'datetime_range': {
      // Both bounds on a side may be given: the tighter one holds (gt wins a tie with gte, lt with lte).
      const b = c.bounds;
      let lo = -Infinity;
      let loIncl = true;
      if (b.gte !== undefined) lo = b.gte;
      if (b.gt !== undefined && b.gt >= lo) {
        lo = b.gt;
        loIncl = false;
      }
      let hi = Infinity;
      let hiIncl = true;
      if (b.lte !== undefined) hi = b.lte;
      if (b.lt !== undefined && b.lt <= hi) {
        hi = b.lt;
        hiIncl = false;
      }
      const set: ValueSet = { kind: 'range', domain: c.kind === 'range' ? 'number' : 'datetime', lo, loIncl, hi, hiIncl };
      return { key: c.key, parts: c.parts, set, negated, condition: c };
    }
    default:
      return undefined;
  }
}

/** A stable identity for an atom's (key, set), used to deduplicate cuts. */
export function atomKey(a: Pick<Atom, 'key' | 'set'>): string {
  return stringifyJson({ k: a.key, s: a.set.kind === 'values' ? { v: [...a.set.values].map(valueKey).sort() } : a.set });
}

function valueKey(v: MatchValue): string {
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? `n:${Number(v)}` : `N:${v}`;
  return `${typeof v === 'number' ? 'n' : typeof v === 'boolean' ? 'b' : 's'}:${String(v)}`;
}

function inRange(x: number, r: Extract<ValueSet, { kind: 'range' }>): boolean {
  return (r.loIncl ? x >= r.lo : x > r.lo) && (r.hiIncl ? x <= r.hi : x < r.hi);
}

function numeric(v: MatchValue): number | undefined {
  return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : undefined;
}

/** Every value in `a` is in `b` (sound: false when unsure). */
export function subset(a: ValueSet, b: ValueSet): boolean {
  if (a.kind === 'values') {
    if (b.kind === 'values') return a.values.every((v) => b.values.some((w) => sameValue(v, w)));
    if (b.domain !== 'number') return false;
    return a.values.every((v) => {
      const x = numeric(v);
      return x !== undefined && inRange(x, b);
    });
  }
  if (b.kind === 'values' || a.domain !== b.domain) return false;
  const loOk = a.lo > b.lo || (a.lo === b.lo && (b.loIncl || !a.loIncl));
  const hiOk = a.hi < b.hi || (a.hi === b.hi && (b.hiIncl || !a.hiIncl));
  return loOk && hiOk;
}

/** No value is in both (sound: false when unsure). */
export function disjoint(a: ValueSet, b: ValueSet): boolean {
  if (a.kind === 'values' && b.kind === 'values') return !a.values.some((v) => b.values.some((w) => sameValue(v, w)));
  if (a.kind === 'values' || b.kind === 'values') {
    const vals = (a.kind === 'values' ? a : b) as Extract<ValueSet, { kind: 'values' }>;
    const range = (a.kind === 'range' ? a : b) as Extract<ValueSet, { kind: 'range' }>;
    if (range.domain !== 'number') return false;
    return vals.values.every((v) => {
      const x = numeric(v);
      return x === undefined || !inRange(x, range);
    });
  }
  if (a.domain !== b.domain) return false;
  const aBelow = a.hi < b.lo || (a.hi === b.lo && !(a.hiIncl && b.loIncl));
  const bBelow = b.hi < a.lo || (b.hi === a.lo && !(b.hiIncl && a.loIncl));
  return aBelow || bBelow;
}

/** One step of a partition's description: the points that do (`inside`) or do not satisfy a cut. */
export interface CutSide {
  cut: Atom;
  inside: boolean;
}

export type Relation = 'implied' | 'contradicted' | 'unknown';

/**
 * What every point on one side of a cut says about an atom of a query.
 * `singleValued(key)` tells whether no point holds more than one value under
 * the key; only then does "has a value in C" exclude "has a value elsewhere".
 */
export function relate(side: CutSide, atom: Atom, singleValued: (key: string) => boolean): Relation {
  if (side.cut.key !== atom.key) return 'unknown';
  const c = side.cut.set;
  const a = atom.set;
  if (side.inside) {
    // Each point has some value in C.
    if (!atom.negated) {
      if (subset(c, a)) return 'implied';
      if (disjoint(c, a) && singleValued(atom.key)) return 'contradicted';
    } else {
      if (subset(c, a)) return 'contradicted';
      if (disjoint(c, a) && singleValued(atom.key)) return 'implied';
    }
    return 'unknown';
  }
  // No point has a value in C (or the key is absent).
  if (!atom.negated) return subset(a, c) ? 'contradicted' : 'unknown';
  return subset(a, c) ? 'implied' : 'unknown';
}

/** Whether a payload satisfies a (positive) cut: some value under the key lies in the set. */
export function satisfies(payload: unknown, cut: Atom): boolean {
  const { values } = fieldValues(payload, cut.parts);
  const s = cut.set;
  if (s.kind === 'values') return values.some((v) => v !== null && s.values.some((w) => sameValue(v, w)));
  return values.some((v) => {
    const x = s.domain === 'number' ? (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : undefined) : parseDatetime(v);
    return x !== undefined && inRange(x, s);
  });
}
