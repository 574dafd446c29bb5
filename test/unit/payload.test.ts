import { describe, expect, it } from 'vitest';
import { parseJsonLossless } from '../../core/json.js';
import { deletePayloadKeys, mergePayload, parseStoredPayload, selectPayload, serializePayload } from '../../engine/payload.js';

describe('payload operations', () => {
  it('merge, merge under a nested key, delete dotted keys, include and exclude', () => {
    const p = { a: 1, n: { x: 1, y: 2 } };
    expect(mergePayload(p, { b: 2 })).toEqual({ a: 1, b: 2, n: { x: 1, y: 2 } });
    expect(mergePayload(p, { z: 3 }, 'n')).toEqual({ a: 1, n: { x: 1, y: 2, z: 3 } });
    expect(mergePayload(p, { z: 3 }, 'm.k')).toEqual({ a: 1, n: { x: 1, y: 2 }, m: { k: { z: 3 } } });
    expect(deletePayloadKeys(p, ['n.x', 'missing.key'])).toEqual({ a: 1, n: { y: 2 } });
    expect(selectPayload(p, { include: ['n.y'] })).toEqual({ n: { y: 2 } });
    expect(selectPayload(p, { exclude: ['a'] })).toEqual({ n: { x: 1, y: 2 } });
    expect(p).toEqual({ a: 1, n: { x: 1, y: 2 } });
  });

  it('treats __proto__ and constructor as ordinary keys and never touches Object.prototype', () => {
    const p = parseJsonLossless('{"a": 1, "__proto__": {"y": 2}}') as Record<string, unknown>;
    const merged = mergePayload(p, { x: 1 }, '__proto__.polluted');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.parse(serializePayload(merged)!)).toEqual(JSON.parse('{"a": 1, "__proto__": {"y": 2, "polluted": {"x": 1}}}'));
    deletePayloadKeys(p, ['__proto__.hasOwnProperty', 'constructor.prototype.toString']);
    expect(typeof Object.prototype.hasOwnProperty).toBe('function');
    expect(selectPayload({ a: 1 }, { exclude: ['__proto__.hasOwnProperty'] })).toEqual({ a: 1 });
    expect(selectPayload({ a: 1 }, { include: ['constructor'] })).toEqual({});
  });

  it('keeps payload integers beyond 2^53 exact through storage', () => {
    const stored = serializePayload(parseJsonLossless('{"big": 18446744073709551615, "f": 0.5}') as Record<string, unknown>);
    expect(stored).toBe('{"big":18446744073709551615,"f":0.5}');
    expect(parseStoredPayload(stored)).toEqual({ big: 18446744073709551615n, f: 0.5 });
  });
});
