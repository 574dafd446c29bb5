// Invariants the engine re-checks on every request, whichever transport it
// came through: vector shape and values, limits, names, payload shape.

import { fail } from '../core/errors.js';
import { describe } from '../core/point-id.js';
import type { Payload } from '../core/types.js';

/** Converts a JSON vector to float32, rejecting wrong dimensions and non-finite values. */
export function toVector(raw: unknown, dim: number, where: string): Float32Array {
  if (raw instanceof Float32Array) {
    if (raw.length !== dim) fail('WRONG_DIMENSION', `${where}: expected a vector of dimension ${dim}, got ${raw.length}`, { expected: dim, got: raw.length });
    for (let i = 0; i < raw.length; i++) if (!Number.isFinite(raw[i])) fail('INVALID_VECTOR', `${where}[${i}]: vector components must be finite numbers`);
    // A copy: the engine normalises and keeps vectors, the caller keeps its array.
    return Float32Array.from(raw);
  }
  if (!Array.isArray(raw)) {
    if (raw !== null && typeof raw === 'object') {
      fail('UNSUPPORTED', `${where}: named, sparse and multi-vectors are not supported; send a plain array of ${dim} numbers`);
    }
    fail('INVALID_VECTOR', `${where}: expected an array of ${dim} numbers, got ${describe(raw)}`);
  }
  if (raw.length !== dim) fail('WRONG_DIMENSION', `${where}: expected a vector of dimension ${dim}, got ${raw.length}`, { expected: dim, got: raw.length });
  const v = new Float32Array(dim);
  for (let i = 0; i < dim; i++) {
    const x = raw[i];
    if (typeof x !== 'number') fail('INVALID_VECTOR', `${where}[${i}]: expected a number, got ${describe(x)}`);
    v[i] = x;
    if (!Number.isFinite(v[i])) fail('INVALID_VECTOR', `${where}[${i}]: ${x} is not a finite float32 (NaN, Infinity and values beyond ±3.4e38 are rejected)`);
  }
  return v;
}

export function checkLimit(value: unknown, where: string, max: number, min = 1): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) fail('INVALID_LIMIT', `${where} must be an integer, got ${describe(value)}`);
  if (value < min) fail('INVALID_LIMIT', `${where} must be at least ${min}, got ${value}`);
  if (value > max) fail('INVALID_LIMIT', `${where} must be at most ${max}, got ${value}`);
  return value;
}

export function checkPayload(raw: unknown, where: string): Payload | null {
  if (raw === undefined || raw === null) return null;
  if (typeof raw !== 'object' || Array.isArray(raw)) fail('INVALID_PAYLOAD', `${where}: payload must be a JSON object, got ${describe(raw)}`);
  return raw as Payload;
}

// eslint-disable-next-line no-control-regex -- control characters are what this refuses
const FORBIDDEN_NAME_CHARS = /[/\\:*?"<>|\0-\x1f]/;

export function checkCollectionName(name: string): string {
  if (typeof name !== 'string' || name.length === 0) fail('INVALID_COLLECTION_NAME', 'collection name must not be empty');
  if (name.length > 255) fail('INVALID_COLLECTION_NAME', `collection name must be at most 255 characters, got ${name.length}`);
  if (FORBIDDEN_NAME_CHARS.test(name) || name === '.' || name === '..') {
    fail('INVALID_COLLECTION_NAME', `collection name "${name}" contains a forbidden character (/ \\ : * ? " < > | or a control character)`);
  }
  return name;
}
