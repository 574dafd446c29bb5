// Bytes a directory tree (or file) occupies, for index-size figures.

import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function diskUsage(path: string): number {
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.size;
  let total = 0;
  for (const entry of readdirSync(path)) total += diskUsage(join(path, entry));
  return total;
}
