// Compiles a filter to a parameterised SQL boolean expression over the points
// table (columns `pid` and `payload`). Values never enter the SQL text: keys,
// values and lists are bound parameters, bound in the order the SQL text
// reads them. Values under a key come from hqdb_values(), which has exactly
// the semantics of core/payload-values.ts (SQLite's own json_each would walk
// into an object's members where Qdrant sees one value).

import { stringifyJson } from '../../core/json.js';
import type { Bounds, Condition, Filter, MatchValue } from './ast.js';

export interface CompiledSql {
  sql: string;
  params: unknown[];
}

class Compiler {
  readonly params: unknown[] = [];

  bind(v: unknown): string {
    this.params.push(v);
    return '?';
  }

  /** A table source of the values under key: rows (type, value). */
  private values(parts: readonly string[]): string {
    return `json_each(hqdb_values(payload, ${this.bind(JSON.stringify(parts))}))`;
  }

  private present(parts: readonly string[]): string {
    return `hqdb_values(payload, ${this.bind(JSON.stringify(parts))}) IS NOT NULL`;
  }

  private typeOf(v: MatchValue): string {
    if (typeof v === 'string') return "type = 'text'";
    if (typeof v === 'number' || typeof v === 'bigint') return "type IN ('integer', 'real')";
    return v ? "type = 'true'" : "type = 'false'";
  }

  /** `expr` is called once per bound, so parameters inside it are bound once per use. */
  private bounds(expr: () => string, b: Bounds): string {
    const parts: string[] = [];
    if (b.gt !== undefined) parts.push(`${expr()} > ${this.bind(b.gt)}`);
    if (b.gte !== undefined) parts.push(`${expr()} >= ${this.bind(b.gte)}`);
    if (b.lt !== undefined) parts.push(`${expr()} < ${this.bind(b.lt)}`);
    if (b.lte !== undefined) parts.push(`${expr()} <= ${this.bind(b.lte)}`);
    return parts.length ? parts.join(' AND ') : '1';
  }

  condition(c: Condition): string {
    switch (c.kind) {
      case 'filter':
        return this.filter(c.filter);
      case 'has_id':
        return `pid IN (SELECT value FROM json_each(${this.bind(JSON.stringify(c.pids))}))`;
      case 'match': {
        const v = c.value;
        const source = this.values(c.parts);
        const eq = typeof v === 'boolean' ? '' : ` AND value = ${this.bind(v)}`;
        return `EXISTS (SELECT 1 FROM ${source} WHERE ${this.typeOf(v)}${eq})`;
      }
      case 'any':
        return `EXISTS (SELECT 1 FROM ${this.values(c.parts)} WHERE ${this.typeOf(c.values[0])} AND value IN (SELECT value FROM json_each(${this.bind(JSON.stringify(c.values))})))`;
      case 'except': {
        const absent = `NOT (${this.present(c.parts)})`;
        const empty = `NOT EXISTS (SELECT 1 FROM ${this.values(c.parts)})`;
        const source = this.values(c.parts);
        const inSet = c.values.length === 0
          ? '0'
          : `(${this.typeOf(c.values[0])} AND value IN (SELECT value FROM json_each(${this.bind(stringifyJson(c.values))})))`;
        return `(${absent} OR ${empty} OR EXISTS (SELECT 1 FROM ${source} WHERE type != 'null' AND NOT ${inSet}))`;
      }
      case 'range': {
        const source = this.values(c.parts);
        // Compared as doubles, as the reference and the column cache do (integers beyond 2^53 round).
        return `EXISTS (SELECT 1 FROM ${source} WHERE type IN ('integer', 'real') AND ${this.bounds(() => 'CAST(value AS REAL)', c.bounds)})`;
      }
      case 'datetime_range': {
        const source = this.values(c.parts);
        return `EXISTS (SELECT 1 FROM ${source} WHERE type = 'text' AND ${this.bounds(() => 'hqdb_datetime(value)', c.bounds)})`;
      }
      case 'is_null':
        return `EXISTS (SELECT 1 FROM ${this.values(c.parts)} WHERE type = 'null')`;
      case 'is_empty':
        return `NOT EXISTS (SELECT 1 FROM ${this.values(c.parts)} WHERE type != 'null')`;
      case 'values_count':
        return this.bounds(() => `(SELECT count(*) FROM ${this.values(c.parts)})`, c.bounds);
    }
  }

  filter(f: Filter): string {
    const clauses: string[] = [];
    for (const c of f.must) clauses.push(`(${this.condition(c)})`);
    if (f.should.length) clauses.push(`(${f.should.map((c) => `(${this.condition(c)})`).join(' OR ')})`);
    if (f.mustNot.length) clauses.push(`NOT (${f.mustNot.map((c) => `(${this.condition(c)})`).join(' OR ')})`);
    if (f.minShould) {
      const terms = f.minShould.conditions.map((c) => `(CASE WHEN ${this.condition(c)} THEN 1 ELSE 0 END)`);
      clauses.push(`(${terms.length ? terms.join(' + ') : '0'}) >= ${this.bind(f.minShould.minCount)}`);
    }
    return clauses.length ? clauses.join(' AND ') : '1';
  }
}

export function compileFilterSql(filter: Filter | undefined): CompiledSql {
  if (!filter) return { sql: '1', params: [] };
  const c = new Compiler();
  const sql = c.filter(filter);
  return { sql, params: c.params };
}

export function compileConditionSql(condition: Condition): CompiledSql {
  const c = new Compiler();
  const sql = c.condition(condition);
  return { sql, params: c.params };
}
