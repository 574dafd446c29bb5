// `hqdb workload submit|status|results|cancel`: a client of a running
// server's REST workload API (README.md, "Workload jobs"). `submit` streams an
// NDJSON file as the request body, follows the job with a progress bar
// (throughput and ETA) on stderr, and writes the results; the job id goes to
// stdout so scripts can capture it. Every failure — the server unreachable, an
// error answer, a job that fails — is one line on stderr and exit code 1.

import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { setTimeout as delay } from 'node:timers/promises';
import { SingleBar } from 'cli-progress';
import { Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_CONFIG } from '../core/config.js';
import type { WorkloadView } from '../engine/workloads.js';

const NDJSON = 'application/x-ndjson';
const DEFAULT_URL = `http://localhost:${DEFAULT_CONFIG.service.http_port}`;
/** How often `submit` asks for the job's progress. */
const POLL_MS = 500;
/** How often the progress is written as a plain line when stderr is not a terminal. */
const PLAIN_PROGRESS_MS = 5_000;

interface Target {
  url: string;
  apiKey?: string;
}

interface CommonOptions {
  collection: string;
  url: string;
  apiKey?: string;
}

interface SubmitOptions extends CommonOptions {
  file: string;
  optimise?: boolean;
  limit?: number;
  withPayload?: boolean;
  out?: string;
}

