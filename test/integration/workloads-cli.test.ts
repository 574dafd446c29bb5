// `hqdb workload ...` run as a child process (through tsx, as `hqdb serve` is
// in durability tests) against an in-process test server: submit streams an
// NDJSON file, waits for the job and writes its result lines in input order
// (a bad line reported on its line); status, results and cancel; and a clear
// one-line error with exit code 1 when the server is unreachable, the
// collection or job unknown, or the job fails or is cancelled.

import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { QdrantClient } from '@qdrant/js-client-rest';
import { describe, expect, it, onTestFinished } from 'vitest';
import { PROJECT_ROOT } from '../../core/paths.js';
import type { WorkloadView } from '../../engine/workloads.js';
import { ok } from '../helpers/http.js';
import { startTestServer, tempDataDir, type TestServer } from '../helpers/server.js';
import { randomVectors } from '../helpers/vectors.js';

const DIM = 4;
const VECTORS = randomVectors(500, DIM, 3);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `hqdb workload <args>` with only the given HQDB_* variables. */
function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const clean: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('HQDB')) clean[k] = v;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'workload', ...args], { cwd: PROJECT_ROOT, env: { ...clean, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

async function seed(url: string): Promise<void> {
  const client = new QdrantClient({ url, checkCompatibility: false });
  await client.createCollection('songs', { vectors: { size: DIM, distance: 'Euclid' } });
  await client.createPayloadIndex('songs', { field_name: 'genre', field_schema: 'keyword', wait: true });
  await client.upsert('songs', { wait: true, points: VECTORS.map((vector, id) => ({ id, vector, payload: { genre: id % 2 ? 'jazz' : 'rock' } })) });
}

/** `n` exact queries, every third with a client id, every other filtered, as NDJSON lines. */
function queries(n: number): string[] {
  return randomVectors(n, DIM, 9).map((query, i) => JSON.stringify({
    ...(i % 3 === 0 ? { id: `q${i}` } : {}),
    query,
    params: { exact: true },
    ...(i % 2 ? { filter: { must: [{ key: 'genre', match: { value: 'jazz' } }] } } : {}),
  }));
}

async function file(dir: string, name: string, lines: string[]): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, `${lines.join('\n')}\n`);
  return path;
}

async function restLines(url: string, id: string): Promise<string[]> {
  const res = await fetch(`${url}/collections/songs/workloads/${id}/results`, { headers: { accept: 'application/x-ndjson' } });
  return (await res.text()).split('\n').filter((l) => l.length > 0);
}

function job(url: string, id: string): Promise<WorkloadView> {
  return ok<WorkloadView>(url, 'GET', `/collections/songs/workloads/${id}`);
}

