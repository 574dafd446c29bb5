// An engine in a temp data directory, for tests that need no HTTP.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config, type DeepPartial } from '../../core/config.js';
import { createLogger } from '../../core/logger.js';
import { afterEach } from 'vitest';
import { Engine } from '../../engine/engine.js';

export async function tempEngine(overrides: DeepPartial<Config> = {}): Promise<{ engine: Engine; dir: string; dispose(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'hqdb-engine-'));
  const config = loadConfig({}, { ...overrides, storage: { path: dir, snapshot_interval_s: 0, ...overrides.storage } });
  const engine = await Engine.open(config, createLogger('silent'));
  return {
    engine,
    dir,
    async dispose() {
      await engine.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type TempEngine = Awaited<ReturnType<typeof tempEngine>>;

/**
 * One temp engine per test, disposed after each: call at the top level of a test file;
 * `open` starts the test's engine, `env` is it.
 */
export function tempEnginePerTest(): { open(overrides?: DeepPartial<Config>): Promise<TempEngine>; readonly env: TempEngine } {
  let current: TempEngine | undefined;
  afterEach(async () => {
    await current?.dispose();
    current = undefined;
  });
  return {
    async open(overrides = {}) {
      current = await tempEngine(overrides);
      return current;
    },
    get env() {
      if (!current) throw new Error('no engine open in this test');
      return current;
    },
  };
}
