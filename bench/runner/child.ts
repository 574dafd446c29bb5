// Entry point of the child process that measures one system, so each system's
// peak RSS is its own and a native crash (hnswlib aborts on a throwing filter)
// fails that system, not the run. Reads a job file, reports progress over IPC,
// writes the SystemResult JSON to the job's output path.

import { readFileSync, writeFileSync } from 'node:fs';
import { selfPeakRss } from '../lib/rss.js';
import { prepare } from './prepare.js';
import { runSystem } from './run-system.js';
import type { SuiteSpec } from './suites.js';

export interface ChildJob {
  suite: SuiteSpec;
  system: string;
  fullSweep: boolean;
  out: string;
}

export type ChildMessage = { type: 'progress'; label: string; done: number; total: number } | { type: 'log'; message: string };

const send = (m: ChildMessage): void => {
  process.send?.(m);
};

const job = JSON.parse(readFileSync(process.argv[2], 'utf8')) as ChildJob;
const data = prepare(job.suite);
const base = selfPeakRss();
const result = await runSystem(job.system, job.suite, data, {
  fullSweep: job.fullSweep,
  progress: (label, done, total) => send({ type: 'progress', label, done, total }),
  log: (message) => send({ type: 'log', message }),
});
if (result.rssMode === undefined) {
  result.peakRssBytes = selfPeakRss();
  result.baseRssBytes = base;
  result.rssMode = 'child-process';
}
writeFileSync(job.out, JSON.stringify(result));
process.exit(0);
