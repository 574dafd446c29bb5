// JSON without losing integers. Point ids are unsigned 64-bit integers and
// payload integers may exceed 2^53, which JSON.parse would round: text that
// holds such integer literals is parsed losslessly (big integers become
// bigint), everything else takes the fast native path. bigint values print as
// exact integer literals. Request bodies are also bounded in nesting depth, so
// no stored payload can later overflow the stack when it is read back.

import { parse as losslessParse } from 'lossless-json';
import { HqdbError } from './errors.js';

export const MAX_JSON_DEPTH = 64;

function parseNumber(text: string): number | bigint {
  if (/^-?\d{16,}$/.test(text)) {
    const n = Number(text);
    if (!Number.isSafeInteger(n)) return BigInt(text);
  }
  return Number(text);
}

/** Parses JSON, keeping integers beyond 2^53 exact as bigint. */
export function parseJsonLossless(text: string): unknown {
  return scanBody(text, 'JSON text', Infinity) ? losslessParse(text, null, parseNumber) : JSON.parse(text);
}

/** Parses a request body (or one line of an NDJSON body, named by `what`): empty is undefined, malformed or too deep is MALFORMED_JSON. */
export function parseJsonBody(text: string, what = 'request body'): unknown {
  if (text.trim().length === 0) return undefined;
  const big = scanBody(text, what);
  try {
    return big ? losslessParse(text, null, parseNumber) : JSON.parse(text);
  } catch (err) {
    throw new HqdbError('MALFORMED_JSON', `${what} is not valid JSON: ${(err as Error).message}`);
  }
}

/**
 * One pass over a body: refuses nesting past MAX_JSON_DEPTH, and tells whether it holds an
 * integer literal of 16+ digits outside strings, not part of a fraction or an exponent.
 */
function scanBody(text: string, what: string, maxDepth = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  let big = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) {
      inString = true;
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > maxDepth) throw new HqdbError('MALFORMED_JSON', `${what} is nested deeper than ${MAX_JSON_DEPTH} levels`);
    } else if (c === 125 || c === 93) {
      depth--;
    } else if (c >= 48 && c <= 57) {
      // A run of digits: an integer literal unless it is a fraction's or an exponent's digits.
      let j = i + 1;
      while (j < n && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
      if (!big && j - i >= 16) {
        const before = i > 0 ? text.charCodeAt(i - 1) : 0;
        const after = j < n ? text.charCodeAt(j) : 0;
        // A sign belongs to an exponent only after an e (a minus elsewhere makes a negative integer).
        const beforeSign = before === 43 || before === 45 ? (i > 1 ? text.charCodeAt(i - 2) : 0) : 0;
        const exponent = before === 101 || before === 69 || beforeSign === 101 || beforeSign === 69;
        big = before !== 46 && before !== 43 && !exponent && after !== 46 && after !== 101 && after !== 69;
      }
      i = j - 1;
    }
  }
  return big;
}

const BIGINT_MARK = `__hqdb_bigint_${process.pid}_${Date.now()}:`;
const BIGINT_MARK_RE = new RegExp(`"${BIGINT_MARK}(-?\\d+)"`, 'g');

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
