// The Python peers (FAISS, numpy; bench/peers/python): a long-lived Python
// child process per system, spoken to over its stdin/stdout in the binary
// framing of bench/peers/python/peer_protocol.py, and the BenchSystem every
// Python peer is. The vectors go to the child as a .npy file in the work dir;
// each query's filter is evaluated here, with the harness's evaluator, into a
// bitmap of matching rows the child applies as it likes. Without the venv
// (bench/peers/.venv) or one of its packages, the system is skipped with the
// setup command.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { writeNpy } from '../datasets/files.js';
import { filterBitmap } from '../filter/evaluate.js';
import type { Filter } from '../filter/filter.js';
import type { PayloadTable } from '../filter/payload-table.js';
import { BENCH_DIR, writeAtomic } from '../lib/cache.js';
import { PEERS_DIR } from '../lib/peers.js';
import { SystemUnavailableError, type BenchSystem, type BuildContext, type SearchRequest, type SweepParam } from './system.js';

export const PYTHON_SETUP = 'npm run bench:peers:python';
const VENV_PYTHON = join(PEERS_DIR, '.venv', 'bin', 'python');
const SCRIPTS_DIR = join(BENCH_DIR, 'peers', 'python');

// peer_protocol.py's constants.
const OP_OPEN = 1;
const OP_SEARCH = 2;
const STATUS_OK = 0;
const EXIT_MISSING_MODULE = 3;
const FRAME_BYTES = 12;
const SEARCH_HEADER_BYTES = 32;
/** Bitmaps kept per filter (a 100k-point bitmap is 12.5 KB: hybrid-100k's 20k queries take 250 MB); past this, filters are evaluated on every call. */
const BITMAP_CACHE_BYTES = 2 * 2 ** 30;
const STDERR_TAIL = 4000;

/** How every Python peer is measured, for its description. */
export const PYTHON_PEER_TERMS =
  'filters evaluated by the harness (TypeScript) into bitmaps of matching rows before timing, not charged to the peer (favours it); ' +
  'a batch is one message each way; one at a time is one IPC round trip per query (pessimistic)';

/** Whether the Python peers' venv exists (its packages are checked when a peer starts). */
export function pythonPeersPresent(): boolean {
  return existsSync(VENV_PYTHON);
}

/** One Python peer process: one request in flight at a time, replies in order. */
export class PythonPeerProcess {
  private readonly child: ChildProcess;
  private chunks: Buffer[] = [];
  private buffered = 0;
  private pending: { resolve(body: Buffer): void; reject(err: Error): void } | undefined;
  private stderrTail = '';
  private exited: Error | undefined;

  /** Starts bench/peers/python/<script> in the venv, or throws SystemUnavailableError when there is none. */
  constructor(script: string, env: NodeJS.ProcessEnv = process.env) {
    if (!pythonPeersPresent()) throw new SystemUnavailableError(`the Python peers are not set up (no ${VENV_PYTHON}); run: ${PYTHON_SETUP}`);
    this.child = spawn(VENV_PYTHON, [join(SCRIPTS_DIR, script)], { stdio: ['pipe', 'pipe', 'pipe'], env });
    this.child.stdout!.on('data', (chunk: Buffer) => this.onData(chunk));
    this.child.stderr!.on('data', (chunk: Buffer) => (this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-STDERR_TAIL)));
    // A write to a child that has died fails here; the exit handler says why.
    this.child.stdin!.on('error', () => {});
    this.child.on('error', (err) => this.fail(new Error(`${script}: ${err.message}`)));
    this.child.on('exit', (code, signal) => {
      const why = this.stderrTail.trim();
      this.fail(
        code === EXIT_MISSING_MODULE
          ? new SystemUnavailableError(`${why.split('\n').pop() ?? 'a python module is missing'}; run: ${PYTHON_SETUP}`)
          : new Error(`${script} exited (${signal ?? `code ${code}`}): ${why}`),
      );
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Loads the vectors and builds the index the config names; returns the peer's notes for the report. */
  async open(config: Record<string, unknown>): Promise<string[]> {
    const body = await this.request(OP_OPEN, [Buffer.from(JSON.stringify(config))]);
    return (JSON.parse(body.toString('utf8')) as { notes: string[] }).notes;
  }

  /** k-NN of each query among the rows its bitmap marks (all rows when it has none), nearest first. */
  async search(queries: readonly { vector: Float32Array; bitmap?: Uint8Array }[], k: number, n: number, param: number): Promise<Int32Array[]> {
    const nq = queries.length;
    const dim = queries[0].vector.length;
    const header = Buffer.alloc(SEARCH_HEADER_BYTES);
    const masked = queries.filter((q) => q.bitmap).length;
    [nq, dim, k, n].forEach((v, i) => header.writeUInt32LE(v, 4 * i));
    header.writeInt32LE(param, 16);
    header.writeUInt32LE(masked, 20);
    const vectors = Buffer.allocUnsafe(4 * nq * dim);
    const flags = Buffer.alloc(Math.ceil(nq / 8) * 8);
    queries.forEach((q, i) => {
      if (q.vector.length !== dim) throw new Error(`query ${i} has dimension ${q.vector.length}, expected ${dim}`);
      vectors.set(new Uint8Array(q.vector.buffer, q.vector.byteOffset, q.vector.byteLength), 4 * i * dim);
      if (q.bitmap) flags[i] = 1;
    });
    const bitmaps = queries.flatMap((q) => (q.bitmap ? [q.bitmap] : []));
    const body = await this.request(OP_SEARCH, [header, vectors, flags, ...bitmaps]);
    // Copied out: the reply may not sit at a 4-byte boundary.
    const ids = new Int32Array(nq * k);
    Buffer.from(ids.buffer).set(body);
    return queries.map((_, i) => {
      const row = ids.subarray(i * k, (i + 1) * k);
      const end = row.indexOf(-1);
      return end < 0 ? row : row.subarray(0, end);
    });
  }

  close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.stdin!.end();
    });
  }

  private request(op: number, parts: readonly Uint8Array[]): Promise<Buffer> {
    if (this.exited) return Promise.reject(this.exited);
    if (this.pending) return Promise.reject(new Error('python peer: a request is already in flight'));
    const frame = Buffer.alloc(FRAME_BYTES);
    frame.writeUInt32LE(op, 0);
    frame.writeBigUInt64LE(BigInt(parts.reduce((s, p) => s + p.byteLength, 0)), 4);
    return new Promise<Buffer>((resolve, reject) => {
      this.pending = { resolve, reject };
      this.child.stdin!.write(Buffer.concat([frame, ...parts]));
    });
  }

  private onData(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.buffered += chunk.byteLength;
    while (this.buffered >= FRAME_BYTES) {
      if (this.chunks[0].byteLength < FRAME_BYTES) this.chunks = [Buffer.concat(this.chunks)];
      const length = Number(this.chunks[0].readBigUInt64LE(4));
      if (this.buffered < FRAME_BYTES + length) return;
      const frame = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
      const status = frame.readUInt32LE(0);
      const body = frame.subarray(FRAME_BYTES, FRAME_BYTES + length);
      const rest = frame.subarray(FRAME_BYTES + length);
      this.chunks = rest.byteLength ? [rest] : [];
      this.buffered = rest.byteLength;
      const p = this.pending;
      this.pending = undefined;
      if (status === STATUS_OK) p?.resolve(body);
      else p?.reject(new Error(`python peer: ${body.toString('utf8')}`));
    }
  }

  private fail(err: Error): void {
    this.exited ??= err;
    const p = this.pending;
    this.pending = undefined;
    p?.reject(this.exited);
  }
}

