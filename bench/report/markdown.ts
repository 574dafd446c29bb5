// The Markdown report of a run: the summary table (throughput at the recall
// target, as a ratio to the baseline measured in the same run), per-template
// breakdown, what each system is, selectivity histogram, sweeps, and what was
// skipped and why.

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

function buildCell(s: SystemResult): string {
  return s.layout ? `${fmt(s.buildS)} (layout ${fmt(s.layout.seconds)})` : fmt(s.buildS);
}

/** One line about a learnt layout: partitions, build time, memory it added. */
export function layoutNote(l: NonNullable<SystemResult['layout']>): string {
  const parts = `${l.partitions} partition${l.partitions === 1 ? '' : 's'}${l.flatPartitions ? ` (${l.flatPartitions} flat)` : ''}${l.globalIndex ? ' + whole-collection index' : ''}`;
  const rss = `${signedMib(l.rssAfterBytes - l.rssBeforeBytes)} MiB RSS`;
  const peak = `peak ${signedMib(l.peakRssAfterBytes - l.peakRssBeforeBytes)} MiB`;
  return `layout: ${parts}, built in ${fmt(l.seconds)} s, ${rss} (${peak})`;
}

function signedMib(bytes: number): string {
  return `${bytes >= 0 ? '+' : '-'}${mib(Math.abs(bytes))}`;
}

function notesCell(s: SystemResult, workloadSize: number): string {
  const f = s.final;
  if (!f) return '';
  const notes: string[] = [];
  if (s.layout) notes.push(layoutNote(s.layout));
  if (f.queries < workloadSize) notes.push(`time budget: measured on the first ${f.queries} of ${workloadSize} queries`);
  if (f.unsupported > 0) notes.push(`${f.unsupported}/${f.queries} queries unsupported; figures cover the rest`);
  return notes.join('; ');
}

/** The summary table alone (also embedded in bench/README.md). */
export function summaryTable(r: RunResult): string {
  // Variants (hqdb-layout) also get their ratio to the system they vary (hqdb), in a column of its own.
  const refs = [...new Set(r.systems.flatMap((s) => (s.vsReference ? [s.vsReference.system] : [])))];
  const refHead = refs.map((x) => ` vs ${x} |`).join('');
  const lines = [
    `| system | setting | recall@${r.workload.k} | QPS | vs ${r.baseline} |${refHead} batch QPS | p50 ms | p99 ms | build s | disk MiB | peak RSS MiB | notes |`,
    `|---|---|---|---|---|${refs.map(() => '---|').join('')}---|---|---|---|---|---|---|`,
  ];
  for (const s of r.systems) {
    if (s.status !== 'ok' || !s.final) {
      lines.push(`| ${s.system} | ${s.status} | | | |${refs.map(() => ' |').join('')} | | | | | | ${(s.reason ?? '').split('\n')[0]} |`);
      continue;
    }
    const refCells = refs.map((x) => ` ${s.vsReference?.system === x ? formatRatio(s.vsReference.ratio) : s.system === x ? '1.00x' : '–'} |`).join('');
    const f = s.final;
    // Batch throughput is compared with the baseline's single-query throughput on the same queries.
    // Its own setting when the batch sweep chose another (results from before it carry none).
    const b = f.batch;
    const batchSetting = b && b.param !== undefined && (b.param !== f.param || b.reachedTarget === false) && s.paramName
      ? ` at ${s.paramName}=${b.param}${b.reachedTarget === false ? ', target not reached' : ''}`
      : '';
    const batch = b ? `${fmtQps(b.qps)} (${formatRatio(s.vsBaseline?.batchRatio)})${batchSetting}` : '–';
    lines.push(
      `| ${s.system} | ${setting(s)} | ${fmt(f.recall, 3)} | ${fmtQps(f.qps)} | ${formatRatio(s.vsBaseline?.ratio)} |${refCells} ${batch} | ${fmt(f.p50Ms, 2)} | ${fmt(f.p99Ms, 2)} | ${buildCell(s)} | ${mib(s.diskBytes)} | ${rssCell(s)} | ${notesCell(s, r.workload.queries)} |`,
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

/** Per template, each variant against the system it varies (hqdb-layout against hqdb), on the same queries. */
export function referenceTables(r: RunResult): string {
  const out: string[] = [];
  for (const s of r.systems) {
    const ref = s.vsReference;
    const other = ref && r.systems.find((x) => x.system === ref.system);
    if (!ref || !s.final || !other?.final) continue;
    out.push(
      `**${s.system} against ${ref.system}**: ${formatRatio(ref.ratio)} over the same ${ref.queries} queries (${s.system} at ${setting(s)}, ${ref.system} at ${setting(other)}).`,
      '',
      `| template | share | median selectivity | ${ref.system} QPS / recall | ${s.system} QPS / recall | ${s.system} vs ${ref.system} | ${s.system} vs ${r.baseline} |`,
      '|---|---|---|---|---|---|---|',
    );
    for (const t of r.workload.templates) {
      const a = other.final.perTemplate.find((p) => p.template === t.template);
      const b = s.final.perTemplate.find((p) => p.template === t.template);
      const cell = (x: typeof a): string => (x && x.queries > x.unsupported ? `${fmtQps(x.qps)} / ${fmt(x.recall, 3)}` : '–');
      out.push(`| ${t.template} | ${pct(t.share)} | ${pct(t.medianSelectivity)} | ${cell(a)} | ${cell(b)} | ${formatRatio(ref.perTemplate[t.template])} | ${formatRatio(s.vsBaseline?.perTemplate[t.template])} |`);
    }
    if (s.layout) {
      const l = s.layout;
      out.push(
        '',
        `Layout learnt from the first ${l.pastQueries} queries (${l.distinctFilters ?? '?'} distinct filters): ${l.partitions} partitions${l.flatPartitions ? `, ${l.flatPartitions} of them flat` : ''}, sizes ${l.smallestPartition}–${l.largestPartition}${l.globalIndex ? ', whole-collection index kept' : ''}; ` +
          `built in ${fmt(l.seconds)} s until every partition was indexed (engine build ${fmt(l.engineSeconds)} s) of the ${fmt(s.buildS)} s build; ` +
          `RSS ${mib(l.rssBeforeBytes)} -> ${mib(l.rssAfterBytes)} MiB across the build, peak RSS ${mib(l.peakRssBeforeBytes)} -> ${mib(l.peakRssAfterBytes)} MiB.`,
      );
    }
    out.push('');
  }
  return out.join('\n');
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
    '## Systems',
    '',
    ...r.systems.map((s) => `- \`${s.system}\`: ${s.description || '–'}`),
    '',
    '## Per template',
    '',
    templateTable(r),
    '',
    ...(r.systems.some((s) => s.vsReference) ? ['## Against the system each variant varies', '', referenceTables(r), ''] : []),
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
