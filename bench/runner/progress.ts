// Progress for a run: a cli-progress bar on a terminal, plain log lines
// otherwise (CI logs stay readable).

import cliProgress from 'cli-progress';

export interface Progress {
  update(label: string, done: number, total: number): void;
  log(message: string): void;
  stop(): void;
}

export function createProgress(quiet = false): Progress {
  if (quiet) return { update: () => {}, log: () => {}, stop: () => {} };
  if (!process.stderr.isTTY) {
    return { update: () => {}, log: (m) => console.log(m), stop: () => {} };
  }
  const multi = new cliProgress.MultiBar(
    {
      format: ' {label} |{bar}| {value}/{total} {percentage}% | {duration_formatted} elapsed, eta {eta_formatted}',
      hideCursor: true,
      clearOnComplete: true,
      stopOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  let bar: cliProgress.SingleBar | undefined;
  let current = '';
  return {
    update(label, done, total) {
      if (!bar || label !== current) {
        if (bar) multi.remove(bar);
        bar = multi.create(total, done, { label });
        current = label;
      } else {
        bar.setTotal(total);
        bar.update(done, { label });
      }
    },
    log(message) {
      multi.log(`${message}\n`);
    },
    stop() {
      multi.stop();
    },
  };
}
