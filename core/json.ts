// JSON without losing integers. Point ids are unsigned 64-bit integers and
// payload integers may exceed 2^53, which JSON.parse would round: text that
// holds such integer literals is parsed losslessly (big integers become
// bigint), everything else takes the fast native path. bigint values print as
// exact integer literals. Request bodies are also bounded in nesting depth, so
// no stored payload can later overflow the stack when it is read back.

import { parse as losslessParse } from 'lossless-json';
import { HqdbError } from './errors.js';

export const MAX_JSON_DEPTH = 64;

// An integer literal of 16+ digits that is not part of a fraction or exponent.
const BIG_INT_LITERAL = /(?<![\d.eE+-])\d{16,}(?![\d.eE])/;

function parseNumber(text: string): number | bigint {
  if (/^\d{16,}$/.test(text)) {
    const n = Number(text);
    if (!Number.isSafeInteger(n)) return BigInt(text);
  }
  return Number(text);
}

/** Parses JSON, keeping integers beyond 2^53 exact as bigint. */
export function parseJsonLossless(text: string): unknown {
  return BIG_INT_LITERAL.test(text) ? losslessParse(text, null, parseNumber) : JSON.parse(text);
}

/** Parses a request body (or one line of an NDJSON body, named by `what`): empty is undefined, malformed or too deep is MALFORMED_JSON. */
export function parseJsonBody(text: string, what = 'request body'): unknown {
  if (text.trim().length === 0) return undefined;
  checkDepth(text, what);
  try {
    return parseJsonLossless(text);
  } catch (err) {
    throw new HqdbError('MALFORMED_JSON', `${what} is not valid JSON: ${(err as Error).message}`);
  }
}

function checkDepth(text: string, what: string): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) {
      inString = true;
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > MAX_JSON_DEPTH) throw new HqdbError('MALFORMED_JSON', `${what} is nested deeper than ${MAX_JSON_DEPTH} levels`);
    } else if (c === 125 || c === 93) {
      depth--;
    }
  }
}

const BIGINT_MARK = `__hqdb_bigint_${process.pid}_${Date.now()}:`;
const BIGINT_MARK_RE = new RegExp(`"${BIGINT_MARK}(\\d+)"`, 'g');

export function stringifyJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch (err) {
    if (!(err instanceof TypeError) || !/BigInt/i.test(err.message)) throw err;
  }
  const text = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${BIGINT_MARK}${v.toString()}` : v));
  return text.replace(BIGINT_MARK_RE, '$1');
}

/** JSON with object keys sorted at every level, so key order never splits one filter into two entries. */
export function canonicalJson(value: unknown): string {
  return stringifyJson(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const o = value as Record<string, unknown>;
  return Object.fromEntries(Object.keys(o).sort().map((k) => [k, sortKeys(o[k])]));
}