function positive(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

/** --collection, --url and --api-key, on every subcommand so they may come after it. */
function withTarget(command: Command): Command {
  return command
    .requiredOption('--collection <name>', 'the collection')
    .addOption(new Option('--url <url>', 'REST address of the server').env('HQDB_URL').default(DEFAULT_URL))
    .addOption(new Option('--api-key <key>', 'sent as the api-key header').env('HQDB_API_KEY'));
}

// ---- REST ---------------------------------------------------------------------------

function jobPath(o: CommonOptions, id?: string): string {
  const base = `/collections/${encodeURIComponent(o.collection)}/workloads`;
  return id === undefined ? base : `${base}/${encodeURIComponent(id)}`;
}

/** The request's answer when it is a success; otherwise an error naming the server's code and message. */
async function request(t: Target, method: string, path: string, init: { body?: AsyncIterable<Uint8Array>; headers?: Record<string, string> } = {}): Promise<Response> {
  const headers: Record<string, string> = { ...init.headers };
  if (t.apiKey) headers['api-key'] = t.apiKey;
  let res: Response;
  try {
    res = await fetch(`${t.url.replace(/\/+$/, '')}${path}`, { method, headers, body: init.body, ...(init.body ? { duplex: 'half' as const } : {}) });
  } catch (err) {
    const cause = (err as { cause?: { message?: string } }).cause?.message ?? (err as Error).message;
    // A server that refuses a body part-way (a line too long, say) closes the connection without being read.
    if (init.body) throw new Error(`the upload to ${t.url} (${method} ${path}) was cut off: ${cause}`);
    throw new Error(`cannot reach hqdb at ${t.url} (${method} ${path}): ${cause}`);
  }
  if (res.ok) return res;
  const text = await res.text();
  let reason = text.trim() || res.statusText;
  try {
    const { status } = JSON.parse(text) as { status?: { code?: string; error?: string } };
    if (status?.code) reason = `${status.code}: ${status.error ?? ''}`;
  } catch {
    // not hqdb's error envelope (a proxy's page, say): show it as it is
  }
  throw new Error(`${method} ${path} failed with HTTP ${res.status}: ${reason}`);
}

async function result<T>(res: Response): Promise<T> {
  return ((await res.json()) as { result: T }).result;
}

/**
 * Streams the job's result lines (NDJSON, input order) into a file, or to
 * stdout; with `follow`, until the job ends. The file is created only once
 * the server has answered, so a refused request leaves none behind.
 */
async function download(t: Target, o: CommonOptions, id: string, file: string | undefined, follow = false): Promise<void> {
  const res = await request(t, 'GET', `${jobPath(o, id)}/results${follow ? '?wait=true' : ''}`, { headers: { accept: NDJSON } });
  if (!res.body) return;
  const source = Readable.fromWeb(res.body as WebReadableStream<Uint8Array>);
  try {
    if (file !== undefined) await pipeline(source, createWriteStream(file));
    else await pipeline(source, process.stdout, { end: false });
  } catch (err) {
    // The reader went away (`| head`): what it took is all it wanted.
    if ((err as NodeJS.ErrnoException).code === 'EPIPE') return;
    throw new Error(`the results of workload ${id} were cut off: ${(err as Error).message}`);
  }
}

// ---- progress -----------------------------------------------------------------------

function duration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '--';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m${String(s % 60).padStart(2, '0')}s` : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/** A bar on a terminal; elsewhere (a log, a pipe) one plain line every PLAIN_PROGRESS_MS. */
function progressBar(bar: string, plain: string): SingleBar {
  const tty = process.stderr.isTTY === true;
  return new SingleBar({
    stream: process.stderr,
    format: tty ? bar : plain,
    noTTYOutput: true,
    notTTYSchedule: PLAIN_PROGRESS_MS,
    // Off a terminal each line already ends with a newline: no blank line at the end.
    clearOnComplete: !tty,
    barsize: 30,
    hideCursor: null,
  });
}

function active(v: WorkloadView): boolean {
  return v.status === 'queued' || v.status === 'running';
}

/** What the job is doing, for the progress line. */
function phase(v: WorkloadView): string {
  if (v.status === 'running' && v.progress.done === 0 && v.stats.layout?.status === 'building') return 'learning a layout';
  return v.status;
}

function progressTokens(v: WorkloadView): Record<string, string> {
  const left = v.progress.total - v.progress.done;
  const eta = v.queries_per_second > 0 ? left / v.queries_per_second : undefined;
  return { phase: phase(v), qps: v.queries_per_second.toFixed(0), remaining: duration(eta), failed: String(v.failed_lines) };
}

// ---- commands -------------------------------------------------------------------------

function target(o: CommonOptions): Target {
  return { url: o.url, apiKey: o.apiKey };
}

/** Counts the bytes of `source` as they are read (and so as fast as the upload takes them). */
async function* counted(source: AsyncIterable<Buffer>, onBytes: (n: number) => void): AsyncGenerator<Uint8Array> {
  for await (const chunk of source) {
    onBytes(chunk.length);
    yield chunk;
  }
}

async function upload(t: Target, o: SubmitOptions): Promise<string> {
  let size: number;
  try {
    size = (await stat(o.file)).size;
  } catch (err) {
    throw new Error(`cannot read ${o.file}: ${(err as Error).message}`);
  }
  // Checked first, so an unknown collection or an unreachable server is said plainly before any upload.
  await request(t, 'GET', `/collections/${encodeURIComponent(o.collection)}`);
  const query = new URLSearchParams();
  if (o.optimise) query.set('layout', 'optimise');
  if (o.limit !== undefined) query.set('limit', String(o.limit));
  if (o.withPayload) query.set('with_payload', 'true');
  const mb = (n: number): string => (n / (1024 * 1024)).toFixed(1);
  const bar = progressBar('uploading  |{bar}| {percentage}% {sent}/{size} MB', 'uploading: {percentage}% of {size} MB');
  bar.start(size, 0, { sent: '0.0', size: mb(size) });
  let sent = 0;
  try {
    const body = counted(createReadStream(o.file), (n) => bar.update((sent += n), { sent: mb(sent) }));
    const path = `${jobPath(o)}${query.toString() ? `?${query.toString()}` : ''}`;
    // With its length declared, a body over the server's limit is refused (413) before it is sent.
    const headers = { 'content-type': NDJSON, 'content-length': String(size) };
    const { id } = await result<{ id: string }>(await request(t, 'POST', path, { body, headers }));
    return id;
  } finally {
    bar.stop();
  }
}

async function follow(t: Target, o: CommonOptions, id: string): Promise<WorkloadView> {
  let view = await result<WorkloadView>(await request(t, 'GET', jobPath(o, id)));
  if (!active(view)) return view;
  const bar = progressBar(
    'answering  |{bar}| {percentage}% {value}/{total} lines | {qps} q/s | ETA {remaining} | {failed} failed | {phase}',
    'workload {id}: {phase}, {value}/{total} lines ({percentage}%), {qps} queries/s, ETA {remaining}, {failed} failed',
  );
  bar.start(view.progress.total, view.progress.done, { id, ...progressTokens(view) });
  try {
    while (active(view)) {
      await delay(POLL_MS);
      view = await result<WorkloadView>(await request(t, 'GET', jobPath(o, id)));
      bar.update(view.progress.done, progressTokens(view));
    }
  } finally {
    bar.stop();
  }
  return view;
}

async function submitCommand(o: SubmitOptions): Promise<void> {
  const t = target(o);
  const id = await upload(t, o);
  process.stdout.write(`${id}\n`);
  process.stderr.write(`workload ${id} queued; Ctrl-C stops watching, not the job (cancel it with: hqdb workload cancel --collection ${o.collection} ${id})\n`);
  const view = await follow(t, o, id);
  const summary = `${view.progress.done}/${view.progress.total} lines, ${view.failed_lines} failed, ${view.queries_per_second} queries/s over ${duration(view.running_seconds)}`;
  if (view.status === 'cancelled') throw new Error(`workload ${id} was cancelled (${summary})`);
  // A failed job keeps its results: they say which lines failed and why.
  if (o.out !== undefined) await download(t, o, id, o.out);
  const where = o.out !== undefined ? `results in ${o.out}` : `results: hqdb workload results --collection ${o.collection} ${id} --out results.ndjson`;
  if (view.status === 'failed') throw new Error(`workload ${id} failed: ${view.error ?? 'no reason given'} (${summary}; ${where})`);
  process.stderr.write(`workload ${id} done: ${summary}; ${where}\n`);
}

function describe(v: WorkloadView): string {
  const pct = v.progress.total > 0 ? ((100 * v.progress.done) / v.progress.total).toFixed(1) : '0.0';
  const { layout } = v.stats;
  const rows: [string, string | undefined][] = [
    ['id', v.id],
    ['collection', v.collection],
    ['status', v.status],
    ['progress', `${v.progress.done}/${v.progress.total} lines (${pct}%), ${v.failed_lines} failed`],
    ['throughput', `${v.queries_per_second} queries/s over ${duration(v.running_seconds)}`],
    ['options', `layout=${v.options.layout} limit=${v.options.limit} with_payload=${JSON.stringify(v.options.with_payload)}`],
    ['layout', layout && [layout.mode, layout.status, layout.partitions !== undefined ? `${layout.partitions} partition(s)` : '', layout.error ?? ''].filter(Boolean).join(', ')],
    ['error', v.error],
    ['created', v.created_at],
    ['started', v.started_at ?? undefined],
    ['finished', v.finished_at ?? undefined],
  ];
  return rows.filter(([, value]) => value !== undefined).map(([k, value]) => `${`${k}:`.padEnd(12)}${value}`).join('\n');
}

function table(views: WorkloadView[]): string {
  const rows = [['ID', 'STATUS', 'DONE/TOTAL', 'FAILED', 'Q/S', 'CREATED'], ...views.map((v) => [
    v.id, v.status, `${v.progress.done}/${v.progress.total}`, String(v.failed_lines), String(v.queries_per_second), v.created_at,
  ])];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd()).join('\n');
}

async function statusCommand(id: string | undefined, o: CommonOptions & { json?: boolean }): Promise<void> {
  const t = target(o);
  if (id !== undefined) {
    const view = await result<WorkloadView>(await request(t, 'GET', jobPath(o, id)));
    process.stdout.write(`${o.json ? JSON.stringify(view) : describe(view)}\n`);
    return;
  }
  const { workloads } = await result<{ workloads: WorkloadView[] }>(await request(t, 'GET', jobPath(o)));
  if (o.json) process.stdout.write(`${JSON.stringify(workloads)}\n`);
  else process.stdout.write(workloads.length === 0 ? `no workloads in collection ${o.collection}\n` : `${table(workloads)}\n`);
}

async function cancelCommand(id: string, o: CommonOptions): Promise<void> {
  const { status } = await result<{ status: 'cancelled' | 'deleted' }>(await request(target(o), 'DELETE', jobPath(o, id)));
  process.stderr.write(status === 'cancelled' ? `workload ${id} cancelled; its results are removed\n` : `workload ${id} had ended; removed with its results\n`);
}

export function workloadCommand(): Command {
  const workload = new Command('workload').description('submit a batch of queries to a running server and read its results (REST)');
  withTarget(workload.command('submit'))
    .description('stream an NDJSON file of queries (one points/query body per line, optional "id") as a job, show its progress, and write its results')
    .requiredOption('--file <path>', 'the queries, one JSON object per line')
    .option('--optimise', 'learn a layout from this workload first (layout=optimise)')
    .option('--limit <n>', 'limit of queries that set none (default 10)', positive)
    .option('--with-payload', 'return payloads for queries that do not say')
    .option('--out <path>', 'write the result lines (NDJSON, input order) here when the job ends')
    .action((o: SubmitOptions) => submitCommand(o));
  withTarget(workload.command('status'))
    .description("a job's status, or every job of the collection")
    .argument('[id]', 'the job id')
    .option('--json', 'print the JSON the server answers')
    .action((id: string | undefined, o: CommonOptions & { json?: boolean }) => statusCommand(id, o));
  withTarget(workload.command('results'))
    .description("a job's result lines as NDJSON, in input order")
    .argument('<id>', 'the job id')
    .option('--out <path>', 'write to this file instead of stdout')
    .option('--wait', 'follow a job that is still running until it ends')
    .action((id: string, o: CommonOptions & { out?: string; wait?: boolean }) => download(target(o), o, id, o.out, o.wait === true));
  withTarget(workload.command('cancel'))
    .description('cancel a queued or running job (its results are removed); remove a job that has ended')
    .argument('<id>', 'the job id')
    .action((id: string, o: CommonOptions) => cancelCommand(id, o));
  return workload;
}
