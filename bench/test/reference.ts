// A deliberately slow, obviously-correct reference for the tests: filters
// evaluated on payload objects (not columns) and k-NN by sorting every distance.

import type { Dataset, Payload, PayloadValue } from '../datasets/dataset.js';
import { isFieldCondition, type Condition, type Filter } from '../filter/filter.js';

function values(v: PayloadValue | undefined): (string | number | boolean)[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

function holds(c: Condition, p: Payload): boolean {
  if (!isFieldCondition(c)) return referenceMatches(c, p);
  const vs = values(p[c.key]);
  if (c.range) {
    const r = c.range;
    return vs.some(
      (v) =>
        typeof v === 'number' &&
        (r.gt === undefined || v > r.gt) &&
        (r.gte === undefined || v >= r.gte) &&
        (r.lt === undefined || v < r.lt) &&
        (r.lte === undefined || v <= r.lte),
    );
  }
  const m = c.match!;
  if ('value' in m) return vs.some((v) => v === m.value);
  if ('any' in m) return vs.some((v) => (m.any as (string | number)[]).includes(v as string | number));
  return vs.some((v) => !(m.except as (string | number)[]).includes(v as string | number));
}

export function referenceMatches(f: Filter, p: Payload): boolean {
  if (f.must && !f.must.every((c) => holds(c, p))) return false;
  if (f.should && f.should.length > 0 && !f.should.some((c) => holds(c, p))) return false;
  if (f.must_not && f.must_not.some((c) => holds(c, p))) return false;
  return true;
}

export function referenceKnn(ds: Dataset, query: Float32Array, k: number, filter?: Filter): number[] {
  const scored: { row: number; d: number }[] = [];
  for (let r = 0; r < ds.n; r++) {
    if (filter && !referenceMatches(filter, ds.payloads[r])) continue;
    let d = 0;
    for (let j = 0; j < ds.dim; j++) d += (ds.vectors[r * ds.dim + j] - query[j]) ** 2;
    scored.push({ row: r, d });
  }
  scored.sort((a, b) => a.d - b.d || a.row - b.row);
  return scored.slice(0, k).map((s) => s.row);
}
