// The filter syntax tree: Qdrant's filter language parsed once, validated with
// the path of every problem, and frozen. Compilers (SQL, bitmap) and the
// reference evaluator all consume this tree, never the raw JSON.

import { fail } from '../../core/errors.js';
import { parsePointId, pointKey, describe } from '../../core/point-id.js';
import { parseDatetime, splitKey, type Bounds } from '../../core/payload-values.js';

export type { Bounds };

interface Keyed {
  key: string;
  parts: readonly string[];
}

export type Condition =
  | { kind: 'filter'; filter: Filter }
  | (Keyed & { kind: 'match'; value: MatchValue })
  | (Keyed & { kind: 'any'; values: readonly (string | number | bigint)[] })
  | (Keyed & { kind: 'except'; values: readonly (string | number | bigint)[] })
  | (Keyed & { kind: 'range'; bounds: Bounds })
  | (Keyed & { kind: 'datetime_range'; bounds: Bounds })
  | (Keyed & { kind: 'is_null' })
  | (Keyed & { kind: 'is_empty' })
  | (Keyed & { kind: 'values_count'; bounds: Bounds })
  | { kind: 'has_id'; pids: readonly string[] };

/** Integers beyond 2^53 arrive as bigint (core/json.ts) and are matched exactly, as 64-bit integers. */
export type MatchValue = string | number | bigint | boolean;

const I64_MIN = -(1n << 63n);
const U64_MAX = (1n << 64n) - 1n;

function isInteger(v: unknown): v is number | bigint {
  return (typeof v === 'number' && Number.isSafeInteger(v)) || (typeof v === 'bigint' && v >= I64_MIN && v <= U64_MAX);
}

export interface Filter {
  must: readonly Condition[];
  should: readonly Condition[];
  mustNot: readonly Condition[];
  minShould?: { conditions: readonly Condition[]; minCount: number };
}

export interface FilterLimits {
  maxDepth: number;
  maxValues: number;
  maxConditions: number;
}

export const DEFAULT_FILTER_LIMITS: FilterLimits = { maxDepth: 16, maxValues: 10_000, maxConditions: 1_000 };

class Parser {
  private conditions = 0;
  constructor(private readonly limits: FilterLimits) {}

  filter(raw: unknown, path: string, depth: number): Filter {
    if (depth > this.limits.maxDepth) bad(path, `filters may nest at most ${this.limits.maxDepth} levels`);
    const o = object(raw, path);
    for (const k of Object.keys(o)) {
      if (!['must', 'should', 'must_not', 'min_should'].includes(k)) bad(`${path}.${k}`, 'unknown filter clause (expected must, should, must_not or min_should)');
    }
    const list = (k: string): Condition[] => {
      const v = o[k];
      if (v === undefined || v === null) return [];
      const items = Array.isArray(v) ? v : [v];
      return items.map((c, i) => this.condition(c, Array.isArray(v) ? `${path}.${k}[${i}]` : `${path}.${k}`, depth));
    };
    const result: Filter = { must: list('must'), should: list('should'), mustNot: list('must_not') };
    if (o.min_should !== undefined && o.min_should !== null) {
      const ms = object(o.min_should, `${path}.min_should`);
      for (const k of Object.keys(ms)) if (k !== 'conditions' && k !== 'min_count') bad(`${path}.min_should.${k}`, 'unknown field');
      if (!Array.isArray(ms.conditions)) bad(`${path}.min_should.conditions`, 'must be a list of conditions');
      const minCount = ms.min_count;
      if (typeof minCount !== 'number' || !Number.isInteger(minCount) || minCount < 0) bad(`${path}.min_should.min_count`, 'must be a non-negative integer');
      result.minShould = {
        conditions: (ms.conditions as unknown[]).map((c, i) => this.condition(c, `${path}.min_should.conditions[${i}]`, depth)),
        minCount,
      };
    }
    return result;
  }

