// `hqdb-rest`: the hqdb server started as a child process on a free loopback
// port with a temporary data directory, driven through the official
// @qdrant/js-client-rest exactly as a user would: createCollection, upsert in
// batches of 1000 with wait, wait for indexing (collection status green), then
// `query` per request with params.hnsw_ef (swept) and `queryBatch`. A query the
// server rejects as unsupported (HTTP 400 "... not supported ...") is recorded
// as unsupported, not fatal. Peak RSS reported is the server process's.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QdrantClient } from '@qdrant/js-client-rest';
import { vectorOf } from '../datasets/dataset.js';
import { BENCH_DIR } from '../lib/cache.js';
import { diskUsage } from '../lib/disk.js';
import type { LayoutStats } from '../runner/result.js';
import type { BenchSystem, BuildContext, SearchRequest } from './system.js';
import { SystemUnavailableError, UnsupportedQueryError } from './system.js';
import { EF_SWEEP, HNSW_EF_CONSTRUCTION, HNSW_M } from './naive.js';

export const REPO_ROOT = join(BENCH_DIR, '..');
export const SERVER_ENTRY = join(REPO_ROOT, 'server', 'cli.ts');
const COLLECTION = 'bench';
const UPSERT_BATCH = 1000;
const START_TIMEOUT_MS = 60_000;
/** Characters of JSON per query/batch request the harness aims under (the server's default body limit is 32 MB). */
const REQUEST_CHARS = 24_000_000;
/** Requests of a batch in flight at once, as a client overlaps building one request's JSON with the server answering another (HQDB_BENCH_BATCH_IN_FLIGHT). */
const BATCH_IN_FLIGHT = Math.max(1, Number(process.env.HQDB_BENCH_BATCH_IN_FLIGHT ?? 2));
const INDEX_TIMEOUT_MS = 30 * 60_000;

/** The sources `npm run build` compiles into dist/ (tsconfig.build.json). */
const COMPILED_DIRS = ['server', 'engine', 'index', 'storage', 'core'];

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Node's arguments for the server users run: the compiled CLI (`bin/hqdb.js`, as `npm start`
 * and the Docker image run it), rebuilt first when a source is newer than dist/ so that it
 * is never stale. HQDB_BENCH_SERVER_TSX=1 runs the TypeScript sources under tsx instead.
 */
