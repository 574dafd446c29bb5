// Loads the optional, bench-only packages installed in bench/peers (peer
// databases, MNIST, the plotting library). A missing package is reported as a
// PeerMissingError with the install command, never as a crash.

import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** bench/peers, or $HQDB_BENCH_PEERS (another install of the same package.json). */
export const PEERS_DIR = process.env.HQDB_BENCH_PEERS ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'peers');
export const PEERS_INSTALL = 'npm --prefix bench/peers ci';

export class PeerMissingError extends Error {
  constructor(readonly pkg: string) {
    super(`${pkg} is not installed (bench-only peer); install the peers with: ${PEERS_INSTALL}`);
    this.name = 'PeerMissingError';
  }
}

const peerRequire = createRequire(join(PEERS_DIR, 'package.json'));

/** Absolute path of a file inside a peer package, or PeerMissingError. */
export function peerPath(pkg: string, file = ''): string {
  const root = join(PEERS_DIR, 'node_modules', pkg);
  if (!existsSync(join(root, 'package.json'))) throw new PeerMissingError(pkg);
  return join(root, file);
}

/** Imports a peer package resolved from bench/peers/node_modules. */
export async function importPeer<T>(pkg: string): Promise<T> {
  peerPath(pkg);
  let resolved: string;
  try {
    resolved = peerRequire.resolve(pkg);
  } catch {
    throw new PeerMissingError(pkg);
  }
  return (await import(pathToFileURL(resolved).href)) as T;
}

export function peerInstalled(pkg: string): boolean {
  return existsSync(join(PEERS_DIR, 'node_modules', pkg, 'package.json'));
}
