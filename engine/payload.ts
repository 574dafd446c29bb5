// Payload manipulation with Qdrant's semantics: dotted key paths, merge on set,
// key deletion, and the include/exclude selectors of `with_payload`.

import { fail } from '../core/errors.js';
import type { Payload, PayloadSelector } from '../core/types.js';

function splitPath(path: string): string[] {
  return path.split('.').filter((p) => p.length > 0);
}

function getPath(obj: Payload, parts: string[]): { found: boolean; value: unknown } {
  let cur: unknown = obj;
  for (const p of parts) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur) || !(p in (cur as Payload))) return { found: false, value: undefined };
    cur = (cur as Payload)[p];
  }
  return { found: true, value: cur };
}

function setPath(obj: Payload, parts: string[], value: unknown): void {
  let cur = obj;
  for (const p of parts.slice(0, -1)) {
    const next = cur[p];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) cur[p] = {};
    cur = cur[p] as Payload;
  }
  cur[parts[parts.length - 1]] = value;
}

function deletePath(obj: Payload, parts: string[]): void {
  let cur: unknown = obj;
  for (const p of parts.slice(0, -1)) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return;
    cur = (cur as Payload)[p];
  }
  if (cur !== null && typeof cur === 'object' && !Array.isArray(cur)) delete (cur as Payload)[parts[parts.length - 1]];
}

/** set_payload: merges top-level keys, or under `key` (a dotted path) when given. */
export function mergePayload(current: Payload | null, patch: Payload, key?: string): Payload {
  const result: Payload = structuredClone(current ?? {});
  if (key === undefined) return Object.assign(result, patch);
  const parts = splitPath(key);
  if (parts.length === 0) fail('INVALID_PAYLOAD', 'key must be a non-empty dotted path');
  const existing = getPath(result, parts);
  const base = existing.found && existing.value !== null && typeof existing.value === 'object' && !Array.isArray(existing.value) ? (existing.value as Payload) : {};
  setPath(result, parts, Object.assign({}, base, patch));
  return result;
}

export function deletePayloadKeys(current: Payload | null, keys: string[]): Payload {
  const result: Payload = structuredClone(current ?? {});
  for (const k of keys) deletePath(result, splitPath(k));
  return result;
}

/** Parses the `with_payload` forms: bool, list of keys, {include}, {exclude}. */
export function parsePayloadSelector(raw: unknown, defaultValue: boolean): PayloadSelector {
  if (raw === undefined || raw === null) return defaultValue;
  if (typeof raw === 'boolean') return raw;
  if (Array.isArray(raw)) return { include: checkKeys(raw, 'with_payload') };
  if (typeof raw === 'object') {
    const o = raw as Record<string, unknown>;
    if ('include' in o && !('exclude' in o)) return { include: checkKeys(o.include, 'with_payload.include') };
    if ('exclude' in o && !('include' in o)) return { exclude: checkKeys(o.exclude, 'with_payload.exclude') };
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
  return text === null ? null : (JSON.parse(text) as Payload);
}

export function serializePayload(payload: Payload | null): string | null {
  if (payload === null) return null;
  return JSON.stringify(payload, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v));
}
