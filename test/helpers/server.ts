// Servers for integration tests: a fresh in-process server on port 0 in its own
// temp data dir, or the real CLI as a child process (for SIGKILL and restart
// tests). Whatever a helper starts or creates is torn down when the test that
// called it finishes (onTestFinished runs after afterEach, also on failure), so
// no test can see another's server or data and the order of tests never matters.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import type { Config, DeepPartial } from '../../core/config.js';
import { PROJECT_ROOT } from '../../core/paths.js';
import { startServer, type RunningServer } from '../../server/main.js';

/** A temp data dir, removed when the current test finishes (after its servers stop). */
export async function tempDataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'hqdb-it-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

export interface TestServer extends RunningServer {
  dataDir: string;
}

/** Starts the server in this process on 127.0.0.1, HTTP and gRPC on port 0, with a fresh data dir (or `dataDir`). */
export async function startTestServer(overrides: DeepPartial<Config> = {}, dataDir?: string): Promise<TestServer> {
  const dir = dataDir ?? (await tempDataDir());
  const server = await startServer(
    {
      ...overrides,
      service: { host: '127.0.0.1', http_port: 0, grpc_port: 0, ...overrides.service },
      // No periodic snapshots: tests that want one stop the server (close writes it).
      storage: { path: dir, snapshot_interval_s: 0, ...overrides.storage },
      log: { level: 'silent', ...overrides.log },
    },
    {}, // ignore the HQDB__* variables of whoever runs the tests
  );
  onTestFinished(() => server.close());
  return { ...server, dataDir: dir };
}

/** One pino JSON line of the child's stdout. */
export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export const LOG_LEVEL = { warn: 40, error: 50 } as const;

export interface ChildServer {
  url: string;
  child: ChildProcess;
  dataDir: string;
  /** Every JSON log line seen so far (stdout), in order. */
  logs: LogLine[];
  /** Everything written to stderr so far. */
  stderr(): string;
  /** Resolves with the exit code (null when killed by a signal) and the signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends SIGTERM and waits for a graceful exit. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends SIGKILL and waits until the process is gone. */
  kill(): Promise<void>;
}

const READY_TIMEOUT_MS = 30_000;

/**
 * Runs `hqdb serve` (the CLI, through tsx) on `dataDir` and an ephemeral port,
 * resolving when the "hqdb ready" line appears. The process is SIGKILLed when
 * the test finishes if it is still running.
 */
export async function spawnServer(dataDir: string, extraEnv: Record<string, string> = {}): Promise<ChildServer> {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('HQDB')) env[k] = v;
  Object.assign(env, {
    HQDB__STORAGE__PATH: dataDir,
    HQDB__SERVICE__HTTP_PORT: '0',
    HQDB__SERVICE__GRPC_PORT: '0',
    HQDB__SERVICE__HOST: '127.0.0.1',
    HQDB__LOG__LEVEL: 'info',
    ...extraEnv,
  });
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'serve'], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const running = (): boolean => child.exitCode === null && child.signalCode === null;
  onTestFinished(async () => {
    if (running()) {
      child.kill('SIGKILL');
      await exited;
    }
  });

  const logs: LogLine[] = [];
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const url = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error(`server not ready after ${READY_TIMEOUT_MS} ms; stderr:\n${stderr}`)), READY_TIMEOUT_MS);
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      buffered += s;
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        let parsed: LogLine;
        try {
          parsed = JSON.parse(line) as LogLine;
        } catch {
          continue; // not a log line
        }
        logs.push(parsed);
        if (parsed.msg === 'hqdb ready' && typeof parsed.url === 'string') {
          clearTimeout(timer);
          resolve(parsed.url);
        }
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`server exited (code ${code}, signal ${signal}) before it was ready; stderr:\n${stderr}`));
    });
  });

  return {
    url,
    child,
    dataDir,
    logs,
    stderr: () => stderr,
    exited,
    async stop() {
      if (running()) child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      if (running()) child.kill('SIGKILL');
      await exited;
    },
  };
}
