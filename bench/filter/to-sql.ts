// Compiles a filter to an SQLite WHERE clause with bound parameters, for the
// sqlite-vec peer. Scalar fields are columns of the points table; keyword-array
// fields live in a side table (id, value). Integer columns are bound as BigInt,
// as sqlite-vec's vec0 metadata columns require.

import type { PayloadTable } from './payload-table.js';
import { UnsupportedFilterError, type FieldCondition, type Filter, type Range } from './filter.js';
import { translate } from './translate.js';

export type SqlType = 'text' | 'integer' | 'real' | 'text[]';

export interface SqlSchema {
  /** Field name to column type; 'text[]' fields are stored in `arrayTable(field)`. */
  readonly fields: ReadonlyMap<string, SqlType>;
  readonly idColumn: string;
  arrayTable(field: string): string;
}

export type SqlParam = string | number | bigint;

export interface SqlWhere {
  readonly sql: string;
  readonly params: SqlParam[];
}

export function sqlSchemaOf(table: PayloadTable, arrayTable: (field: string) => string, idColumn = 'id'): SqlSchema {
  const fields = new Map<string, SqlType>();
  for (const [name, col] of table.columns) {
    fields.set(name, col.kind === 'keyword' ? 'text' : col.kind === 'keyword[]' ? 'text[]' : col.integer ? 'integer' : 'real');
  }
  return { fields, idColumn, arrayTable };
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function toSqlWhere(filter: Filter, schema: SqlSchema): SqlWhere {
  const params: SqlParam[] = [];
  const sql = translate(filter, {
    true: '1',
    false: '0',
    definite: (e) => `IFNULL(${e}, 0)`,
    condition: (c) => sqlCondition(c, schema, params),
  });
  return { sql, params };
}

/**
 * Whether the filter is a plain conjunction of scalar conditions that sqlite-vec
 * can apply inside its KNN scan (vec0 metadata constraints: =, IN, comparisons).
 */
export function isVec0Pushable(filter: Filter, schema: SqlSchema): boolean {
  if ((filter.should?.length ?? 0) > 0 || (filter.must_not?.length ?? 0) > 0) return false;
  return (filter.must ?? []).every((c) => {
    const fc = c as FieldCondition;
    if (typeof fc.key !== 'string') return false;
    const type = schema.fields.get(fc.key);
    if (type === undefined || type === 'text[]') return false;
    return fc.range !== undefined || (fc.match !== undefined && !('except' in fc.match));
  });
}

function sqlCondition(c: FieldCondition, schema: SqlSchema, params: SqlParam[]): string | undefined {
  const type = schema.fields.get(c.key);
  if (type === undefined) return undefined;
  const col = quoteIdent(c.key);
  if (c.range) {
    if (type === 'text' || type === 'text[]') return undefined;
    return rangeSql(col, c.range, type, params);
  }
  const match = c.match;
  if (!match) throw new UnsupportedFilterError(`condition on "${c.key}" has neither match nor range`);
  const negate = 'except' in match;
  const raw = 'value' in match ? [match.value] : 'any' in match ? match.any : match.except;
  const values = raw.filter((v) => (type === 'text' || type === 'text[]' ? typeof v === 'string' : typeof v === 'number'));
  const bound = values.map((v) => bind(v as string | number, type));
  if (type === 'text[]') {
    const side = `SELECT id FROM ${quoteIdent(schema.arrayTable(c.key))} WHERE value ${negate ? 'NOT IN' : 'IN'} (${bound.map(() => '?').join(', ')})`;
    params.push(...bound);
    return `${quoteIdent(schema.idColumn)} IN (${side})`;
  }
  if (bound.length === 0) return negate ? `${col} IS NOT NULL` : undefined;
  params.push(...bound);
  if (negate) return `(${col} IS NOT NULL AND ${col} NOT IN (${bound.map(() => '?').join(', ')}))`;
  return bound.length === 1 ? `${col} = ?` : `${col} IN (${bound.map(() => '?').join(', ')})`;
}

function bind(v: string | number, type: SqlType): SqlParam {
  return type === 'integer' && Number.isInteger(v) ? BigInt(v) : v;
}

function rangeSql(col: string, range: Range, type: SqlType, params: SqlParam[]): string {
  const parts: string[] = [];
  const add = (op: string, v: number | undefined): void => {
    if (v === undefined) return;
    parts.push(`${col} ${op} ?`);
    params.push(type === 'integer' && Number.isInteger(v) ? BigInt(v) : v);
  };
  add('>', range.gt);
  add('>=', range.gte);
  add('<', range.lt);
  add('<=', range.lte);
  if (parts.length === 0) return `${col} IS NOT NULL`;
  return parts.length === 1 ? parts[0] : `(${parts.join(' AND ')})`;
}
