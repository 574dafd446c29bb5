// An engine in a temp data directory, for tests that need no HTTP.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config, type DeepPartial } from '../../core/config.js';
import { createLogger } from '../../core/logger.js';
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
