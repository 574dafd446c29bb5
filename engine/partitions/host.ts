// The main thread's side of the partition workers: starts them, assigns each
// partition to one (the least loaded), forwards writes, searches and
// snapshots, and restarts a worker that dies. A restarted worker's partitions
// are reopened from their snapshots and the rows the engine replays from
// SQLite (`onRestart`), so no acknowledged write is lost; searches meant for
// it wait until that is done, and writes meant for it in the meantime are
// dropped because the replay reads them back from SQLite.
//
// With `mirrors` (config index.mirrors, off by default: bench/README.md says
// why), a flat partition whose writes have paused is shared by its owner as a
// read-only mirror (protocol.ts Mirror), which the host forwards to every other
// worker: while no write has been posted to the partition since, any of them
// may serve its searches (`replicas`), so that one partition's queries keep
// every core busy. Mirrors hold the same rows, clusters and live labels as the
// owner, so they give the same answers; a write makes them stale at once (the
// host stops routing to them before posting it) until the owner shares again.

import { availableParallelism } from 'node:os';
import type { EventLoopUtilization } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { HqdbError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { PlannerThresholds } from '../plan/planner.js';
import type { BatchReply, Command, Mirror, OpenReply, SearchBatchCommand, PartitionSpec, Placement, PartitionStats, Reply, WriteBatch } from './protocol.js';

const IS_TS = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(IS_TS ? './worker.ts' : './worker.js', import.meta.url);

/** Under tsx (tests, benchmarks) the worker is TypeScript: register tsx's loader in the worker first. */
function newWorker(name: string): Worker {
  if (!IS_TS) return new Worker(WORKER_URL, { name });
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(WORKER_URL.href)}); })`;
  return new Worker(boot, { eval: true, name });
}

const MAX_CRASHES_PER_MINUTE = 5;

interface Pending {
  resolve(v: unknown): void;
  reject(e: Error): void;
}

class WorkerSlot {
  worker!: Worker;
  readonly pending = new Map<number, Pending>();
  readonly keys = new Set<string>();
  /** Points in the partitions it owns (for balancing). */
  load = 0;
  /** The same, per layout: a layout's partitions are spread over the workers by their own sizes. */
  readonly layoutLoad = new Map<string, number>();
  recovering: Promise<void> | undefined;
  crashes = 0;
  recentCrashes: number[] = [];
  constructor(readonly index: number) {}
}

export interface HostOptions {
  workers: number;
  /** Share flat partitions with the other workers (config index.mirrors). */
  mirrors?: boolean;
  thresholds: PlannerThresholds;
  sliceMs: number;
}

export type RestartHandler = (keys: string[]) => Promise<void>;

export class PartitionHost {
  private readonly slots: WorkerSlot[];
  private readonly owner = new Map<string, WorkerSlot>();
  /** The layout of each partition that belongs to one. */
  private readonly layoutOf = new Map<string, string>();
  private readonly stats = new Map<string, PartitionStats>();
  /**
   * Partitions of a restarted worker whose replay has not read SQLite yet: writes to them
   * are dropped, since the replay will read them back. `resume` ends that, just before the read.
   */
  private readonly paused = new Set<string>();
  /**
   * Written labels posted per partition since it was opened, against which a stats report's
   * `received` counts those the worker had applied (so backlog is never under-reported, even
   * by a report that crossed a write on its way); and, until its first report, the rows a
   * newly opened partition is about to be sent.
   */
  private readonly posted = new Map<string, number>();
  private readonly opening = new Map<string, number>();
  /** Per partition, its current mirror: the writes it covers and the workers holding it. */
  private readonly mirrors = new Map<string, { mirror: Mirror; slots: WorkerSlot[] }>();
  private nextId = 1;
  private closed = false;
  onRestart: RestartHandler = async () => {};

  private constructor(private readonly options: HostOptions, private readonly log: Logger) {
    const n = options.workers > 0 ? options.workers : Math.min(4, Math.max(1, availableParallelism()));
    this.slots = Array.from({ length: n }, (_, i) => new WorkerSlot(i));
  }

  static async start(options: HostOptions, log: Logger): Promise<PartitionHost> {
    const host = new PartitionHost(options, log);
    await Promise.all(host.slots.map((s) => host.spawn(s)));
    return host;
  }

  get workerCount(): number {
    return this.slots.length;
  }

  private async spawn(slot: WorkerSlot): Promise<void> {
    const worker = newWorker(`hqdb-partitions-${slot.index}`);
    slot.worker = worker;
    worker.on('message', (msg: Reply) => this.receive(slot, msg));
    worker.on('error', (err) => {
      if (!this.closed) this.log.error({ err, worker: slot.index }, 'partition worker failed');
    });
    worker.on('exit', (code) => {
      if (worker === slot.worker && !this.closed) this.restart(slot, code);
    });
    const mirrors = (this.options.mirrors ?? false) && this.slots.length > 1;
    await this.call(slot, { op: 'init', id: 0, thresholds: this.options.thresholds, sliceMs: this.options.sliceMs, mirrors });
  }

  private receive(slot: WorkerSlot, msg: Reply): void {
    if (msg.op === 'stats') {
      for (const s of msg.parts) this.report(s);
      return;
    }
    if (msg.op === 'mirror') {
      this.mirrored(slot, msg.mirror);
      return;
    }
    const p = slot.pending.get(msg.id);
    if (!p) return;
    slot.pending.delete(msg.id);
    if ('error' in msg) p.reject(new Error(`partition worker ${slot.index}: ${msg.error.message}`));
    else p.resolve(msg.result);
  }

  private restart(slot: WorkerSlot, code: number): void {
    slot.crashes++;
    const now = Date.now();
    slot.recentCrashes = slot.recentCrashes.filter((t) => now - t < 60_000);
    slot.recentCrashes.push(now);
    this.log.error({ worker: slot.index, exit_code: code, partitions: slot.keys.size, crashes: slot.crashes }, 'partition worker exited; restarting it from persisted state');
    for (const p of slot.pending.values()) p.reject(new HqdbError('INDEX_UNAVAILABLE', 'the index worker serving this collection restarted; retry the request'));
    slot.pending.clear();
    const keys = [...slot.keys];
    for (const k of keys) {
      this.stats.delete(k);
      this.paused.add(k);
      this.unmirror(k);
    }
    // Its mirrors of other workers' partitions are gone with it.
    for (const m of this.mirrors.values()) m.slots = m.slots.filter((s) => s !== slot);
    if (slot.recentCrashes.length > MAX_CRASHES_PER_MINUTE) {
      this.log.fatal({ worker: slot.index }, `partition worker crashed ${slot.recentCrashes.length} times in a minute; not restarting it`);
      slot.recovering = Promise.reject(new HqdbError('INDEX_UNAVAILABLE', 'the index worker keeps crashing; see the server log'));
      slot.recovering.catch(() => undefined);
      return;
    }
    slot.recovering = (async () => {
      try {
        await this.spawn(slot);
        // The other workers' mirrors it held, again (stale ones are never routed to).
        for (const m of this.mirrors.values()) {
          if (this.owner.get(m.mirror.key) === slot || m.slots.includes(slot)) continue;
          slot.worker.postMessage({ op: 'mirror', mirror: m.mirror } satisfies Command);
          m.slots.push(slot);
        }
        await this.onRestart(keys);
        this.log.info({ worker: slot.index, partitions: keys.length }, 'partition worker restarted');
      } catch (err) {
        this.log.error({ err, worker: slot.index }, 'partition worker could not be restarted');
      } finally {
        slot.recovering = undefined;
      }
    })();
  }

  private call<T>(slot: WorkerSlot, cmd: Command & { id: number }, transfer?: ArrayBuffer[]): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      slot.pending.set(cmd.id, { resolve: resolve as (v: unknown) => void, reject });
      slot.worker.postMessage(cmd, transfer ?? []);
    });
  }

  private id(): number {
    return this.nextId++;
  }

  private slotOf(key: string): WorkerSlot {
    const s = this.owner.get(key);
    if (!s) throw new HqdbError('INTERNAL', `partition ${key} has no worker`);
    return s;
  }

  /** Which worker owns a partition (for explain and the layout view). */
  workerOf(key: string): number {
    return this.slotOf(key).index;
  }

  /**
   * The workers that may serve a search of the partition now: its owner first, then
   * those holding a mirror that covers every write posted to it (none while it is paused
   * for a replay or its owner restarts).
   */
  replicas(key: string): number[] {
    const owner = this.slotOf(key);
    const m = this.mirrors.get(key);
    if (!m || m.mirror.received !== this.posted.get(key) || this.paused.has(key) || owner.recovering) return [owner.index];
    return [owner.index, ...m.slots.filter((s) => !s.recovering).map((s) => s.index)];
  }

  /** A mirror shared by a partition's owner: forwarded to every other worker (port order keeps it ahead of later searches). */
  private mirrored(from: WorkerSlot, mirror: Mirror): void {
    if (this.closed || this.owner.get(mirror.key) !== from || this.paused.has(mirror.key)) return;
    const slots = this.slots.filter((s) => s !== from && !s.recovering);
    for (const s of slots) s.worker.postMessage({ op: 'mirror', mirror } satisfies Command);
    this.mirrors.set(mirror.key, { mirror, slots });
  }

  /** Forgets a partition's mirror and has the workers holding it drop theirs. */
  private unmirror(key: string): void {
    const m = this.mirrors.get(key);
    if (!m) return;
    this.mirrors.delete(key);
    for (const s of m.slots) if (!s.recovering) s.worker.postMessage({ op: 'drop', id: this.id(), key } satisfies Command);
  }

  /**
   * Counts `load` against a layout on the worker that owns partition `key` (the
   * whole-collection index: the share of the layout's workload that routing sends
   * there), so that the layout's own partitions go to the other workers first.
   */
  reserve(layout: string, key: string, load: number): void {
    const slot = this.owner.get(key);
    if (slot && load > 0) slot.layoutLoad.set(layout, (slot.layoutLoad.get(layout) ?? 0) + load);
  }

  /** Assigns a new partition to the least loaded worker and opens it there (from `dir` when it holds a snapshot). */
  async open(key: string, spec: PartitionSpec, dir: string | null, size: number, placement: Placement | null): Promise<OpenReply> {
    let slot = this.owner.get(key);
    if (!slot) {
      // A layout's partitions balance among themselves (so that a batch over them keeps every
      // worker busy, whatever else a worker holds); ties go to the less loaded worker overall.
      const layout = placement?.layout;
      const weight = (s: WorkerSlot): number => (layout ? s.layoutLoad.get(layout) ?? 0 : s.load);
      slot = this.slots.reduce((a, b) => (weight(b) < weight(a) || (weight(b) === weight(a) && b.load < a.load) ? b : a));
      slot.load += size;
      if (layout) {
        slot.layoutLoad.set(layout, (slot.layoutLoad.get(layout) ?? 0) + size);
        this.layoutOf.set(key, layout);
      }
      slot.keys.add(key);
      this.owner.set(key, slot);
    }
    this.unmirror(key);
    this.posted.set(key, 0);
    this.opening.set(key, size);
    return this.call<OpenReply>(slot, { op: 'open', id: this.id(), key, spec, dir, placement });
  }

  private report(s: PartitionStats): void {
    this.stats.set(s.key, s);
    this.opening.delete(s.key);
  }

  /** Reopens a partition on its (restarted) worker. */
  reopen(key: string, spec: PartitionSpec, dir: string | null, placement: Placement | null): Promise<OpenReply> {
    this.unmirror(key);
    this.posted.set(key, 0);
    return this.call<OpenReply>(this.slotOf(key), { op: 'open', id: this.id(), key, spec, dir, placement });
  }

  isRecovering(key: string): boolean {
    return this.owner.get(key)?.recovering !== undefined;
  }

  /** Ends the pause of partitions whose replay is about to read SQLite (call synchronously before the read). */
  resume(keys: Iterable<string>): void {
    for (const k of keys) this.paused.delete(k);
  }

  /** Posts writes; they apply before any later search. Dropped while a restarted partition awaits its replay (which reads them). */
  write(key: string, upserts?: WriteBatch, removes?: Int32Array, restore = false): void {
    const slot = this.slotOf(key);
    if (!restore && this.paused.has(key)) return;
    const n = (upserts?.locals.length ?? 0) + (removes?.length ?? 0);
    if (n === 0) return;
    this.posted.set(key, (this.posted.get(key) ?? 0) + n);
    const transfer = upserts ? [upserts.vectors.buffer as ArrayBuffer] : [];
    slot.worker.postMessage({ op: 'write', key, upserts, removes, restore } satisfies Command, transfer);
  }

  /** Ends a replay; returns the partition's figures before indexing resumes. */
  async finishRestore(key: string): Promise<PartitionStats | null> {
    const s = await this.call<PartitionStats | null>(this.slotOf(key), { op: 'finish-restore', id: this.id(), key });
    if (s) this.report(s);
    return s;
  }

  /** Searches queries on one worker (each query names its targets there; a single query is a batch of one). */
  async searchBatch(worker: number, cmd: Omit<SearchBatchCommand, 'op' | 'id'>): Promise<BatchReply> {
    const slot = this.slots[worker];
    if (slot.recovering) await slot.recovering;
    return this.call<BatchReply>(slot, { ...cmd, op: 'search-batch', id: this.id() });
  }

  /**
   * Resolves once the partition has indexed every row posted to it so far
   * (later writes do not delay it; protocol.ts `settle`): true, or false when
   * the partition is gone. A worker restart in the meantime rejects it.
   */
  async settle(key: string): Promise<boolean> {
    const slot = this.slotOf(key);
    if (slot.recovering) await slot.recovering;
    return this.call<boolean>(slot, { op: 'settle', id: this.id(), key });
  }

  snapshot(key: string, dir: string, seq: number): Promise<boolean> {
    return this.call<boolean>(this.slotOf(key), { op: 'snapshot', id: this.id(), key, dir, seq });
  }

  async drop(key: string): Promise<void> {
    const slot = this.owner.get(key);
    if (!slot) return;
    this.unmirror(key);
    this.owner.delete(key);
    slot.keys.delete(key);
    this.paused.delete(key);
    slot.load -= this.stats.get(key)?.live ?? 0;
    const layout = this.layoutOf.get(key);
    if (layout) {
      this.layoutOf.delete(key);
      if (![...this.layoutOf.values()].includes(layout)) for (const s of this.slots) s.layoutLoad.delete(layout);
    }
    this.stats.delete(key);
    this.posted.delete(key);
    this.opening.delete(key);
    if (slot.recovering) await slot.recovering;
    await this.call(slot, { op: 'drop', id: this.id(), key });
  }

  /** Last reported figures of a partition; backlog includes writes posted since. */
  cached(key: string): PartitionStats {
    const s = this.stats.get(key) ?? { key, live: 0, indexed: 0, backlog: 0, dirty: false, received: 0 };
    const extra = Math.max(0, (this.posted.get(key) ?? 0) - s.received) + (this.opening.get(key) ?? 0);
    return extra > 0 || this.isRecovering(key) ? { ...s, backlog: s.backlog + Math.max(extra, 1) } : s;
  }

  /** Fresh figures of every partition (waits for every write posted so far to apply). */
  async refresh(): Promise<void> {
    await Promise.all(this.slots.map(async (slot) => {
      if (slot.recovering) await slot.recovering;
      const parts = await this.call<PartitionStats[]>(slot, { op: 'stats', id: this.id() });
      for (const s of parts) this.report(s);
    }));
  }

  /** Test hook: makes a worker die as an uncaught exception would. */
  crash(worker: number): void {
    this.slots[worker].worker.postMessage({ op: 'crash' } satisfies Command);
  }

  /** Times a worker has died and been restarted (for tests that make one die). */
  restarts(worker: number): number {
    return this.slots[worker].crashes;
  }

  /** Resolves when no worker is being restarted. */
  async settled(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.recovering));
  }

  /**
   * Event-loop utilisation (busy share) of each worker since `since` (from an
   * earlier call), for the batch benchmarks' thread busy shares.
   */
  utilization(since?: EventLoopUtilization[]): EventLoopUtilization[] {
    return this.slots.map((s, i) => s.worker.performance.eventLoopUtilization(since?.[i]));
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
