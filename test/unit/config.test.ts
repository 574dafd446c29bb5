import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, loadConfig } from '../../core/config.js';
import { HqdbError } from '../../core/errors.js';

describe('config', () => {
  it('has the documented defaults', () => {
    expect(loadConfig({})).toEqual(DEFAULT_CONFIG);
    expect(DEFAULT_CONFIG.service).toMatchObject({ host: '0.0.0.0', http_port: 6333, grpc_port: 6334 });
    expect(DEFAULT_CONFIG.storage.path).toBe('./data');
  });

  it('reads HQDB__SECTION__KEY variables with their types', () => {
    const c = loadConfig({ HQDB__SERVICE__HTTP_PORT: '7000', HQDB__STORAGE__PATH: '/tmp/x', HQDB__LOG__LEVEL: 'warn', OTHER: '1' });
    expect(c.service.http_port).toBe(7000);
    expect(c.storage.path).toBe('/tmp/x');
    expect(c.log.level).toBe('warn');
  });

  it('rejects unknown keys and bad values with INVALID_CONFIG', () => {
    for (const env of [{ HQDB__SERVICE__HTTP_PROT: '1' }, { HQDB__SERVICE__HTTP_PORT: 'abc' }, { HQDB__LOG__LEVEL: 'loud' }, { HQDB__NOPE__X: '1' }]) {
      let err: unknown;
      try {
        loadConfig(env);
      } catch (e) {
        err = e;
      }
      expect((err as HqdbError).code).toBe('INVALID_CONFIG');
    }
  });
});
