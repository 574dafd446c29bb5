// A workload job of 100k queries end to end, as a user runs one: the hqdb
// server (the README's command, as a child process) loaded with kg-synth
// 100k x 128 over REST; a workload of N queries written as NDJSON; then
//  - rest: submitted over REST as a streamed NDJSON body; the server is killed
//    (SIGKILL) once part of the job is done and started again on the same data:
//    the job must resume where it was and finish;
//  - cli:  submitted with `hqdb workload submit --file ... --out ...`;
//  - grpc: submitted as a gRPC client stream (hqdb.v1.Workloads.Submit, 500
//    queries per message, sent only as fast as the server reads them), watched
//    with Watch, and read back with the Results server stream;
// and in each case the results are read back in input order and a sample is
// compared with the same queries run one at a time through /points/query.
//
//  - optimise: submitted with ?layout=optimise and timed end to end (upload, layout
//    build, answers, results download); with --queries 20000 the workload is the
//    hybrid-100k suite's, and recall is checked against its exact ground truth;
//
//   npx tsx bench/core/workload-job.ts [--queries 100000] [--phases rest,cli,grpc,optimise] [--kill-at 0.3]

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { once } from 'node:events';
import { credentials, loadPackageDefinition, type ClientReadableStream, type ClientWritableStream, type ServiceError } from '@grpc/grpc-js';
import { hqdbPackageDefinition } from '../../server/grpc/proto.js';
import { generateKgSynth } from '../datasets/kg-synth.js';
import { vectorOf } from '../datasets/dataset.js';
import { buildPayloadTable } from '../filter/payload-table.js';
import { generateWorkload } from '../workloads/generate.js';
import { KG_SYNTH_TEMPLATES } from '../workloads/templates.js';
import { prepare } from '../runner/prepare.js';
import { SUITES } from '../runner/suites.js';
import { truthOf } from '../truth/ground-truth.js';
import { recallAtK } from '../truth/recall.js';
import { serverArgs } from '../systems/hqdb-rest.js';

const { values: opts } = parseArgs({
  options: {
    queries: { type: 'string', default: '100000' },
    phases: { type: 'string', default: 'rest,cli,grpc' },
    'kill-at': { type: 'string', default: '0.3' },
  },
});
const QUERIES = Number(opts.queries);
const PHASES = opts.phases.split(',');
const KILL_AT = Number(opts['kill-at']);
const SAMPLE = 300;
const SUITE = 'hybrid-100k';
const ROOT = new URL('../..', import.meta.url).pathname;
const CLI = join(ROOT, 'server', 'cli.ts');

const log = (m: string): void => console.log(`[${new Date().toISOString().slice(11, 19)}] ${m}`);

async function freePort(): Promise<number> {
  const srv = createServer();
  srv.listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const port = (srv.address() as { port: number }).port;
  srv.close();
  return port;
}

interface Server {
  url: string;
  child: ChildProcess;
}

