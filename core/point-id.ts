// External point ids at the edges, and the sortable text key storage uses:
// "n" + 20-digit zero-padded decimal for integers, "u" + UUID for UUIDs, so
// that ordering by key orders integers numerically before UUIDs (as Qdrant does).

import { HqdbError } from './errors.js';
import type { PointId } from './types.js';

const U64_MAX = (1n << 64n) - 1n;
const UUID_RE = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const UUID_BRACED_RE = /^(urn:uuid:|\{)?([0-9a-f-]{32,36})\}?$/i;

/** Parses an id from JSON (number, bigint from the big-number parser, or UUID string). */
export function parsePointId(raw: unknown, where = 'id'): PointId {
  if (typeof raw === 'number') {
    if (Number.isSafeInteger(raw) && raw >= 0) return raw;
    if (Number.isInteger(raw) && raw > 0) {
      // Integers beyond 2^53 that reached us as doubles have already lost digits.
      throw new HqdbError('INVALID_POINT_ID', `${where}: integer id ${raw} is not exactly representable; send it as a JSON integer literal`);
    }
    throw new HqdbError('INVALID_POINT_ID', `${where}: point id must be an unsigned integer or a UUID, got ${raw}`);
  }
  if (typeof raw === 'bigint') {
    if (raw < 0n || raw > U64_MAX) {
      throw new HqdbError('INVALID_POINT_ID', `${where}: integer id ${raw} is outside the unsigned 64-bit range`);
    }
    return raw <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(raw) : raw;
  }
  if (typeof raw === 'string') {
    const m = UUID_BRACED_RE.exec(raw.trim());
    const body = m?.[2];
    if (body && UUID_RE.test(body)) {
      const hex = body.replace(/-/g, '').toLowerCase();
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    }
    throw new HqdbError('INVALID_POINT_ID', `${where}: "${truncate(raw)}" is not a valid point id (unsigned integer or UUID)`);
  }
  throw new HqdbError('INVALID_POINT_ID', `${where}: point id must be an unsigned integer or a UUID string, got ${describe(raw)}`);
}

export function pointKey(id: PointId): string {
  if (typeof id === 'string') return `u${id}`;
  return `n${id.toString().padStart(20, '0')}`;
}

export function pointIdFromKey(key: string): PointId {
  if (key.startsWith('u')) return key.slice(1);
  const digits = key.slice(1).replace(/^0+(?=\d)/, '');
  const n = Number(digits);
  return Number.isSafeInteger(n) ? n : BigInt(digits);
}

function truncate(s: string): string {
  return s.length > 64 ? `${s.slice(0, 61)}...` : s;
}

export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `${typeof v} ${truncate(String(v))}`;
}
