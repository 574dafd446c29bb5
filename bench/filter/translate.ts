// The boolean skeleton shared by the filter translators (SQL for sqlite-vec,
// DataFusion SQL for LanceDB): each supplies how to render one field condition;
// must / should / must_not and NULL handling are rendered here once.

import { isFieldCondition, type FieldCondition, type Filter } from './filter.js';

export interface Dialect {
  /** Renders one field condition; may return undefined for "never true" (unknown field). */
  condition(c: FieldCondition): string | undefined;
  readonly true: string;
  readonly false: string;
  /** Turns a possibly-NULL boolean into a definite one (missing fields are false, also under NOT). */
  definite(expr: string): string;
}

export function translate(filter: Filter, d: Dialect): string {
  const parts: string[] = [];
  for (const c of filter.must ?? []) parts.push(term(c, d));
  if (filter.should && filter.should.length > 0) {
    const alts = filter.should.map((c) => term(c, d));
    parts.push(alts.length === 1 ? alts[0] : `(${alts.join(' OR ')})`);
  }
  for (const c of filter.must_not ?? []) parts.push(`NOT ${d.definite(term(c, d))}`);
  if (parts.length === 0) return d.true;
  return parts.length === 1 ? parts[0] : `(${parts.join(' AND ')})`;
}

function term(c: FieldCondition | Filter, d: Dialect): string {
  if (!isFieldCondition(c)) return translate(c, d);
  return d.condition(c) ?? d.false;
}
