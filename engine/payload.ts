// Payload manipulation with Qdrant's semantics: dotted key paths, merge on set,
// key deletion, and the include/exclude selectors of `with_payload`.
//
// Payloads are user JSON, so every key is data: only own properties are read,
// and keys are defined (never assigned), so "__proto__" or "constructor" are
// ordinary keys and can never reach Object.prototype.

import { fail } from '../core/errors.js';
import { parseJsonLossless, stringifyJson } from '../core/json.js';
import type { Payload, PayloadSelector } from '../core/types.js';

function splitPath(path: string): string[] {
  return path.split('.').filter((p) => p.length > 0);
}

function isObject(v: unknown): v is Payload {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function defineKey(obj: Payload, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
}

function getPath(obj: Payload, parts: string[]): { found: boolean; value: unknown } {
  let cur: unknown = obj;
  for (const p of parts) {
    if (!isObject(cur) || !Object.hasOwn(cur, p)) return { found: false, value: undefined };
    cur = cur[p];
  }
  return { found: true, value: cur };
}

function setPath(obj: Payload, parts: string[], value: unknown): void {
  let cur = obj;
  for (const p of parts.slice(0, -1)) {
    if (!Object.hasOwn(cur, p) || !isObject(cur[p])) defineKey(cur, p, {});
    cur = cur[p] as Payload;
  }
  defineKey(cur, parts[parts.length - 1], value);
}

function deletePath(obj: Payload, parts: string[]): void {
  let cur: unknown = obj;
  for (const p of parts.slice(0, -1)) {
    if (!isObject(cur) || !Object.hasOwn(cur, p)) return;
    cur = cur[p];
  }
  const last = parts[parts.length - 1];
  if (isObject(cur) && Object.hasOwn(cur, last)) delete cur[last];
}

/** A deep copy that keeps every own key (JSON round trip; payloads are JSON). */
function copy(payload: Payload | null): Payload {
  return payload === null ? {} : (parseJsonLossless(stringifyJson(payload)) as Payload);
}

function assignOwn(target: Payload, source: Payload): Payload {
  for (const k of Object.keys(source)) defineKey(target, k, source[k]);
  return target;
}

/** set_payload: merges top-level keys, or under `key` (a dotted path) when given. */
export function mergePayload(current: Payload | null, patch: Payload, key?: string): Payload {
  const result = copy(current);
  if (key === undefined) return assignOwn(result, patch);
  const parts = splitPath(key);
  if (parts.length === 0) fail('INVALID_PAYLOAD', 'key must be a non-empty dotted path');
  const existing = getPath(result, parts);
  const base = existing.found && isObject(existing.value) ? existing.value : {};
  setPath(result, parts, assignOwn(assignOwn({}, base), patch));
  return result;
}

export function deletePayloadKeys(current: Payload | null, keys: string[]): Payload {
  const result = copy(current);
  for (const k of keys) deletePath(result, splitPath(k));
  return result;
}

/** Parses the `with_payload` forms: bool, list of keys, {include}, {exclude}. */
export function parsePayloadSelector(raw: unknown, defaultValue: boolean): PayloadSelector {
  if (raw === undefined || raw === null) return defaultValue;
  if (typeof raw === 'boolean') return raw;
  if (Array.isArray(raw)) return { include: checkKeys(raw, 'with_payload') };
  if (isObject(raw)) {
    if (Object.hasOwn(raw, 'include') && !Object.hasOwn(raw, 'exclude')) return { include: checkKeys(raw.include, 'with_payload.include') };
    if (Object.hasOwn(raw, 'exclude') && !Object.hasOwn(raw, 'include')) return { exclude: checkKeys(raw.exclude, 'with_payload.exclude') };
  }
  return fail('BAD_REQUEST', 'with_payload must be a boolean, a list of keys, {"include": [...]} or {"exclude": [...]}');
}

function checkKeys(raw: unknown, where: string): string[] {
  if (!Array.isArray(raw) || raw.some((k) => typeof k !== 'string')) fail('BAD_REQUEST', `${where} must be a list of key strings`);
  return raw as string[];
}

export function selectPayload(payload: Payload | null, selector: PayloadSelector): Payload | null | undefined {
  if (selector === false) return undefined;
  if (selector === true) return payload ?? {};
  const source = payload ?? {};
  if ('include' in selector) {
    const out: Payload = {};
    for (const key of selector.include) {
      const parts = splitPath(key);
      const got = getPath(source, parts);
      if (got.found) setPath(out, parts, got.value);
    }
    return out;
  }
  return deletePayloadKeys(source, selector.exclude);
}

export function parseStoredPayload(text: string | null): Payload | null {
  return text === null ? null : (parseJsonLossless(text) as Payload);
}

/** Stored payload text: exact for integers beyond 2^53 (bigint from the lossless parser). */
export function serializePayload(payload: Payload | null): string | null {
  return payload === null ? null : stringifyJson(payload);
}