export function serverArgs(): string[] {
  if (process.env.HQDB_BENCH_SERVER_TSX === '1') return ['--import', 'tsx', SERVER_ENTRY];
  const compiled = join(REPO_ROOT, 'dist', 'server', 'cli.js');
  const built = existsSync(compiled) ? statSync(compiled).mtimeMs : 0;
  if (COMPILED_DIRS.some((d) => newestSource(join(REPO_ROOT, d)) > built)) {
    const r = spawnSync('npm', ['run', '--silent', 'build'], { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.status !== 0) throw new Error('npm run build failed: the server cannot be started as users run it');
  }
  return [join(REPO_ROOT, 'bin', 'hqdb.js')];
}

/** Thrown (as a SystemUnavailableError) only when the server's entry point file does not exist. */
export function serverEntryMissing(): boolean {
  return !existsSync(SERVER_ENTRY);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** A running hqdb server child process; `stop` sends SIGTERM and waits for exit. */
export interface ServerProcess {
  readonly url: string;
  readonly port: number;
  readonly child: ChildProcess;
  readonly dataDir: string;
  stop(): Promise<void>;
}

export async function spawnServer(log: (m: string) => void = () => {}): Promise<ServerProcess> {
  if (serverEntryMissing()) throw new SystemUnavailableError(`server entry point missing: ${SERVER_ENTRY}`);
  const dataDir = mkdtempSync(join(tmpdir(), 'hqdb-bench-'));
  const port = await freePort();
  // HQDB_BENCH_SERVER_ARGS: extra node flags for the server (e.g. --cpu-prof --cpu-prof-dir=/tmp/prof).
  const extra = (process.env.HQDB_BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...extra, ...serverArgs(), 'serve'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      HQDB__STORAGE__PATH: dataDir,
      HQDB__SERVICE__HTTP_PORT: String(port),
      HQDB__SERVICE__HOST: '127.0.0.1',
      HQDB__SERVICE__GRPC_PORT: '0',
      HQDB__LOG__LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let ready = false;
  const onData = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-8000);
    if (output.includes('"msg":"hqdb ready"')) ready = true;
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  let exited: number | null | undefined;
  const exit = new Promise<void>((resolve) => child.once('exit', (code) => {
    exited = code;
    resolve();
  }));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + START_TIMEOUT_MS;
  // Ready when it says so, or when /readyz answers (the ready line is an info log and may be filtered).
  while (!ready) {
    if (exited !== undefined) throw new Error(`hqdb server exited with code ${exited} before it was ready:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`hqdb server not ready after ${START_TIMEOUT_MS / 1000} s:\n${output}`);
    }
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.ok) ready = true;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  log(`hqdb server pid ${child.pid} ready at ${url}`);
  return {
    url,
    port,
    child,
    dataDir,
    stop: async () => {
      if (exited === undefined) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exit;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function httpStatusOf(err: unknown): number | undefined {
  const status = (err as { status?: unknown }).status;
  if (typeof status === 'number') return status;
  const m = /Unexpected Response: (\d{3})/.exec(err instanceof Error ? err.message : '');
  return m ? Number(m[1]) : undefined;
}

function errorText(err: unknown): string {
  const data = (err as { data?: unknown }).data;
  return `${err instanceof Error ? err.message : String(err)} ${data === undefined ? '' : JSON.stringify(data)}`;
}

export class HqdbRestSystem implements BenchSystem {
  readonly name: string = 'hqdb-rest';
  readonly description: string = `hqdb server over REST (@qdrant/js-client-rest, loopback), HNSW m=${HNSW_M} ef_construct=${HNSW_EF_CONSTRUCTION}, hnsw_ef swept; batches sent as query/batch requests, ${BATCH_IN_FLIGHT} in flight`;
  readonly sweep = { name: 'hnsw_ef', values: EF_SWEEP };
  private server: ServerProcess | undefined;

  /** The running server's base URL. */
  protected get url(): string {
    if (!this.server) throw new Error(`${this.name} is not built`);
    return this.server.url;
  }
  private client: QdrantClient | undefined;

  async build(ctx: BuildContext): Promise<void> {
    const { dataset, table } = ctx;
    this.server = await spawnServer((m) => ctx.log(m));
    const client = new QdrantClient({ url: this.server.url, checkCompatibility: false });
    this.client = client;
    await client.createCollection(COLLECTION, {
      vectors: { size: dataset.dim, distance: 'Euclid' },
      hnsw_config: { m: HNSW_M, ef_construct: HNSW_EF_CONSTRUCTION },
    });
    for (const [field, col] of table.columns) {
      const schema = col.kind === 'number' ? (col.integer ? 'integer' : 'float') : 'keyword';
      try {
        await client.createPayloadIndex(COLLECTION, { field_name: field, field_schema: schema, wait: true });
      } catch (err) {
        ctx.log(`hqdb-rest: payload index on "${field}" not created (${httpStatusOf(err) ?? errorText(err)}); continuing without it`);
      }
    }
    for (let from = 0; from < dataset.n; from += UPSERT_BATCH) {
      const to = Math.min(dataset.n, from + UPSERT_BATCH);
      const points = [];
      for (let r = from; r < to; r++) points.push({ id: r, vector: Array.from(vectorOf(dataset, r)), payload: dataset.payloads[r] });
      await client.upsert(COLLECTION, { wait: true, points });
      ctx.progress('hqdb-rest: upsert', to, dataset.n);
    }
    // Build time includes background indexing: wait until the collection reports green.
    const deadline = Date.now() + INDEX_TIMEOUT_MS;
    for (;;) {
      const info = await client.getCollection(COLLECTION);
      const indexed = info.indexed_vectors_count ?? 0;
      ctx.progress('hqdb-rest: indexing', Math.min(indexed, dataset.n), dataset.n);
      if (info.status === 'green') break;
      if (Date.now() > deadline) throw new Error(`hqdb-rest: collection not green after ${INDEX_TIMEOUT_MS / 60000} min`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  async search(req: SearchRequest, ef: number): Promise<ArrayLike<number>> {
    try {
      const res = await this.client!.query(COLLECTION, {
        query: Array.from(req.vector),
        filter: req.filter,
        limit: req.k,
        params: { hnsw_ef: ef },
        with_payload: false,
      });
      return res.points.map((p) => Number(p.id));
    } catch (err) {
      throw this.translate(err);
    }
  }

  async searchBatch(reqs: readonly SearchRequest[], ef: number): Promise<ArrayLike<number>[]> {
    // As a client must: bodies under the server's 32 MB limit (a vector prints as ~20 characters a
    // float), so a 4,096-query batch of 784-d vectors goes as several requests. As a client would
    // to keep the server busy, the batch goes as 2 * BATCH_IN_FLIGHT requests, BATCH_IN_FLIGHT at a
    // time: the client builds one request's JSON while the server answers another (one request of
    // 4,096 at a time left the server's threads idle for the ~100 ms the client spent on it).
    const dim = reqs[0]?.vector.length ?? 1;
    const perRequest = Math.max(1, Math.min(Math.floor(REQUEST_CHARS / (dim * 20)), Math.ceil(reqs.length / (2 * BATCH_IN_FLIGHT))));
    const parts: (readonly SearchRequest[])[] = [];
    for (let from = 0; from < reqs.length; from += perRequest) parts.push(reqs.slice(from, from + perRequest));
    const out: ArrayLike<number>[][] = new Array(parts.length);
    let next = 0;
    const sender = async (): Promise<void> => {
      while (next < parts.length) {
        const at = next++;
        out[at] = await this.searchRequest(parts[at], ef);
      }
    };
    await Promise.all(Array.from({ length: Math.min(BATCH_IN_FLIGHT, parts.length) }, sender));
    return out.flat();
  }

  private async searchRequest(reqs: readonly SearchRequest[], ef: number): Promise<ArrayLike<number>[]> {
    try {
      const res = await this.client!.queryBatch(COLLECTION, {
        searches: reqs.map((req) => ({
          query: Array.from(req.vector),
          filter: req.filter,
          limit: req.k,
          params: { hnsw_ef: ef },
          with_payload: false,
        })),
      });
      return res.map((r) => r.points.map((p) => Number(p.id)));
    } catch (err) {
      throw this.translate(err);
    }
  }

  private translate(err: unknown): Error {
    if (httpStatusOf(err) === 400 && /not supported/i.test(errorText(err))) {
      return new UnsupportedQueryError(`hqdb: ${/"error":\s*"([^"]+)"/.exec(errorText(err))?.[1] ?? 'not supported'}`);
    }
    return err instanceof Error ? err : new Error(String(err));
  }

  diskBytes(): Promise<number> {
    return Promise.resolve(this.server ? diskUsage(this.server.dataDir) : 0);
  }

  externalPid(): number | undefined {
    return this.server?.child.pid;
  }

  async close(): Promise<void> {
    await this.server?.stop();
    this.server = undefined;
    this.client = undefined;
  }
}

/**
 * `hqdb-rest-layout`: hqdb-rest, then a layout for batches learnt from the past
 * workload over REST (`POST /collections/{c}/layout?wait=true` with the past
 * queries' filters and `graphs: false`: flat partitions the matrix kernel scans,
 * the whole-collection index kept for single queries).
 */
export class HqdbRestLayoutSystem extends HqdbRestSystem {
  override readonly name = 'hqdb-rest-layout';
  override readonly description: string = `hqdb server over REST (@qdrant/js-client-rest, loopback), HNSW m=${HNSW_M} ef_construct=${HNSW_EF_CONSTRUCTION}, then a layout for batches (graphs: false) learnt from the past workload through POST /collections/{c}/layout; hnsw_ef swept; batches sent as query/batch requests, ${BATCH_IN_FLIGHT} in flight`;
  private layout: LayoutStats | undefined;

  override async build(ctx: BuildContext): Promise<void> {
    await super.build(ctx);
    const t0 = performance.now();
    const res = await fetch(`${this.url}/collections/${COLLECTION}/layout?wait=true`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ graphs: false, queries: ctx.past.map((q) => ({ filter: q.filter ?? null })) }),
    });
    const body = (await res.json()) as { result?: { status?: string; error?: string; seconds?: number; workload?: { distinct_filters?: number } } };
    if (!res.ok || body.result?.status !== 'ready') throw new Error(`hqdb-rest-layout: layout build answered ${res.status}: ${JSON.stringify(body)}`);
    const view = (await (await fetch(`${this.url}/collections/${COLLECTION}/layout`)).json()) as { result: { partitions: { size: number; index: string }[]; global_index: unknown } };
    const parts = view.result.partitions;
    this.layout = {
      seconds: (performance.now() - t0) / 1000,
      engineSeconds: body.result.seconds ?? 0,
      pastQueries: ctx.past.length,
      distinctFilters: body.result.workload?.distinct_filters,
      partitions: parts.length,
      flatPartitions: parts.filter((p) => p.index === 'flat').length,
      largestPartition: Math.max(0, ...parts.map((p) => p.size)),
      smallestPartition: parts.length ? Math.min(...parts.map((p) => p.size)) : 0,
      globalIndex: view.result.global_index !== null,
      rssBeforeBytes: 0,
      rssAfterBytes: 0,
      peakRssBeforeBytes: 0,
      peakRssAfterBytes: 0,
    };
    ctx.log(`${this.name}: layout of ${parts.length} partitions built in ${this.layout.seconds.toFixed(1)} s`);
  }

  layoutStats(): LayoutStats | undefined {
    return this.layout;
  }
}
