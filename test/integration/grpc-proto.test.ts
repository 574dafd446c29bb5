// proto/gen/ is committed (so the build needs no generation step); this test
// regenerates it with the `proto:gen` script into a temp dir and requires the
// result to be identical, so a .proto change without `npm run proto:gen` fails.

import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { expect, it, onTestFinished } from 'vitest';
import { PROJECT_ROOT } from '../../core/paths.js';

async function tree(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out.set(relative(dir, path), await readFile(path, 'utf8'));
  }
  return out;
}

it('proto/gen is what `npm run proto:gen` generates from proto/hqdb/v1', async () => {
  const out = await mkdtemp(join(tmpdir(), 'hqdb-proto-gen-'));
  onTestFinished(() => rm(out, { recursive: true, force: true }));
  const pkg = JSON.parse(await readFile(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const args = pkg.scripts['proto:gen'].split(/\s+/);
  expect(args[0]).toBe('proto-loader-gen-types');
  const outAt = args.indexOf('-O');
  expect(outAt).toBeGreaterThan(0);
  args[outAt + 1] = out;
  execFileSync(join(PROJECT_ROOT, 'node_modules', '.bin', 'proto-loader-gen-types'), args.slice(1), { cwd: PROJECT_ROOT, stdio: 'pipe' });
  const [expected, actual] = await Promise.all([tree(out), tree(join(PROJECT_ROOT, 'proto', 'gen'))]);
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [file, text] of expected) expect(actual.get(file), file).toBe(text);
});
