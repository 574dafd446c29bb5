// Translation between proto messages and the engine's request/result shapes
// (the Qdrant REST shapes in engine/requests.ts). Only structure is checked
// here — a oneof that must be set, an enum that must be named; values (ids,
// vectors, filters, limits) are validated by the engine, as for REST.

import { fail } from '../../core/errors.js';
import type { PointId as EnginePointId, PointRecord, ScoredPoint as EngineScoredPoint } from '../../core/types.js';
import type { Struct, Struct__Output } from '../../proto/gen/google/protobuf/Struct.js';
import type { Value, Value__Output } from '../../proto/gen/google/protobuf/Value.js';
import type { Condition__Output } from '../../proto/gen/hqdb/v1/Condition.js';
import type { FieldCondition__Output } from '../../proto/gen/hqdb/v1/FieldCondition.js';
import type { Filter__Output } from '../../proto/gen/hqdb/v1/Filter.js';
import type { Match__Output } from '../../proto/gen/hqdb/v1/Match.js';
import type { PointId, PointId__Output } from '../../proto/gen/hqdb/v1/PointId.js';
import type { PointsSelector__Output } from '../../proto/gen/hqdb/v1/PointsSelector.js';
import type { QueryPointsRequest__Output } from '../../proto/gen/hqdb/v1/QueryPointsRequest.js';
import type { RetrievedPoint } from '../../proto/gen/hqdb/v1/RetrievedPoint.js';
import type { ScoredPoint } from '../../proto/gen/hqdb/v1/ScoredPoint.js';
import type { WithPayloadSelector__Output } from '../../proto/gen/hqdb/v1/WithPayloadSelector.js';
import type { WriteResult } from '../../proto/gen/hqdb/v1/WriteResult.js';
import type { WriteResult as EngineWriteResult } from '../../engine/collection.js';
import type { QueryRequest } from '../../engine/requests.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

// ---- google.protobuf.Struct <-> JSON --------------------------------------

export function structToJson(s: Struct__Output | null | undefined): Record<string, Json> | undefined {
  if (!s) return undefined;
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(s.fields ?? {})) out[k] = valueToJson(v);
  return out;
}

function valueToJson(v: Value__Output): Json {
  switch (v.kind) {
    case 'numberValue': return v.numberValue ?? 0;
    case 'stringValue': return v.stringValue ?? '';
    case 'boolValue': return v.boolValue ?? false;
    case 'structValue': return structToJson(v.structValue) ?? {};
    case 'listValue': return (v.listValue?.values ?? []).map(valueToJson);
    default: return null;
  }
}

export function jsonToStruct(o: Record<string, unknown>): Struct {
  const fields: Record<string, Value> = {};
  for (const [k, v] of Object.entries(o)) fields[k] = jsonToValue(v);
  return { fields };
}

function jsonToValue(v: unknown): Value {
  if (v === null || v === undefined) return { nullValue: 'NULL_VALUE' };
  if (typeof v === 'number') return { numberValue: v };
  if (typeof v === 'bigint') return { numberValue: Number(v) };
  if (typeof v === 'string') return { stringValue: v };
  if (typeof v === 'boolean') return { boolValue: v };
  if (Array.isArray(v)) return { listValue: { values: v.map(jsonToValue) } };
  return { structValue: jsonToStruct(v as Record<string, unknown>) };
}

// ---- ids ------------------------------------------------------------------

/** A proto id as the engine parses ids from JSON: bigint for integers (exact), string for UUIDs. */
export function idIn(id: PointId__Output | null | undefined, where: string): unknown {
  if (id?.kind === 'num' && id.num !== undefined) return BigInt(id.num);
  if (id?.kind === 'uuid' && id.uuid !== undefined) return id.uuid;
  return fail('INVALID_POINT_ID', `${where}: point id must set num or uuid`);
}

export function idsIn(ids: PointId__Output[] | undefined, where: string): unknown[] {
  return (ids ?? []).map((id, i) => idIn(id, `${where}[${i}]`));
}

export function idOut(id: EnginePointId): PointId {
  return typeof id === 'string' ? { uuid: id } : { num: id.toString() };
}

// ---- selectors --------------------------------------------------------------

export function withPayloadIn(s: WithPayloadSelector__Output | null | undefined): unknown {
  switch (s?.kind) {
    case 'enable': return s.enable ?? false;
    case 'include': return { include: s.include?.keys ?? [] };
    case 'exclude': return { exclude: s.exclude?.keys ?? [] };
    default: return undefined;
  }
}

export function selectorIn(s: PointsSelector__Output | null | undefined): { points?: unknown[]; filter?: unknown } {
  if (s?.kind === 'points') return { points: idsIn(s.points?.ids, 'selector.points') };
  if (s?.kind === 'filter') return { filter: filterIn(s.filter, 'selector.filter') };
  return fail('BAD_REQUEST', 'selector: set points or filter');
}

// ---- filters ------------------------------------------------------------------