/**
 * A BenchSystem answered by a Python peer. Filters are evaluated here into bitmaps, for
 * every workload query before the clock starts (`prepare`), so the peer's figures carry
 * no filter evaluation.
 */
export abstract class PythonPeerSystem implements BenchSystem {
  abstract readonly name: string;
  abstract description: string;
  sweep?: SweepParam;
  private peer: PythonPeerProcess | undefined;
  private table: PayloadTable | undefined;
  private n = 0;
  private vectorBytes = 0;
  private readonly bitmaps = new WeakMap<Filter, Uint8Array>();
  private cachedBytes = 0;
  private log: (message: string) => void = () => {};

  /** The script under bench/peers/python, the environment it runs in, and its OPEN config besides the vectors. */
  protected abstract readonly script: string;
  protected env(): NodeJS.ProcessEnv {
    return process.env;
  }
  protected abstract openConfig(ctx: BuildContext): Record<string, unknown>;

  async build(ctx: BuildContext): Promise<void> {
    const { dataset } = ctx;
    const path = join(ctx.workDir, 'vectors.npy');
    const npy = writeNpy({ rows: dataset.n, dim: dataset.dim, data: dataset.vectors });
    writeAtomic(path, npy);
    this.vectorBytes = npy.byteLength;
    this.table = ctx.table;
    this.n = dataset.n;
    this.log = ctx.log;
    this.peer = new PythonPeerProcess(this.script, this.env());
    ctx.progress(`${this.name}: build`, 0, 1);
    const notes = await this.peer.open({ vectors: path, ...this.openConfig(ctx) });
    for (const note of notes) ctx.log(`${this.name}: ${note}`);
    // What the peer found (library versions, the BLAS kernel) belongs with what it is.
    this.description += `; ${notes.join('; ')}`;
    ctx.progress(`${this.name}: build`, 1, 1);
  }

  prepare(reqs: readonly SearchRequest[]): Promise<void> {
    for (const r of reqs) if (r.filter) this.bitmapOf(r.filter);
    if (this.cachedBytes >= BITMAP_CACHE_BYTES) this.log(`${this.name}: bitmap cache full; the rest of the filters are evaluated, and charged, when searched`);
    return Promise.resolve();
  }

  async search(req: SearchRequest, param: number): Promise<ArrayLike<number>> {
    return (await this.searchBatch([req], param))[0];
  }

  searchBatch(reqs: readonly SearchRequest[], param: number): Promise<ArrayLike<number>[]> {
    const k = Math.max(...reqs.map((r) => r.k));
    const queries = reqs.map((r) => ({ vector: r.vector, bitmap: r.filter && this.bitmapOf(r.filter) }));
    return this.peer!.search(queries, k, this.n, param).then((ids) => ids.map((row, i) => row.subarray(0, reqs[i].k)));
  }

  diskBytes(): Promise<number> {
    return Promise.resolve(this.vectorBytes);
  }

  externalPid(): number | undefined {
    return this.peer?.pid;
  }

  async close(): Promise<void> {
    await this.peer?.close();
    this.peer = undefined;
  }

  private bitmapOf(filter: Filter): Uint8Array {
    const cached = this.bitmaps.get(filter);
    if (cached) return cached;
    const bits = filterBitmap(filter, this.table!);
    if (this.cachedBytes + bits.byteLength <= BITMAP_CACHE_BYTES) {
      this.bitmaps.set(filter, bits);
      this.cachedBytes += bits.byteLength;
    }
    return bits;
  }
}
