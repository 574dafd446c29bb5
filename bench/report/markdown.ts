// The Markdown report of a run: the summary table (throughput at the recall
// target, as a ratio to the baseline measured in the same run), per-template
// breakdown, selectivity histogram, sweeps, and what was skipped and why.

import { formatHistogram } from '../workloads/workload.js';
import type { RunResult, SystemResult } from '../runner/result.js';
import { formatRatio } from './compare.js';
import { fmt, fmtQps, mib, pct } from './format.js';

function setting(s: SystemResult): string {
  if (!s.final) return '–';
  const p = s.paramName ? `${s.paramName}=${s.final.param}` : 'exact';
  return s.final.reachedTarget ? p : `${p} (best; target not reached)`;
}

function rssCell(s: SystemResult): string {
  if (s.peakRssBytes === undefined) return '–';
  if (s.rssMode === 'server-process') return `${mib(s.peakRssBytes)} (server)`;
  if (s.rssMode === 'child-process' && s.baseRssBytes !== undefined) return `${mib(s.peakRssBytes)} (+${mib(s.peakRssBytes - s.baseRssBytes)})`;
  return mib(s.peakRssBytes);
}

function notesCell(s: SystemResult, workloadSize: number): string {
  const f = s.final;
  if (!f) return '';
  const notes: string[] = [];
  if (f.queries < workloadSize) notes.push(`time budget: measured on the first ${f.queries} of ${workloadSize} queries`);
  if (f.unsupported > 0) notes.push(`${f.unsupported}/${f.queries} queries unsupported; figures cover the rest`);
  return notes.join('; ');
}

/** The summary table alone (also embedded in bench/README.md). */
export function summaryTable(r: RunResult): string {
  const lines = [
    `| system | setting | recall@${r.workload.k} | QPS | vs ${r.baseline} | batch QPS | p50 ms | p99 ms | build s | disk MiB | peak RSS MiB | notes |`,
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const s of r.systems) {
    if (s.status !== 'ok' || !s.final) {
      lines.push(`| ${s.system} | ${s.status} | | | | | | | | | | ${(s.reason ?? '').split('\n')[0]} |`);
      continue;
    }
    const f = s.final;
    // Batch throughput is compared with the baseline's single-query throughput on the same queries.
    const batch = f.batch ? `${fmtQps(f.batch.qps)} (${formatRatio(s.vsBaseline?.batchRatio)})` : '–';
    lines.push(
      `| ${s.system} | ${setting(s)} | ${fmt(f.recall, 3)} | ${fmtQps(f.qps)} | ${formatRatio(s.vsBaseline?.ratio)} | ${batch} | ${fmt(f.p50Ms, 2)} | ${fmt(f.p99Ms, 2)} | ${fmt(s.buildS)} | ${mib(s.diskBytes)} | ${rssCell(s)} | ${notesCell(s, r.workload.queries)} |`,
    );
  }
  return lines.join('\n');
}

export function templateTable(r: RunResult): string {
  const ok = r.systems.filter((s) => s.status === 'ok' && s.final);
  const lines = [
    `| template | share | median selectivity | ${ok.map((s) => `${s.system} QPS (vs ${r.baseline}) / recall`).join(' | ')} |`,
    `|---|---|---|${ok.map(() => '---').join('|')}|`,
  ];
  for (const t of r.workload.templates) {
    const cells = ok.map((s) => {
      const x = s.final!.perTemplate.find((p) => p.template === t.template);
      if (!x) return '–';
      if (x.unsupported === x.queries) return 'unsupported';
      const partial = x.unsupported > 0 ? ` (${x.unsupported} unsupported)` : '';
      return `${fmtQps(x.qps)} (${formatRatio(s.vsBaseline?.perTemplate[t.template])}) / ${fmt(x.recall, 3)}${partial}`;
    });
    lines.push(`| ${t.template} | ${pct(t.share)} | ${pct(t.medianSelectivity)} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

function sweeps(r: RunResult): string {
  const out: string[] = [];
  for (const s of r.systems.filter((x) => x.sweep.length > 0)) {
    out.push(`**${s.system}** (${s.paramName ?? 'no parameter'}, ${s.sweep[0].queries} queries per step)`, '');
    out.push(`| ${s.paramName ?? 'param'} | recall@${r.workload.k} | QPS | unsupported |`, '|---|---|---|---|');
    for (const p of s.sweep) out.push(`| ${s.paramName ? p.param : '–'} | ${fmt(p.recall, 4)} | ${fmtQps(p.qps)} | ${p.unsupported} |`);
    out.push('');
  }
  return out.join('\n');
}

export function markdownReport(r: RunResult, plotFile?: string): string {
  const m = r.machine;
  const notes = r.systems.flatMap((s) =>
    s.notes.filter((n) => /not created|fell back|unsupported|time budget/i.test(n)).map((n) => `- ${n.startsWith(`${s.system}:`) ? n : `${s.system}: ${n}`}`),
  );
  return [
    `# ${r.suite}: ${r.description}`,
    '',
    `Run ${r.startedAt} – ${r.finishedAt} at commit \`${r.commit}\` on ${m.cpu} (${m.cores} cores, ${m.memoryGiB} GiB, ${m.platform}, Node ${m.node}).`,
    '',
    `Dataset \`${r.dataset.name}\` (${r.dataset.n} x ${r.dataset.dim}); workload \`${r.workload.name}\`: ${r.workload.queries} queries, k = ${r.workload.k}, first ${r.workload.pastCount} are the past workload. ` +
      `Throughput is single-query, sequential, measured on the whole workload (or the prefix a time budget allowed) at the cheapest setting that reached recall@${r.workload.k} >= ${r.workload.target} overall and on every template, on a ${r.workload.sweepQueries}-query sweep subset. ` +
      `Ratios are to \`${r.baseline}\` in this same run, over the same queries (those both measured and the system answered). ` +
      'Peak RSS: each system runs in its own child process (figure in brackets: above the harness with the data loaded); for a server, the server process.',
    '',
    '## Summary',
    '',
    summaryTable(r),
    '',
    ...(plotFile ? [`![QPS vs recall](${plotFile})`, ''] : []),
    '## Per template',
    '',
    templateTable(r),
    '',
    '## Selectivity histogram',
    '',
    '```',
    formatHistogram(r.workload.histogram),
    '```',
    '',
    '## Parameter sweeps',
    '',
    sweeps(r),
    ...(notes.length ? ['## Notes', '', ...notes, ''] : []),
    `Preparation: dataset ${fmt(r.prepare.datasetS)} s, workload ${fmt(r.prepare.workloadS)} s, ground truth ${fmt(r.prepare.truthS)} s${r.prepare.truthCached ? ' (cached)' : ''}.`,
    '',
  ].join('\n');
}
