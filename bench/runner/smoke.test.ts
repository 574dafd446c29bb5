// The smoke suite end to end, in process, as CI runs it (bench peers not
// required). hqdb-rest is skipped only when the server's entry point file does
// not exist; any other server problem fails the test.

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { serverEntryMissing } from '../systems/hqdb-rest.js';
import type { RunResult } from './result.js';
import { runSuite } from './run-suite.js';
import { SUITES } from './suites.js';

const out = mkdtempSync(join(tmpdir(), 'hqdb-bench-smoke-'));
process.env.HQDB_BENCH_CACHE = join(out, 'cache');
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('smoke suite', () => {
  it('runs end to end and computes recall correctly', async () => {
    const suite = { ...SUITES.smoke, systems: ['exact', 'naive', 'hqdb', 'hqdb-layout', 'hqdb-rest'] };
    const { result, files } = await runSuite({ suite, isolate: false, outDir: join(out, 'results'), quiet: true });

    const by = (name: string) => result.systems.find((s) => s.system === name)!;
    // The baseline runs first whatever the order asked for.
    expect(result.systems.map((s) => s.system)).toEqual(['naive', 'exact', 'hqdb', 'hqdb-layout', 'hqdb-rest']);
    expect(result.workload.queries).toBe(500);
    expect(result.workload.histogram.reduce((s, b) => s + b.count, 0)).toBe(500);

    const exact = by('exact');
    expect(exact.status, exact.reason).toBe('ok');
    // Exact search against exact ground truth: any recall below 1 is a harness bug.
    expect(exact.final!.recall).toBe(1);
    expect(exact.final!.unsupported).toBe(0);
    expect(exact.final!.perTemplate.every((t) => t.recall === 1)).toBe(true);

    const naive = by('naive');
    expect(naive.status, naive.reason).toBe('ok');
    expect(naive.sweep.length).toBeGreaterThan(0);
    expect(naive.final!.recall).toBeGreaterThan(0.9);
    expect(naive.final!.recall).toBeLessThanOrEqual(1);
    expect(naive.final!.qps).toBeGreaterThan(0);
    expect(naive.buildS).toBeGreaterThan(0);
    expect(naive.diskBytes).toBeGreaterThan(0);

    // hqdb in process: whatever it answers must be right, and every ratio is over the same queries.
    const hqdb = by('hqdb');
    expect(hqdb.status, hqdb.reason).toBe('ok');
    if (hqdb.final!.unsupported < hqdb.final!.queries) expect(hqdb.final!.recall).toBeGreaterThan(0.8);
    expect(hqdb.vsBaseline!.queries).toBe(hqdb.final!.queries - hqdb.final!.unsupported);
    expect(naive.vsBaseline!.ratio).toBeCloseTo(1, 10);

    // hqdb with a layout learnt from the past workload: as right as hqdb, its layout reported, compared with hqdb.
    const layout = by('hqdb-layout');
    expect(layout.status, layout.reason).toBe('ok');
    expect(layout.final!.recall).toBeGreaterThan(0.8);
    expect(layout.layout!.partitions).toBeGreaterThanOrEqual(1);
    expect(layout.layout!.seconds).toBeGreaterThan(0);
    expect(layout.buildS!).toBeGreaterThanOrEqual(layout.layout!.seconds);
    expect(layout.vsReference!.system).toBe('hqdb');
    expect(layout.vsReference!.queries).toBe(500);

    const rest = by('hqdb-rest');
    if (serverEntryMissing()) {
      expect(rest.status).toBe('skipped');
      expect(rest.reason).toMatch(/server entry point missing/);
    } else {
      expect(rest.status, rest.reason).toBe('ok');
      const f = rest.final!;
      // Whatever the server supports must come back right; what it rejects is counted, not fatal.
      expect(f.queries).toBe(500);
      if (f.unsupported < f.queries) expect(f.recall).toBeGreaterThan(0.8);
      expect(f.perTemplate.find((t) => t.template === 'no-filter')!.unsupported).toBe(0);
    }

    expect(files.some((f) => f.endsWith('.json'))).toBe(true);
    const md = files.find((f) => f.endsWith('.md'))!;
    expect(readFileSync(md, 'utf8')).toContain('| naive |');
    expect(readFileSync(md, 'utf8')).toContain('| hqdb-layout |');
    const json = JSON.parse(readFileSync(files.find((f) => f.endsWith('.json'))!, 'utf8')) as RunResult;
    expect(json.systems.length).toBe(5);
    // Per-query latencies are used for the ratios, not written out.
    expect(json.systems.every((s) => s.final?.latenciesMs === undefined)).toBe(true);
    expect(existsSync(join(out, 'cache'))).toBe(true);
  }, 110_000);
});
