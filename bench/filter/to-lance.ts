// Compiles a filter to a LanceDB `.where()` string (DataFusion SQL with
// literals inlined). Keyword arrays are list columns, matched with array_has_any.

import type { PayloadTable } from './payload-table.js';
import { UnsupportedFilterError, type FieldCondition, type Filter } from './filter.js';
import { translate } from './translate.js';

export function toLanceWhere(filter: Filter, table: PayloadTable): string {
  return translate(filter, {
    true: 'true',
    false: 'false',
    definite: (e) => `coalesce(${e}, false)`,
    condition: (c) => lanceCondition(c, table),
  });
}

export function lanceIdent(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `\`${name.replaceAll('`', '``')}\``;
}

function literal(v: string | number): string {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new UnsupportedFilterError(`non-finite number ${v} in filter`);
    return String(v);
  }
  return `'${v.replaceAll("'", "''")}'`;
}

function lanceCondition(c: FieldCondition, table: PayloadTable): string | undefined {
  const column = table.columns.get(c.key);
  if (!column) return undefined;
  const col = lanceIdent(c.key);
  if (c.range) {
    if (column.kind !== 'number') return undefined;
    const parts: string[] = [];
    if (c.range.gt !== undefined) parts.push(`${col} > ${literal(c.range.gt)}`);
    if (c.range.gte !== undefined) parts.push(`${col} >= ${literal(c.range.gte)}`);
    if (c.range.lt !== undefined) parts.push(`${col} < ${literal(c.range.lt)}`);
    if (c.range.lte !== undefined) parts.push(`${col} <= ${literal(c.range.lte)}`);
    if (parts.length === 0) return `${col} IS NOT NULL`;
    return parts.length === 1 ? parts[0] : `(${parts.join(' AND ')})`;
  }
  const match = c.match;
  if (!match) throw new UnsupportedFilterError(`condition on "${c.key}" has neither match nor range`);
  const negate = 'except' in match;
  const raw = 'value' in match ? [match.value] : 'any' in match ? match.any : match.except;
  const wantString = column.kind !== 'number';
  const values = raw.filter((v): v is string | number => (wantString ? typeof v === 'string' : typeof v === 'number'));
  const list = values.map(literal).join(', ');
  if (column.kind === 'keyword[]') {
    if (values.length === 0) return negate ? `array_length(${col}) > 0` : undefined;
    // "some element outside the list" for except, as the evaluator defines it.
    return negate ? `array_length(array_except(${col}, [${list}])) > 0` : `array_has_any(${col}, [${list}])`;
  }
  if (values.length === 0) return negate ? `${col} IS NOT NULL` : undefined;
  if (negate) return `(${col} IS NOT NULL AND ${col} NOT IN (${list}))`;
  return values.length === 1 ? `${col} = ${list}` : `${col} IN (${list})`;
}
