// Number formatting shared by the report writers.

export function fmt(v: number | undefined, digits = 1): string {
  if (v === undefined || !Number.isFinite(v)) return '–';
  return v.toFixed(digits);
}

export function fmtQps(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return '–';
  return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
}

export function mib(bytes: number | undefined): string {
  return bytes === undefined ? '–' : (bytes / 2 ** 20).toFixed(1);
}

export function pct(v: number): string {
  if (v === 0) return '0%';
  if (v >= 0.1) return `${(100 * v).toFixed(0)}%`;
  if (v >= 0.01) return `${(100 * v).toFixed(1)}%`;
  if (v >= 0.001) return `${(100 * v).toFixed(2)}%`;
  return `${(100 * v).toFixed(3)}%`;
}