async function startServer(dataDir: string, port: number, grpcPort: number): Promise<Server> {
  // HQDB_BENCH_SERVER_ARGS: extra node flags for the server (e.g. --cpu-prof --cpu-prof-dir=/tmp/prof).
  const extra = (process.env.HQDB_BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...extra, ...serverArgs(), 'serve'], {
    cwd: ROOT,
    env: { ...process.env, HQDB__STORAGE__PATH: dataDir, HQDB__SERVICE__HTTP_PORT: String(port), HQDB__SERVICE__GRPC_PORT: String(grpcPort), HQDB__SERVICE__HOST: '127.0.0.1', HQDB__LOG__LEVEL: process.env.HQDB__LOG__LEVEL ?? 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) return { url, child };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not become ready');
}

async function call(url: string, method: string, path: string, body?: unknown): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await fetch(`${url}${path}`, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = (await res.json()) as { result: unknown };
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json.result;
}

async function waitJob(url: string, id: string, onProgress?: (done: number, total: number) => Promise<boolean>): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  for (;;) {
    const job = await call(url, 'GET', `/collections/kg/workloads/${id}`);
    if (!['queued', 'running'].includes(job.status)) return job;
    if (onProgress && (await onProgress(job.progress.done, job.progress.total))) return job;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Reads a job's NDJSON results stream and checks it is complete and in input order. */
async function readResults(url: string, id: string): Promise<Map<number, unknown[]>> {
  const res = await fetch(`${url}/collections/kg/workloads/${id}/results`, { headers: { accept: 'application/x-ndjson' } });
  if (!res.ok) throw new Error(`results: ${res.status}`);
  const text = await res.text();
  return checkLines(text.split('\n').filter(Boolean));
}

function checkLines(lines: string[]): Map<number, unknown[]> {
  if (lines.length !== QUERIES) throw new Error(`${lines.length} result lines for ${QUERIES} queries`);
  const byId = new Map<number, unknown[]>();
  lines.forEach((line, i) => {
    const r = JSON.parse(line) as { id: number; points?: { id: number }[]; error?: unknown };
    if (r.id !== i) throw new Error(`line ${i} answers query ${r.id}: results out of order`);
    if (r.error) throw new Error(`query ${i} failed: ${JSON.stringify(r.error)}`);
    byId.set(i, r.points!.map((p) => p.id));
  });
  return byId;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- gRPC messages built from JSON filters, shapes checked by the server */
/** A REST (JSON) filter as the gRPC Filter message: the subset the kg-synth templates use, and nesting. */
function grpcFilter(f: any): any {
  const cond = (c: any): any => {
    if (c.must || c.should || c.must_not) return { filter: grpcFilter(c) };
    if (c.range) return { field: { key: c.key, range: c.range } };
    const m = c.match;
    const list = (vs: unknown[]): any => (typeof vs[0] === 'string' ? { values: vs } : { values: vs.map(String) });
    if ('value' in m) return { field: { key: c.key, match: typeof m.value === 'string' ? { keyword: m.value } : typeof m.value === 'boolean' ? { boolean: m.value } : { integer: String(m.value) } } };
    if ('any' in m) return { field: { key: c.key, match: typeof m.any[0] === 'string' ? { any_keywords: list(m.any) } : { any_integers: list(m.any) } } };
    if ('except' in m) return { field: { key: c.key, match: typeof m.except[0] === 'string' ? { except_keywords: list(m.except) } : { except_integers: list(m.except) } } };
    throw new Error(`no gRPC form for condition ${JSON.stringify(c)}`);
  };
  return { must: (f.must ?? []).map(cond), should: (f.should ?? []).map(cond), must_not: (f.must_not ?? []).map(cond) };
}

async function grpcJob(port: number, queries: readonly { vector: Float32Array; filter?: unknown }[]): Promise<{ id: string; results: Map<number, unknown[]>; job: any }> {
  const proto = loadPackageDefinition(hqdbPackageDefinition()) as any;
  const client = new proto.hqdb.v1.Workloads(`127.0.0.1:${port}`, credentials.createInsecure(), { 'grpc.max_receive_message_length': 64 << 20 });
  try {
    let call!: ClientWritableStream<any>;
    const submitted = new Promise<string>((resolve, reject) => {
      call = client.Submit((err: ServiceError | null, res: { id: string }) => (err ? reject(err) : resolve(res.id)));
    });
    call.write({ collection_name: 'kg', options: { layout: 'WORKLOAD_LAYOUT_KEEP', limit: 10 } });
    for (let from = 0; from < queries.length; from += 500) {
      const batch = queries.slice(from, from + 500).map((q, j) => ({
        id: { num: String(from + j) },
        query: { query: { nearest: { data: Array.from(q.vector) } }, filter: q.filter ? grpcFilter(q.filter) : undefined, limit: 10 },
      }));
      if (!call.write({ queries: batch })) await once(call, 'drain');
    }
    call.end();
    const id = await submitted;
    const watch: ClientReadableStream<any> = client.Watch({ collection_name: 'kg', id });
    let job: any;
    for await (const p of watch) job = p.workload;
    const results = new Map<number, unknown[]>();
    let line = 0;
    const stream: ClientReadableStream<any> = client.Results({ collection_name: 'kg', id });
    for await (const r of stream) {
      if (r.id?.num !== String(line)) throw new Error(`gRPC result ${line} answers query ${JSON.stringify(r.id)}: out of order`);
      if (r.error) throw new Error(`query ${line} failed: ${JSON.stringify(r.error)}`);
      results.set(line, (r.points as { id: { num: string } }[]).map((p) => Number(p.id.num)));
      line++;
    }
    if (line !== queries.length) throw new Error(`${line} gRPC result messages for ${queries.length} queries`);
    return { id, results, job };
  } finally {
    client.close();
  }
}
/* eslint-enable @typescript-eslint/no-explicit-any */

const dir = mkdtempSync(join(tmpdir(), 'hqdb-workload-job-'));
let server: Server | undefined;
try {
  log(`generating kg-synth 100k x 128 and a workload of ${QUERIES} queries`);
  const ds = generateKgSynth({ n: 100_000, dim: 128, seed: 42 });
  const table = buildPayloadTable(ds.payloads);
  const workload = generateWorkload(ds, table, KG_SYNTH_TEMPLATES, { count: QUERIES, k: 10, seed: 7 });
  // With the hybrid-100k suite's query count, its cached exact ground truth checks the answers' recall.
  const suite = prepare(SUITES[SUITE]);
  const truth = QUERIES === suite.workload.queries.length && suite.workload.queries.every((q, i) => q.vector.every((v, d) => v === workload.queries[i].vector[d])) ? suite.truth : undefined;
  const file = join(dir, 'queries.ndjson');
  const out = createWriteStream(file);
  workload.queries.forEach((q, i) => out.write(`${JSON.stringify({ id: i, query: Array.from(q.vector), filter: q.filter ?? undefined, limit: 10 })}\n`));
  out.end();
  await once(out, 'finish');
  log(`wrote ${file} (${(statSync(file).size / 2 ** 20).toFixed(0)} MiB)`);

  const dataDir = join(dir, 'data');
  const port = await freePort();
  const grpcPort = await freePort();
  server = await startServer(dataDir, port, grpcPort);
  let url = server.url;
  await call(url, 'PUT', '/collections/kg', { vectors: { size: 128, distance: 'Euclid' }, hnsw_config: { m: 16, ef_construct: 80 } });
  for (const [field, col] of table.columns) {
    await call(url, 'PUT', '/collections/kg/index?wait=true', { field_name: field, field_schema: col.kind === 'number' ? (col.integer ? 'integer' : 'float') : 'keyword' });
  }
  let t0 = performance.now();
  for (let from = 0; from < ds.n; from += 1000) {
    const points = [];
    for (let r = from; r < Math.min(ds.n, from + 1000); r++) points.push({ id: r, vector: Array.from(vectorOf(ds, r)), payload: ds.payloads[r] });
    await call(url, 'PUT', '/collections/kg/points?wait=true', { points });
  }
  for (;;) {
    const info = await call(url, 'GET', '/collections/kg');
    if (info.status === 'green') break;
    await new Promise((r) => setTimeout(r, 500));
  }
  log(`loaded 100k points over REST and indexed them in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const sampleIds = Array.from({ length: SAMPLE }, (_, j) => Math.floor((j * QUERIES) / SAMPLE));
  const singles = new Map<number, unknown[]>();
  t0 = performance.now();
  for (const i of sampleIds) {
    const q = workload.queries[i];
    const r = await call(url, 'POST', '/collections/kg/points/query', { query: Array.from(q.vector), filter: q.filter ?? undefined, limit: 10 });
    singles.set(i, r.points.map((p: { id: number }) => p.id));
  }
  const singleQps = SAMPLE / ((performance.now() - t0) / 1000);
  log(`one query at a time over REST: ${singleQps.toFixed(0)} q/s (${SAMPLE} queries)`);
  const agree = (results: Map<number, unknown[]>): string => {
    let same = 0;
    let overlap = 0;
    for (const i of sampleIds) {
      const a = singles.get(i)!;
      const b = results.get(i)!;
      if (JSON.stringify(a) === JSON.stringify(b)) same++;
      overlap += b.filter((x) => a.includes(x)).length / Math.max(1, a.length);
    }
    return `${same} of ${SAMPLE} sampled queries answered identically to one-at-a-time, mean overlap ${(overlap / SAMPLE).toFixed(4)}`;
  };

  if (PHASES.includes('rest')) {
    t0 = performance.now();
    const res = await fetch(`${url}/collections/kg/workloads`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: createReadStream(file) as unknown as ReadableStream, duplex: 'half' } as RequestInit);
    const submitted = (await res.json()) as { result: { id: string } };
    if (res.status !== 202) throw new Error(`submit: ${res.status} ${JSON.stringify(submitted)}`);
    const id = submitted.result.id;
    log(`rest: submitted job ${id} as a streamed NDJSON body in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    let killedAt = -1;
    await waitJob(url, id, async (done, total) => {
      if (done < KILL_AT * total) return false;
      killedAt = done;
      server!.child.kill('SIGKILL');
      await once(server!.child, 'exit');
      return true;
    });
    if (killedAt < 0) throw new Error('the job ended before the server could be killed: use more queries');
    log(`rest: killed the server (SIGKILL) with ${killedAt} of ${QUERIES} queries done; restarting it`);
    const t1 = performance.now();
    server = await startServer(dataDir, port, grpcPort);
    url = server.url;
    const resumed = await call(url, 'GET', `/collections/kg/workloads/${id}`);
    log(`rest: after the restart the job is ${resumed.status} at ${resumed.progress.done} of ${resumed.progress.total}`);
    if (resumed.progress.done < killedAt) throw new Error(`progress went back from ${killedAt} to ${resumed.progress.done}`);
    const job = await waitJob(url, id);
    if (job.status !== 'done') throw new Error(`job ended ${job.status}: ${job.error}`);
    log(`rest: job done ${((performance.now() - t1) / 1000).toFixed(1)} s after the restart; ${job.queries_per_second} q/s of running time (${(job.queries_per_second / singleQps).toFixed(1)}x one at a time over REST); stats ${JSON.stringify(job.stats)}`);
    const results = await readResults(url, id);
    log(`rest: ${QUERIES} result lines streamed in input order; ${agree(results)}`);
  }

  if (PHASES.includes('optimise')) {
    // End to end as a user with a batch of past queries runs it: upload, layout learnt from the
    // workload (graphs: false), answers, and every result line downloaded.
    t0 = performance.now();
    const res = await fetch(`${url}/collections/kg/workloads?layout=optimise&limit=10`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: createReadStream(file) as unknown as ReadableStream, duplex: 'half' } as RequestInit);
    const submitted = (await res.json()) as { result: { id: string } };
    if (res.status !== 202) throw new Error(`submit: ${res.status} ${JSON.stringify(submitted)}`);
    const tUploaded = performance.now();
    const job = await waitJob(url, submitted.result.id);
    if (job.status !== 'done') throw new Error(`job ended ${job.status}: ${job.error}`);
    const tDone = performance.now();
    const results = await readResults(url, submitted.result.id);
    const seconds = (performance.now() - t0) / 1000;
    const span = (a: string | null, b: string | null): number => (a && b ? (Date.parse(b) - Date.parse(a)) / 1000 : NaN);
    const started = span(job.created_at, job.started_at);
    const ran = span(job.started_at, job.finished_at);
    log(`optimise: upload ${((tUploaded - t0) / 1000).toFixed(2)} s, queued ${started.toFixed(2)} s, layout build ${(ran - job.running_seconds).toFixed(2)} s, answers ${job.running_seconds.toFixed(2)} s, ` +
      `end noticed after ${((tDone - tUploaded) / 1000 - span(job.created_at, job.finished_at)).toFixed(2)} s more, results download ${((performance.now() - tDone) / 1000).toFixed(2)} s`);
    let recall = 0;
    if (truth) workload.queries.forEach((_, i) => (recall += recallAtK((results.get(i) ?? []).map(Number), truthOf(truth, i), 10)));
    log(`optimise: ${QUERIES} queries with layout=optimise end to end (upload, layout build, answers, results download) in ${seconds.toFixed(1)} s = ${(QUERIES / seconds).toFixed(0)} q/s` +
      ` (${(QUERIES / seconds / singleQps).toFixed(1)}x one at a time over REST); layout ${JSON.stringify(job.stats?.layout)}; running time ${job.queries_per_second} q/s` +
      (truth ? `; recall@10 ${(recall / QUERIES).toFixed(4)} against the ${SUITE} suite's exact ground truth` : ''));
  }

  if (PHASES.includes('cli')) {
    const outFile = join(dir, 'results.ndjson');
    t0 = performance.now();
    const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, 'workload', 'submit', '--collection', 'kg', '--file', file, '--out', outFile, '--url', url], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.status !== 0) throw new Error(`hqdb workload submit exited with ${r.status}`);
    const results = checkLines(readFileSync(outFile, 'utf8').split('\n').filter(Boolean));
    log(`cli: job of ${QUERIES} queries submitted, run and written to ${outFile} in ${((performance.now() - t0) / 1000).toFixed(1)} s; ${agree(results)}`);
  }

  if (PHASES.includes('grpc')) {
    t0 = performance.now();
    const { id, results, job } = await grpcJob(grpcPort, workload.queries);
    log(`grpc: job ${id} of ${QUERIES} queries streamed in, run (${job.status}, ${Number(job.queries_per_second).toFixed(0)} q/s of running time) and streamed back in input order in ${((performance.now() - t0) / 1000).toFixed(1)} s; ${agree(results)}`);
  }
} finally {
  if (server && server.child.exitCode === null) {
    server.child.kill('SIGTERM');
    await once(server.child, 'exit');
  }
  rmSync(dir, { recursive: true, force: true });
}
