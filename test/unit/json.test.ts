import { describe, expect, it } from 'vitest';
import { HqdbError } from '../../core/errors.js';
import { MAX_JSON_DEPTH, parseJsonBody, stringifyJson } from '../../core/json.js';

describe('JSON edge', () => {
  it('keeps integers beyond 2^53 exact and leaves long fractions as numbers', () => {
    const parsed = parseJsonBody('{"id": 18446744073709551615, "v": [0.12345678901234567891, 1e-7], "s": "12345678901234567"}') as Record<string, unknown>;
    expect(parsed.id).toBe(18446744073709551615n);
    expect(parsed.v).toEqual([0.12345678901234568, 1e-7]);
    expect(parsed.s).toBe('12345678901234567');
  });

  it('prints bigint as an exact integer literal', () => {
    expect(stringifyJson({ id: 18446744073709551615n, n: 1 })).toBe('{"id":18446744073709551615,"n":1}');
  });

  it('rejects malformed and too deeply nested bodies with MALFORMED_JSON', () => {
    for (const body of ['{"a":', '[NaN]', '{"a": 1}}', '['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1)]) {
      let err: unknown;
      try {
        parseJsonBody(body);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(HqdbError);
      expect((err as HqdbError).code).toBe('MALFORMED_JSON');
    }
  });

  it('does not count brackets inside strings towards depth', () => {
    expect(parseJsonBody(JSON.stringify({ s: '['.repeat(1000) }))).toEqual({ s: '['.repeat(1000) });
  });
});
