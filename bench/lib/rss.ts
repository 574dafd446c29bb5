// Peak resident set size, of this process or of another (a server child).

import { readFileSync } from 'node:fs';

/** Peak RSS of this process so far, in bytes. */
export function selfPeakRss(): number {
  return process.resourceUsage().maxRSS * 1024;
}

/** Peak RSS (VmHWM) of a live process, from /proc; undefined where unavailable. */
export function processPeakRss(pid: number): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}