/** The REST filter JSON of a proto filter; the engine's filter parser checks the rest. */
export function filterIn(f: Filter__Output | null | undefined, path = 'filter'): Record<string, unknown> | undefined {
  if (!f) return undefined;
  const out: Record<string, unknown> = {};
  const list = (cs: Condition__Output[] | undefined, name: string): unknown[] | undefined =>
    cs && cs.length > 0 ? cs.map((c, i) => conditionIn(c, `${path}.${name}[${i}]`)) : undefined;
  const must = list(f.must, 'must');
  const should = list(f.should, 'should');
  const mustNot = list(f.must_not, 'must_not');
  if (must) out.must = must;
  if (should) out.should = should;
  if (mustNot) out.must_not = mustNot;
  if (f.min_should) {
    out.min_should = {
      conditions: (f.min_should.conditions ?? []).map((c, i) => conditionIn(c, `${path}.min_should.conditions[${i}]`)),
      min_count: f.min_should.min_count ?? 0,
    };
  }
  return out;
}

function conditionIn(c: Condition__Output, path: string): unknown {
  switch (c.kind) {
    case 'field': return fieldConditionIn(c.field, `${path}.field`);
    case 'is_empty': return { is_empty: { key: c.is_empty?.key ?? '' } };
    case 'is_null': return { is_null: { key: c.is_null?.key ?? '' } };
    case 'has_id': return { has_id: idsIn(c.has_id?.ids, `${path}.has_id.ids`) };
    case 'filter': return filterIn(c.filter, `${path}.filter`) ?? {};
    default: return fail('INVALID_FILTER', `${path}: condition has none of field, is_empty, is_null, has_id, filter set`);
  }
}

function fieldConditionIn(f: FieldCondition__Output | undefined, path: string): unknown {
  const key = f?.key ?? '';
  switch (f?.condition) {
    case 'match': return { key, match: matchIn(f.match, `${path}.match`) };
    case 'range': return { key, range: bounds(f.range) };
    case 'datetime_range': return { key, range: bounds(f.datetime_range) };
    case 'values_count': return { key, values_count: bounds(f.values_count) };
    default: return fail('INVALID_FILTER', `${path}: set one of match, range, datetime_range, values_count`);
  }
}

function bounds<T>(b: { gt?: T; gte?: T; lt?: T; lte?: T } | undefined): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of ['gt', 'gte', 'lt', 'lte'] as const) if (b?.[k] !== undefined && b[k] !== null) out[k] = b[k];
  return out;
}

/** Integers arrive as decimal strings (exact over 64 bits); the engine takes numbers or bigints. */
function int(s: string): number | bigint {
  const n = BigInt(s);
  return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
}

function matchIn(m: Match__Output | undefined, path: string): unknown {
  switch (m?.kind) {
    case 'keyword': return { value: m.keyword ?? '' };
    case 'integer': return { value: int(m.integer ?? '0') };
    case 'boolean': return { value: m.boolean ?? false };
    case 'any_keywords': return { any: m.any_keywords?.values ?? [] };
    case 'any_integers': return { any: (m.any_integers?.values ?? []).map(int) };
    case 'except_keywords': return { except: m.except_keywords?.values ?? [] };
    case 'except_integers': return { except: (m.except_integers?.values ?? []).map(int) };
    default: return fail('INVALID_FILTER', `${path}: set one of keyword, integer, boolean, any_keywords, any_integers, except_keywords, except_integers`);
  }
}

// ---- queries ------------------------------------------------------------------

/** The REST query body of a proto query; `targetRequired` false lets `query` be unset (layout workloads need only filters). */
export function queryIn(r: QueryPointsRequest__Output, path = 'query', targetRequired = true): QueryRequest {
  let query: unknown;
  if (r.query?.kind === 'nearest') query = r.query.nearest?.data ?? [];
  else if (r.query?.kind === 'point') query = idIn(r.query.point, `${path}.point`);
  else if (targetRequired) fail('BAD_REQUEST', `${path}: set nearest or point`);
  return {
    query,
    filter: filterIn(r.filter),
    params: r.params ? { hnsw_ef: r.params.hnsw_ef, exact: r.params.exact } : undefined,
    limit: r.limit,
    offset: r.offset,
    with_payload: withPayloadIn(r.with_payload),
    with_vector: r.with_vector,
    score_threshold: r.score_threshold,
  };
}

/** One query of a batch (`where` names it) against `collection`: it names no collection, or that one. */
export function batchQueryIn(collection: string | undefined, q: QueryPointsRequest__Output, where: string, targetRequired = true): QueryRequest {
  if (q.collection_name && q.collection_name !== collection) fail('BAD_REQUEST', `${where}.collection_name: must be empty or "${collection}"`);
  return queryIn(q, `${where}.query`, targetRequired);
}

/** The queries of a request against `collection`. */
export function queriesIn(collection: string | undefined, queries: QueryPointsRequest__Output[], targetRequired = true): QueryRequest[] {
  return queries.map((q, i) => batchQueryIn(collection, q, `queries[${i}]`, targetRequired));
}

// ---- results ------------------------------------------------------------------

export function writeOut(r: EngineWriteResult): WriteResult {
  return { operation_id: String(r.operation_id), status: r.status === 'completed' ? 'COMPLETED' : 'ACKNOWLEDGED' };
}

export function recordOut(p: PointRecord): RetrievedPoint {
  return {
    id: idOut(p.id),
    ...(p.payload ? { payload: jsonToStruct(p.payload) } : {}),
    ...(p.vector ? { vector: p.vector } : {}),
  };
}

export function scoredOut(p: EngineScoredPoint): ScoredPoint {
  return { ...recordOut(p), version: String(p.version), score: p.score };
}
