// Generates a workload from templates: template frequencies are Zipf over the
// template list; the first clause's value is drawn Zipf over the field's values
// by frequency in the data; an "anchor" point satisfying it is picked and the
// other clauses take their values from it, so conjunctions are satisfiable and
// correlated; the query vector is the anchor's vector plus Gaussian noise, so
// query vectors sit near points that satisfy their predicate.

import type { Dataset } from '../datasets/dataset.js';
import type { FieldCondition, Filter } from '../filter/filter.js';
import { compileFilter, countMatches } from '../filter/evaluate.js';
import type { Column, PayloadTable } from '../filter/payload-table.js';
import { Rng, ZipfSampler } from '../lib/rng.js';
import type { Clause, Template } from './templates.js';
import type { HybridQuery, Workload } from './workload.js';

export interface WorkloadOptions {
  count: number;
  k?: number;
  seed?: number;
  /** Zipf exponent of template frequencies. */
  templateSkew?: number;
  /** Zipf exponent of value draws (over values ranked by frequency). */
  valueSkew?: number;
  /** Query noise, as a multiple of the data's per-dimension standard deviation. */
  noise?: number;
  /** Share of the workload that is the "past workload". */
  pastFraction?: number;
}

/** Bumped whenever the generator's output changes, so cached workloads are not reused. */
export const GENERATOR_VERSION = 1;

export function workloadName(dataset: string, o: WorkloadOptions): string {
  return `${dataset}-q${o.count}-k${o.k ?? 10}-s${o.seed ?? 7}-g${GENERATOR_VERSION}`;
}

export function generateWorkload(ds: Dataset, table: PayloadTable, templates: readonly Template[], options: WorkloadOptions): Workload {
  const k = options.k ?? 10;
  const rng = new Rng(options.seed ?? 7);
  const templateZipf = new ZipfSampler(templates.length, options.templateSkew ?? 0.9);
  const fields = new FieldIndex(table, options.valueSkew ?? 0.7);
  const sigma = (options.noise ?? 0.3) * dataStd(ds, rng.fork(1));
  const queries: HybridQuery[] = [];
  const qrng = rng.fork(2);
  while (queries.length < options.count) {
    const template = templates[templateZipf.draw(qrng)];
    const q = drawQuery(ds, table, fields, template, qrng, sigma);
    if (q) queries.push(q);
  }
  return {
    name: workloadName(ds.name, options),
    dataset: ds.name,
    datasetSize: ds.n,
    k,
    pastCount: Math.floor(options.count * (options.pastFraction ?? 0.25)),
    templates: templates.map((t) => t.name),
    queries,
  };
}

function drawQuery(ds: Dataset, table: PayloadTable, fields: FieldIndex, t: Template, rng: Rng, sigma: number): HybridQuery | undefined {
  let anchor = rng.int(ds.n);
  const must: FieldCondition[] = [];
  t.clauses.forEach((clause, i) => {
    if (i === 0) {
      const first = firstClause(clause, fields, rng);
      if (first) {
        must.push(first.condition);
        anchor = first.anchor;
        return;
      }
    }
    must.push(fromAnchor(clause, fields, anchor, rng));
  });
  const filter: Filter | undefined = must.length > 0 ? { must } : undefined;
  // The anchor must satisfy its own query (a field may be missing on it): else draw again.
  if (filter && !compileFilter(filter, table)(anchor)) return undefined;
  const vector = new Float32Array(ds.dim);
  for (let j = 0; j < ds.dim; j++) vector[j] = ds.vectors[anchor * ds.dim + j] + sigma * rng.normal();
  return { template: t.name, vector, filter, matches: countMatches(filter, table) };
}

/** Draws the first clause independently of any anchor, and an anchor that satisfies it. */
function firstClause(c: Clause, fields: FieldIndex, rng: Rng): { condition: FieldCondition; anchor: number } | undefined {
  if (c.kind === 'eq' || c.kind === 'tag' || c.kind === 'in') {
    const cat = fields.categorical(c.field);
    const v = cat.draw(rng);
    const anchor = rng.pick(cat.rowsOf[v]);
    const values = c.kind === 'in' ? withOthers(cat, v, c.min + rng.int(c.max - c.min + 1), rng) : [v];
    return { condition: categoryCondition(c.field, values.map((x) => cat.values[x]), c.kind === 'in'), anchor };
  }
  if (c.kind === 'min') {
    const num = fields.numeric(c.field);
    const top = logUniform(rng, c.minTop, c.maxTop);
    const from = Math.min(num.sortedRows.length - 1, Math.floor(num.sortedRows.length * (1 - top)));
    const bound = num.sortedValues[from];
    // Ties may extend below `from`; any row at or above the bound is a valid anchor.
    const anchor = num.sortedRows[from + rng.int(num.sortedRows.length - from)];
    return { condition: { key: c.field, range: { gte: bound } }, anchor };
  }
  return undefined;
}

