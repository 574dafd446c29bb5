// What a batch costs per template: each template's queries of a suite run
// alone through the executor in batches of 4,096 (best of two rounds), with
// wall-clock µs per query on the machine's cores and CPU µs per query of the
// whole process (less noisy on a shared machine), and how they were answered.
// Compares layouts template by template, which whole-workload runs blur:
//
//   npx tsx bench/core/per-template.ts hybrid-100k [--ef 80] [--layout '{"graphs":false}' | --no-layout]
//       [--only type,genre] [--rounds 2]
//   With `node --cpu-prof --import tsx`, `--only T --rounds 20` makes the profiles mostly template T's.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { emptyBatchStats } from '../../engine/collection-index.js';
import type { QueryRequest } from '../../engine/requests.js';
import { prepare } from '../runner/prepare.js';
import { SUITES } from '../runner/suites.js';
import { HqdbLayoutSystem, HqdbSystem } from '../systems/hqdb.js';
import type { BuildContext } from '../systems/system.js';

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    ef: { type: 'string', default: '80' },
    layout: { type: 'string', default: '{"graphs":false}' },
    'no-layout': { type: 'boolean', default: false },
    only: { type: 'string' },
    rounds: { type: 'string', default: '2' },
  },
});
const suite = SUITES[positionals[0] ?? 'hybrid-100k'];
if (!suite) throw new Error(`unknown suite ${positionals[0]}; one of ${Object.keys(SUITES).join(', ')}`);
const data = prepare(suite);
const { workload } = data;
const ef = Number(opts.ef);
const request = (qi: number): QueryRequest => ({ query: workload.queries[qi].vector, filter: workload.queries[qi].filter, limit: workload.k, params: { hnsw_ef: ef } });
const dir = mkdtempSync(join(tmpdir(), 'hqdb-per-template-'));
const system = opts['no-layout'] ? new HqdbSystem() : new HqdbLayoutSystem(JSON.parse(opts.layout) as Record<string, unknown>);
try {
  const ctx: BuildContext = { dataset: data.dataset, table: data.table, workDir: dir, past: workload.queries.slice(0, workload.pastCount), progress: () => {}, log: (m) => console.log(m) };
  await system.build(ctx);
  const c = system.benchCollection;
  const byTemplate = new Map<string, number[]>();
  workload.queries.forEach((q, i) => byTemplate.set(q.template, [...(byTemplate.get(q.template) ?? []), i]));
  // Warm-up: the batch path's code and the executor's arenas.
  await c.executeBatch(workload.queries.slice(0, 2000).map((_, i) => request(i)));
  const rows: { template: string; n: number; ms: number; cpuMs: number; how: string }[] = [];
  const only = opts.only?.split(',');
  for (const [template, list] of byTemplate) {
    if (only && !only.includes(template)) continue;
    let best: (typeof rows)[number] | undefined;
    for (let round = 0; round < Number(opts.rounds); round++) {
      const stats = emptyBatchStats();
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      for (let i = 0; i < list.length; i += 4096) await c.executeBatch(list.slice(i, i + 4096).map(request), { stats });
      const ms = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      if (!best || ms < best.ms) best = { template, n: list.length, ms, cpuMs: (cpu.user + cpu.system) / 1000, how: `${JSON.stringify(stats.answeredBy)}, visits ${stats.visits}, blocked scans ${stats.blocks} for ${stats.blockedQueries} queries` };
    }
    rows.push(best!);
  }
  const total = rows.reduce((s, r) => s + r.ms, 0);
  const totalCpu = rows.reduce((s, r) => s + r.cpuMs, 0);
  console.log(`${'template'.padEnd(24)} queries  µs/query  CPU µs/query  share  answered by`);
  for (const r of rows.sort((a, b) => b.ms - a.ms)) {
    console.log(`${r.template.padEnd(24)} ${String(r.n).padStart(7)}  ${((r.ms * 1000) / r.n).toFixed(0).padStart(8)}  ${((r.cpuMs * 1000) / r.n).toFixed(0).padStart(12)}  ${((100 * r.ms) / total).toFixed(0).padStart(4)}%  ${r.how}`);
  }
  const n = rows.reduce((s, r) => s + r.n, 0);
  console.log(`${only ? 'these' : 'all'} templates: ${((n / total) * 1000).toFixed(0)} q/s, ${((totalCpu * 1000) / n).toFixed(0)} µs of CPU per query (hnsw_ef ${ef})`);
} finally {
  await system.close();
  rmSync(dir, { recursive: true, force: true });
}
