// Builds and measures one system on prepared data, in whatever process calls
// it (the child-process entry or the in-process runner), and always closes it.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processPeakRss } from '../lib/rss.js';
import { PeerMissingError, peerInstalled, PEERS_INSTALL } from '../lib/peers.js';
import { SYSTEMS } from '../systems/registry.js';
import { SystemUnavailableError, type BenchSystem } from '../systems/system.js';
import { measureSystem } from './measure.js';
import type { Prepared } from './prepare.js';
import type { SystemResult } from './result.js';
import type { SuiteSpec } from './suites.js';

export interface RunSystemOptions {
  fullSweep?: boolean;
  progress(label: string, done: number, total: number): void;
  log(message: string): void;
}

export async function runSystem(name: string, suite: SuiteSpec, data: Prepared, o: RunSystemOptions): Promise<SystemResult & { system: string }> {
  const entry = SYSTEMS[name];
  if (!entry) return { system: name, description: '', status: 'failed', reason: `unknown system "${name}" (known: ${Object.keys(SYSTEMS).join(', ')})`, sweep: [], notes: [] };
  const missing = entry.peers.filter((p) => !peerInstalled(p));
  const system: BenchSystem = entry.create();
  const result: SystemResult = { system: name, description: system.description, status: 'ok', paramName: system.sweep?.name, sweep: [], notes: [] };
  if (missing.length > 0) {
    return { ...result, status: 'skipped', reason: `${missing.join(', ')} not installed (run: ${PEERS_INSTALL})` };
  }
  const workDir = mkdtempSync(join(tmpdir(), `hqdb-bench-${name}-`));
  const log = (m: string): void => {
    result.notes.push(m);
    o.log(m);
  };
  try {
    const t0 = performance.now();
    await system.build({
      dataset: data.dataset,
      table: data.table,
      workDir,
      past: data.workload.queries.slice(0, data.workload.pastCount),
      progress: o.progress,
      log,
    });
    result.buildS = (performance.now() - t0) / 1000;
    // A system may describe what it found at build (e.g. the BLAS kernel a Python peer runs).
    result.description = system.description;
    result.layout = system.layoutStats?.();
    result.diskBytes = await system.diskBytes();
    o.log(`${name}: built in ${result.buildS.toFixed(1)} s, ${(result.diskBytes / 2 ** 20).toFixed(1)} MiB on disk`);
    const { sweep, final } = await measureSystem(system, data.workload, data.truth, {
      target: suite.target,
      sweepQueries: suite.sweepQueries,
      batchSize: suite.batchSize,
      fullSweep: o.fullSweep,
      timeBudgetS: suite.timeBudgetS,
      progress: o.progress,
      log: o.log,
    });
    result.sweep = sweep;
    result.final = final;
    return result;
  } catch (err) {
    if (err instanceof SystemUnavailableError || err instanceof PeerMissingError) {
      return { ...result, status: 'skipped', reason: err.message };
    }
    return { ...result, status: 'failed', reason: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  } finally {
    const pid = system.externalPid?.();
    if (pid !== undefined) {
      const rss = processPeakRss(pid);
      if (rss !== undefined) {
        result.peakRssBytes = rss;
        result.rssMode = 'server-process';
      }
    }
    await system.close().catch((err: unknown) => o.log(`${name}: close failed: ${String(err)}`));
    rmSync(workDir, { recursive: true, force: true });
  }
}
