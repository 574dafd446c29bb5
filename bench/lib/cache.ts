// The on-disk cache (bench/.cache, outside git, or $HQDB_BENCH_CACHE): datasets,
// workloads and ground truth are computed once per parameters and content.

import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');

export function cacheDir(): string {
  return process.env.HQDB_BENCH_CACHE ?? join(BENCH_DIR, '.cache');
}

export function cachePath(...parts: string[]): string {
  return join(cacheDir(), ...parts);
}

/** Writes via a temp file and rename, so a killed run never leaves a torn cache entry. */
export function writeAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

export function readIfExists(path: string): Buffer | undefined {
  return existsSync(path) ? readFileSync(path) : undefined;
}

/** FNV-1a over bytes, as 8 hex digits: a content fingerprint for cache keys. */
export function fingerprint(...chunks: (Uint8Array | string)[]): string {
  let h = 0x811c9dc5;
  for (const chunk of chunks) {
    const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
    for (let i = 0; i < bytes.length; i++) {
      h ^= bytes[i];
      h = Math.imul(h, 0x01000193);
    }
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

export function bytesOf(a: Float32Array | Int32Array | Float64Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}