  condition(raw: unknown, path: string, depth: number): Condition {
    if (++this.conditions > this.limits.maxConditions) bad(path, `a filter may hold at most ${this.limits.maxConditions} conditions`);
    const o = object(raw, path);
    if ('must' in o || 'should' in o || 'must_not' in o || 'min_should' in o) {
      return { kind: 'filter', filter: this.filter(o, path, depth + 1) };
    }
    if ('has_id' in o) {
      only(o, ['has_id'], path);
      if (!Array.isArray(o.has_id)) bad(`${path}.has_id`, 'must be a list of point ids');
      this.checkSize(o.has_id, `${path}.has_id`);
      return { kind: 'has_id', pids: o.has_id.map((id, i) => pointKey(parsePointId(id, `${path}.has_id[${i}]`))) };
    }
    if ('is_empty' in o && typeof o.is_empty === 'object') {
      only(o, ['is_empty'], path);
      only(object(o.is_empty, `${path}.is_empty`), ['key'], `${path}.is_empty`);
      return { kind: 'is_empty', ...this.key(object(o.is_empty, `${path}.is_empty`).key, `${path}.is_empty.key`) };
    }
    if ('is_null' in o && typeof o.is_null === 'object') {
      only(o, ['is_null'], path);
      only(object(o.is_null, `${path}.is_null`), ['key'], `${path}.is_null`);
      return { kind: 'is_null', ...this.key(object(o.is_null, `${path}.is_null`).key, `${path}.is_null.key`) };
    }
    for (const unsupported of ['nested', 'has_vector', 'geo_bounding_box', 'geo_radius', 'geo_polygon']) {
      if (unsupported in o) fail('UNSUPPORTED', `${path}: "${unsupported}" conditions are not supported`);
    }
    if (!('key' in o)) bad(path, 'not a condition: expected a field condition {key, ...}, has_id, is_empty, is_null or a nested filter');
    return this.fieldCondition(o, path);
  }

  private fieldCondition(o: Record<string, unknown>, path: string): Condition {
    const keyed = this.key(o.key, `${path}.key`);
    const kinds = ['match', 'range', 'values_count', 'is_empty', 'is_null'].filter((k) => o[k] !== undefined && o[k] !== null);
    for (const k of Object.keys(o)) {
      if (k === 'key') continue;
      if (['geo_bounding_box', 'geo_radius', 'geo_polygon', 'datetime_range'].includes(k)) fail('UNSUPPORTED', `${path}.${k}: geo conditions are not supported`);
      if (!['match', 'range', 'values_count', 'is_empty', 'is_null'].includes(k)) bad(`${path}.${k}`, 'unknown field in a field condition');
    }
    if (kinds.length !== 1) bad(path, `a field condition needs exactly one of match, range, values_count, is_empty, is_null (got ${kinds.length === 0 ? 'none' : kinds.join(', ')})`);
    const kind = kinds[0];
    if (kind === 'is_empty' || kind === 'is_null') {
      if (o[kind] !== true) bad(`${path}.${kind}`, 'must be true');
      return { kind, ...keyed };
    }
    if (kind === 'values_count') return { kind: 'values_count', ...keyed, bounds: this.numericBounds(o.values_count, `${path}.values_count`) };
    if (kind === 'range') {
      const r = object(o.range, `${path}.range`);
      const strings = Object.values(r).some((v) => typeof v === 'string');
      return strings
        ? { kind: 'datetime_range', ...keyed, bounds: this.datetimeBounds(r, `${path}.range`) }
        : { kind: 'range', ...keyed, bounds: this.numericBounds(r, `${path}.range`) };
    }
    return this.match(object(o.match, `${path}.match`), keyed, `${path}.match`);
  }

