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
    expect(stringifyJson({ a: [-9223372036854775808n, 1n] })).toBe('{"a":[-9223372036854775808,1]}');
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

  it('finds big integer literals wherever they stand, and nowhere else (one pass with the depth check)', () => {
    expect(parseJsonBody('18446744073709551615')).toBe(18446744073709551615n);
    expect(parseJsonBody('[1,18446744073709551615]')).toEqual([1, 18446744073709551615n]);
    expect(parseJsonBody('{"a":[0.5,9007199254740993]}')).toEqual({ a: [0.5, 9007199254740993n] });
    // Negative integers too (payload integers are signed 64-bit); an exponent's sign is not one.
    expect(parseJsonBody('{"a":-9223372036854775808,"b":[-1152921504606846977, 1e-1234567890123456789, 2E+0000000000000000001]}')).toEqual({ a: -9223372036854775808n, b: [-1152921504606846977n, 0, 20] });
    // Digits of a fraction or an exponent, or inside a string, are not integer literals.
    expect(parseJsonBody('[1.00000000000000000001, 2e0000000000000000001, 1234567890123456789.5]')).toEqual([1, 20, Number('1234567890123456789.5')]);
    expect(parseJsonBody('{"s":"18446744073709551615","t":"\\\\"}')).toEqual({ s: '18446744073709551615', t: '\\' });
    // A 16-digit integer that is safe stays a number.
    expect(parseJsonBody('[1234567890123456]')).toEqual([1234567890123456]);
  });
});