function fromAnchor(c: Clause, fields: FieldIndex, anchor: number, rng: Rng): FieldCondition {
  switch (c.kind) {
    case 'eq':
    case 'in': {
      const cat = fields.categorical(c.field);
      const own = cat.codeOfRow(anchor, rng);
      const values = c.kind === 'in' ? withOthers(cat, own, c.min + rng.int(c.max - c.min + 1), rng) : [own];
      return categoryCondition(c.field, values.map((x) => (x < 0 ? '' : cat.values[x])), c.kind === 'in');
    }
    case 'tag': {
      const cat = fields.categorical(c.field);
      const own = cat.codeOfRow(anchor, rng);
      return categoryCondition(c.field, [own < 0 ? '' : cat.values[own]], false);
    }
    case 'range': {
      const num = fields.numeric(c.field);
      const m = num.sortedRows.length;
      const width = logUniform(rng, c.minWidth, c.maxWidth);
      const at = num.positionOf(anchor);
      const loPos = Math.max(0, Math.floor(at - width * m * rng.next()));
      const hiPos = Math.min(m - 1, Math.max(at, Math.ceil(loPos + width * m)));
      const lo = num.sortedValues[loPos];
      const hi = num.sortedValues[hiPos];
      return { key: c.field, range: num.integer ? { gte: lo, lt: hi + 1 } : { gte: lo, lte: hi } };
    }
    case 'min': {
      const num = fields.numeric(c.field);
      return { key: c.field, range: { gte: num.sortedValues[num.positionOf(anchor)] } };
    }
  }
}

function categoryCondition(field: string, values: (string | number)[], asList: boolean): FieldCondition {
  if (!asList) return { key: field, match: { value: values[0] } };
  return { key: field, match: { any: values as string[] | number[] } };
}

function withOthers(cat: Categorical, first: number, size: number, rng: Rng): number[] {
  const out = new Set([first]);
  for (let tries = 0; out.size < Math.min(size, cat.values.length) && tries < 1000; tries++) out.add(cat.draw(rng));
  return [...out];
}

function logUniform(rng: Rng, lo: number, hi: number): number {
  return Math.exp(Math.log(lo) + rng.next() * (Math.log(hi) - Math.log(lo)));
}

/** Square root of the mean per-dimension variance, estimated on up to 2,000 rows. */
function dataStd(ds: Dataset, rng: Rng): number {
  const rows = rng.sample(ds.n, Math.min(ds.n, 2000));
  let total = 0;
  for (let j = 0; j < ds.dim; j++) {
    let s = 0;
    let s2 = 0;
    for (const r of rows) {
      const v = ds.vectors[r * ds.dim + j];
      s += v;
      s2 += v * v;
    }
    const mean = s / rows.length;
    total += Math.max(0, s2 / rows.length - mean * mean);
  }
  return Math.sqrt(total / ds.dim);
}

interface Categorical {
  /** Distinct values, most frequent first; codes below index this. */
  values: (string | number)[];
  rowsOf: number[][];
  draw(rng: Rng): number;
  /** The row's value (a random one of an array field's values), -1 if it has none. */
  codeOfRow(row: number, rng: Rng): number;
}

interface Numeric {
  integer: boolean;
  /** Rows with a value, ascending by value. */
  sortedRows: Int32Array;
  sortedValues: Float64Array;
  positionOf(row: number): number;
}

/** Lazily built per-field lookups the generator needs: value frequencies, row lists, sort orders. */
class FieldIndex {
  private readonly cats = new Map<string, Categorical>();
  private readonly nums = new Map<string, Numeric>();

  constructor(
    private readonly table: PayloadTable,
    private readonly valueSkew: number,
  ) {}

  private column(field: string): Column {
    const col = this.table.columns.get(field);
    if (!col) throw new Error(`workload template uses field "${field}", which the dataset does not have`);
    return col;
  }

  categorical(field: string): Categorical {
    const hit = this.cats.get(field);
    if (hit) return hit;
    const col = this.column(field);
    const rowsByValue = new Map<string | number, number[]>();
    const add = (v: string | number, r: number): void => {
      let list = rowsByValue.get(v);
      if (!list) rowsByValue.set(v, (list = []));
      list.push(r);
    };
    const valuesOfRow: (row: number) => (string | number)[] =
      col.kind === 'keyword'
        ? (r) => (col.codes[r] >= 0 ? [col.dict[col.codes[r]]] : [])
        : col.kind === 'keyword[]'
          ? (r) => Array.from(col.codes.subarray(col.offsets[r], col.offsets[r + 1]), (c) => col.dict[c])
          : (r) => (Number.isNaN(col.values[r]) ? [] : [col.values[r]]);
    for (let r = 0; r < this.table.n; r++) for (const v of valuesOfRow(r)) add(v, r);
    // Most frequent first; ties broken by value so the order is deterministic.
    const entries = [...rowsByValue.entries()].sort((a, b) => b[1].length - a[1].length || String(a[0]).localeCompare(String(b[0])));
    const values = entries.map((e) => e[0]);
    const codeOf = new Map(values.map((v, i) => [v, i]));
    const zipf = new ZipfSampler(values.length, this.valueSkew);
    const cat: Categorical = {
      values,
      rowsOf: entries.map((e) => e[1]),
      draw: (rng) => zipf.draw(rng),
      codeOfRow: (row, rng) => {
        const own = valuesOfRow(row);
        return own.length === 0 ? -1 : codeOf.get(rng.pick(own))!;
      },
    };
    this.cats.set(field, cat);
    return cat;
  }

  numeric(field: string): Numeric {
    const hit = this.nums.get(field);
    if (hit) return hit;
    const col = this.column(field);
    if (col.kind !== 'number') throw new Error(`range template on "${field}", which is not numeric`);
    const rows: number[] = [];
    for (let r = 0; r < this.table.n; r++) if (!Number.isNaN(col.values[r])) rows.push(r);
    rows.sort((a, b) => col.values[a] - col.values[b] || a - b);
    const sortedRows = Int32Array.from(rows);
    const position = new Int32Array(this.table.n).fill(-1);
    sortedRows.forEach((r, i) => (position[r] = i));
    const num: Numeric = {
      integer: col.integer,
      sortedRows,
      sortedValues: Float64Array.from(rows, (r) => col.values[r]),
      positionOf: (row) => position[row],
    };
    this.nums.set(field, num);
    return num;
  }
}
