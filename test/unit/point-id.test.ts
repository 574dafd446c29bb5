import { describe, expect, it } from 'vitest';
import { HqdbError } from '../../core/errors.js';
import { parsePointId, pointIdFromKey, pointKey } from '../../core/point-id.js';

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    return (err as HqdbError).code;
  }
  return 'NO_ERROR';
}

describe('point ids', () => {
  it('accepts unsigned integers, bigints within u64 and UUIDs in any common form', () => {
    expect(parsePointId(0)).toBe(0);
    expect(parsePointId(2 ** 53 - 1)).toBe(2 ** 53 - 1);
    expect(parsePointId(18446744073709551615n)).toBe(18446744073709551615n);
    expect(parsePointId(42n)).toBe(42);
    expect(parsePointId('3F2504E0-4F89-11D3-9A0C-0305E82C3301')).toBe('3f2504e0-4f89-11d3-9a0c-0305e82c3301');
    expect(parsePointId('3f2504e04f8911d39a0c0305e82c3301')).toBe('3f2504e0-4f89-11d3-9a0c-0305e82c3301');
    expect(parsePointId('{3f2504e0-4f89-11d3-9a0c-0305e82c3301}')).toBe('3f2504e0-4f89-11d3-9a0c-0305e82c3301');
  });

  it('rejects negative, fractional, oversized and non-id values with INVALID_POINT_ID', () => {
    for (const bad of [-1, 1.5, 2 ** 64, 18446744073709551616n, -1n, 'abc', '123', '', null, {}, [], true, NaN]) {
      expect(code(() => parsePointId(bad))).toBe('INVALID_POINT_ID');
    }
  });

  it('keys sort integers numerically before UUIDs and round-trip exactly', () => {
    const ids = [18446744073709551615n, 10, 9, 'ffffffff-ffff-ffff-ffff-ffffffffffff', 0, '00000000-0000-0000-0000-000000000000', 9007199254740993n];
    const keys = ids.map(pointKey).sort();
    expect(keys.map(pointIdFromKey)).toEqual([0, 9, 10, 9007199254740993n, 18446744073709551615n, '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff']);
  });
});
