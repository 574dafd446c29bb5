// Re-renders the Markdown report and the plot of a results JSON (after a change
// to the report format), next to it: `npx tsx bench/rerender.ts bench/results/<file>.json`.

import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { RunResult } from './runner/result.js';
import { writeResults } from './runner/run-suite.js';
import { createProgress } from './runner/progress.js';

const file = process.argv[2];
if (!file) {
  console.error('usage: npx tsx bench/rerender.ts <results.json>');
  process.exit(2);
}
const result = JSON.parse(readFileSync(file, 'utf8')) as RunResult;
await writeResults(result, dirname(file), createProgress());
