#!/usr/bin/env node
// Entry point of the `hqdb` command: runs the compiled CLI (built by `npm ci` / `npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../dist/server/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  process.stderr.write('hqdb: dist/ is missing; run `npm run build` (npm ci runs it for you)\n');
  process.exit(1);
}
await import(cli.href);
