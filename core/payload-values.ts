// The values a payload holds under a key, with Qdrant's semantics: a dotted
// key walks into nested objects, arrays met on the way are walked element by
// element, and an array at the end contributes its elements. Every filter
// evaluator (reference, SQL function, column cache) takes values from here,
// so they cannot disagree about what a key means.

export function splitKey(key: string): string[] {
  return key.split('.').map((p) => (p.endsWith('[]') ? p.slice(0, -2) : p));
}

export interface FieldValues {
  /** The key exists somewhere along the path (even with a null value). */
  present: boolean;
  /** Leaf values with leaf arrays flattened one level; may contain null. */
  values: unknown[];
  /** Number of values as Qdrant counts them: array length, 1 for a scalar or null. */
  count: number;
}

export function fieldValues(payload: unknown, parts: readonly string[]): FieldValues {
  let current: unknown[] = [payload];
  for (const part of parts) {
    const next: unknown[] = [];
    for (const node of current) {
      if (Array.isArray(node)) {
        for (const el of node) if (el !== null && typeof el === 'object' && !Array.isArray(el) && Object.hasOwn(el, part)) next.push((el as Record<string, unknown>)[part]);
      } else if (node !== null && typeof node === 'object' && Object.hasOwn(node, part)) {
        next.push((node as Record<string, unknown>)[part]);
      }
    }
    current = next;
    if (current.length === 0) return { present: false, values: [], count: 0 };
  }
  const values: unknown[] = [];
  let count = 0;
  for (const v of current) {
    if (Array.isArray(v)) {
      values.push(...v);
      count += v.length;
    } else {
      values.push(v);
      count += 1;
    }
  }
  return { present: true, values, count };
}

/** Milliseconds since the epoch of an RFC 3339 date-time (or date), or undefined when it is not one. */
export function parseDatetime(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  if (!/^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?([Zz]|[+-]\d{2}:?\d{2})?$/.test(value)) return undefined;
  // Without a zone, RFC 3339 values are taken as UTC (as Qdrant does).
  const hasZone = /([Zz]|[+-]\d{2}:?\d{2})$/.test(value) && value.length > 10;
  const normalised = value.replace(' ', 'T');
  const ms = Date.parse(hasZone ? normalised : value.length === 10 ? `${normalised}T00:00:00Z` : `${normalised}Z`);
  return Number.isNaN(ms) ? undefined : ms;
}

export interface Bounds {
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
}

export function inBounds(x: number, b: Bounds): boolean {
  return (b.gt === undefined || x > b.gt) && (b.gte === undefined || x >= b.gte) && (b.lt === undefined || x < b.lt) && (b.lte === undefined || x <= b.lte);
}