async function setup(overrides: Parameters<typeof startTestServer>[0] = {}): Promise<{ server: TestServer; dir: string }> {
  const server = await startTestServer(overrides);
  await seed(server.url);
  return { server, dir: await tempDataDir() };
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** An HTTP server that records each request's api-key header and answers hqdb's 404 envelope. */
async function recorder(): Promise<{ url: string; keys: (string | undefined)[] }> {
  const keys: (string | undefined)[] = [];
  const server = createHttpServer((req, res) => {
    keys.push(req.headers['api-key'] as string | undefined);
    res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ status: { error: 'not here', code: 'COLLECTION_NOT_FOUND' }, time: 0 }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, keys };
}

describe('hqdb workload (CLI)', () => {
  it('submit streams the file, waits, and writes every result line in input order with the bad line reported; status and results agree', async () => {
    const { server, dir } = await setup({ workloads: { chunk_size: 50 } });
    const lines = queries(300);
    lines.splice(7, 0, '{"query": [1, 2]}');
    const input = await file(dir, 'queries.ndjson', lines);
    const out = join(dir, 'results.ndjson');

    const run = await cli(['submit', '--collection', 'songs', '--file', input, '--limit', '4', '--with-payload', '--out', out], { HQDB_URL: server.url });
    expect(run.code, run.stderr).toBe(0);
    const id = run.stdout.trim();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(run.stderr).toMatch(new RegExp(`workload ${id} done: 301/301 lines, 1 failed`));
    expect(run.stderr).toContain(`results in ${out}`);

    const written = (await readFile(out, 'utf8')).split('\n').filter((l) => l.length > 0);
    expect(written).toEqual(await restLines(server.url, id));
    const parsed = written.map((l) => JSON.parse(l) as { id: unknown; points?: { payload?: unknown }[]; error?: { code: string; message: string } });
    expect(parsed.map((r) => r.id)).toEqual(lines.map((l, i) => (JSON.parse(l) as { id?: string }).id ?? i));
    expect(parsed[7].error?.code).toBe('WRONG_DIMENSION');
    expect(parsed[7].error?.message).toMatch(/^line 7: /);
    expect(parsed.filter((r) => r.error)).toHaveLength(1);
    expect(parsed[0].points).toHaveLength(4);
    expect(parsed[0].points?.[0].payload).toEqual({ genre: expect.any(String) });
    expect(await job(server.url, id)).toMatchObject({ status: 'done', options: { layout: 'keep', limit: 4, with_payload: true } });

    // status of the job, and of the collection (a table, or JSON); results to stdout and to a file.
    const [one, all, json, stdout, toFile] = await Promise.all([
      cli(['status', '--collection', 'songs', id, '--url', server.url]),
      cli(['status', '--collection', 'songs', '--url', server.url]),
      cli(['status', '--collection', 'songs', '--json', '--url', server.url]),
      cli(['results', '--collection', 'songs', id, '--url', server.url]),
      cli(['results', id, '--collection', 'songs', '--out', join(dir, 'again.ndjson'), '--url', server.url]),
    ]);
    expect(one.code, one.stderr).toBe(0);
    expect(one.stdout).toMatch(/^status:\s+done$/m);
    expect(one.stdout).toMatch(/^progress:\s+301\/301 lines \(100\.0%\), 1 failed$/m);
    expect(all.stdout).toMatch(new RegExp(`^${id}\\s+done\\s+301/301\\s+1\\s`, 'm'));
    expect((JSON.parse(json.stdout) as WorkloadView[]).map((w) => w.id)).toEqual([id]);
    expect(stdout.code, stdout.stderr).toBe(0);
    expect(stdout.stdout.split('\n').filter((l) => l.length > 0)).toEqual(written);
    expect(toFile.code, toFile.stderr).toBe(0);
    expect(await readFile(join(dir, 'again.ndjson'), 'utf8')).toBe(`${written.join('\n')}\n`);
  });

  it('cancel stops a job; a submit whose job is cancelled or fails exits 1 and says so', async () => {
    const { server, dir } = await setup({ workloads: { chunk_size: 20, max_failed_share: 0.2 } });
    // Held before it starts: the CLI watches a queued job until it is cancelled.
    await server.engine.workloads.pause();
    const input = await file(dir, 'queries.ndjson', queries(100));
    const watching = cli(['submit', '--collection', 'songs', '--file', input], { HQDB_URL: server.url });
    let listed: WorkloadView[] = [];
    for (const deadline = Date.now() + 20_000; listed.length === 0 && Date.now() < deadline;) {
      await new Promise((r) => setTimeout(r, 50));
      listed = (await ok<{ workloads: WorkloadView[] }>(server.url, 'GET', '/collections/songs/workloads')).workloads;
    }
    const id = listed[0].id;
    const cancelled = await cli(['cancel', '--collection', 'songs', id], { HQDB_URL: server.url });
    expect(cancelled.code, cancelled.stderr).toBe(0);
    expect(cancelled.stderr).toContain(`workload ${id} cancelled`);
    const watched = await watching;
    expect(watched.code).toBe(1);
    expect(watched.stdout.trim()).toBe(id);
    expect(watched.stderr).toMatch(new RegExp(`hqdb: workload ${id} was cancelled`));
    expect((await job(server.url, id)).status).toBe('cancelled');
    server.engine.workloads.resume();

    // More than max_failed_share of its lines fail: exit 1, the results (which say why) still written.
    const bad = await file(dir, 'bad.ndjson', [...queries(6), 'nope', '{"query": [1]}']);
    const out = join(dir, 'bad-results.ndjson');
    const failed = await cli(['submit', '--collection', 'songs', '--file', bad, '--out', out], { HQDB_URL: server.url });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/hqdb: workload \S+ failed: 2 of 8 lines failed/);
    const results = (await readFile(out, 'utf8')).split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l) as { error?: { code: string } });
    expect(results.map((r) => r.error?.code)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined, 'MALFORMED_JSON', 'WRONG_DIMENSION']);
  });

  it('an unreachable server, an unknown collection or job, and bad arguments: one clear line on stderr and exit code 1', async () => {
    const { server, dir } = await setup();
    const input = await file(dir, 'queries.ndjson', queries(5));
    const port = await closedPort();
    const keyed = await recorder();
    const [unreachable, noCollection, noJob, noCancel, noFile, badLimit, withKey] = await Promise.all([
      cli(['submit', '--collection', 'songs', '--file', input], { HQDB_URL: `http://127.0.0.1:${port}` }),
      cli(['submit', '--collection', 'nope', '--file', input, '--url', server.url]),
      cli(['status', '--collection', 'songs', 'no-such-job', '--url', server.url]),
      cli(['cancel', '--collection', 'songs', 'no-such-job', '--url', server.url]),
      cli(['submit', '--collection', 'songs', '--file', join(dir, 'missing.ndjson'), '--url', server.url]),
      cli(['submit', '--collection', 'songs', '--file', input, '--limit', '0', '--url', server.url]),
      cli(['status', '--collection', 'songs', '--url', keyed.url], { HQDB_API_KEY: 'secret' }),
    ]);
    expect(unreachable).toMatchObject({ code: 1, stdout: '' });
    expect(unreachable.stderr).toMatch(new RegExp(`^hqdb: cannot reach hqdb at http://127\\.0\\.0\\.1:${port} .*ECONNREFUSED`));
    expect(noCollection).toMatchObject({ code: 1, stdout: '' });
    expect(noCollection.stderr).toMatch(/^hqdb: .*HTTP 404: COLLECTION_NOT_FOUND: collection "nope" not found/);
    expect(noJob.code).toBe(1);
    expect(noJob.stderr).toMatch(/^hqdb: .*HTTP 404: WORKLOAD_NOT_FOUND/);
    expect(noCancel.code).toBe(1);
    expect(noCancel.stderr).toMatch(/^hqdb: .*HTTP 404: WORKLOAD_NOT_FOUND/);
    expect(noFile.code).toBe(1);
    expect(noFile.stderr).toMatch(/^hqdb: cannot read .*missing\.ndjson/);
    expect(badLimit.code).toBe(1);
    expect(badLimit.stderr).toMatch(/--limit.*must be a positive integer/);
    // The key from HQDB_API_KEY travels as the api-key header.
    expect(withKey.code).toBe(1);
    expect(keyed.keys).toEqual(['secret']);
    // Nothing was submitted by any of them.
    expect((await ok<{ workloads: WorkloadView[] }>(server.url, 'GET', '/collections/songs/workloads')).workloads).toEqual([]);
  });
});