  private match(m: Record<string, unknown>, keyed: Keyed, path: string): Condition {
    const keys = Object.keys(m);
    if (keys.length !== 1) bad(path, 'match needs exactly one of value, any, except');
    const k = keys[0];
    if (k === 'value') {
      const v = m.value;
      if (typeof v === 'string' || typeof v === 'boolean' || isInteger(v)) return { kind: 'match', ...keyed, value: v };
      if (typeof v === 'number') bad(`${path}.value`, 'match value must be a keyword, an integer or a boolean; use range for floats');
      bad(`${path}.value`, `match value must be a keyword, an integer or a boolean, got ${describe(v)}`);
    }
    if (k === 'any' || k === 'except') {
      const list = m[k];
      if (!Array.isArray(list)) bad(`${path}.${k}`, 'must be a list of keywords or integers');
      if (list.length === 0 && k === 'any') bad(`${path}.any`, 'must not be empty (it would match nothing)');
      this.checkSize(list, `${path}.${k}`);
      const allStrings = list.every((v) => typeof v === 'string');
      const allInts = list.every(isInteger);
      if (!allStrings && !allInts) bad(`${path}.${k}`, 'must hold only keywords or only integers');
      return { kind: k, ...keyed, values: [...new Set(list as (string | number | bigint)[])] };
    }
    if (['text', 'phrase', 'text_any'].includes(k)) fail('UNSUPPORTED', `${path}.${k}: full-text match is not supported`);
    return bad(`${path}.${k}`, 'unknown match (expected value, any or except)');
  }

  private numericBounds(raw: unknown, path: string): Bounds {
    const r = object(raw, path);
    const b: Bounds = {};
    for (const [k, v] of Object.entries(r)) {
      if (!['gt', 'gte', 'lt', 'lte'].includes(k)) bad(`${path}.${k}`, 'unknown bound (expected gt, gte, lt, lte)');
      if (v === null || v === undefined) continue;
      // Range bounds are doubles (as in Qdrant); integer literals beyond 2^53 arrive as bigint.
      const n = typeof v === 'bigint' ? Number(v) : v;
      if (typeof n !== 'number' || !Number.isFinite(n)) bad(`${path}.${k}`, `must be a finite number, got ${describe(v)}`);
      b[k as keyof Bounds] = n;
    }
    return b;
  }

  private datetimeBounds(r: Record<string, unknown>, path: string): Bounds {
    const b: Bounds = {};
    for (const [k, v] of Object.entries(r)) {
      if (!['gt', 'gte', 'lt', 'lte'].includes(k)) bad(`${path}.${k}`, 'unknown bound (expected gt, gte, lt, lte)');
      if (v === null || v === undefined) continue;
      const ms = parseDatetime(v);
      if (ms === undefined) bad(`${path}.${k}`, `must be an RFC 3339 date-time (bounds mix numbers and strings, or ${describe(v)} is not a date-time)`);
      b[k as keyof Bounds] = ms;
    }
    return b;
  }

  private key(raw: unknown, path: string): Keyed {
    if (typeof raw !== 'string' || raw.length === 0) bad(path, 'key must be a non-empty string');
    if (raw.length > 512) bad(path, 'key is longer than 512 characters');
    const parts = splitKey(raw);
    if (parts.some((p) => p.length === 0)) bad(path, `"${raw}" is not a valid key path`);
    return { key: raw, parts };
  }

  private checkSize(list: unknown[], path: string): void {
    if (list.length > this.limits.maxValues) bad(path, `lists may hold at most ${this.limits.maxValues} values, got ${list.length}`);
  }
}

function bad(path: string, message: string): never {
  return fail('INVALID_FILTER', `${path}: ${message}`, { path });
}

function object(raw: unknown, path: string): Record<string, unknown> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) bad(path, `expected an object, got ${describe(raw)}`);
  return raw as Record<string, unknown>;
}

function only(o: Record<string, unknown>, keys: string[], path: string): void {
  for (const k of Object.keys(o)) if (!keys.includes(k)) bad(`${path}.${k}`, 'unknown field');
}

function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === 'object') {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

/** Parses and validates a filter; undefined/null means "no filter". */
export function parseFilter(raw: unknown, path = 'filter', limits: FilterLimits = DEFAULT_FILTER_LIMITS): Filter | undefined {
  if (raw === undefined || raw === null) return undefined;
  return deepFreeze(new Parser(limits).filter(raw, path, 1));
}

/** Every key the filter reads. */
export function filterKeys(filter: Filter): Set<string> {
  const keys = new Set<string>();
  const visit = (c: Condition): void => {
    if (c.kind === 'filter') walk(c.filter);
    else if (c.kind !== 'has_id') keys.add(c.key);
  };
  const walk = (f: Filter): void => {
    [...f.must, ...f.should, ...f.mustNot, ...(f.minShould?.conditions ?? [])].forEach(visit);
  };
  walk(filter);
  return keys;
}
