// A columnar copy of the payloads, so a filter can be evaluated per row with a
// few typed-array lookups (hnswlib's filter callback runs ~10k times a query).
// Keywords are dictionary-encoded; keyword arrays are stored CSR-style.

import type { Payload } from '../datasets/dataset.js';

export interface KeywordColumn {
  readonly kind: 'keyword';
  readonly dict: readonly string[];
  readonly codeOf: ReadonlyMap<string, number>;
  /** Dictionary code per row, -1 where the field is missing. */
  readonly codes: Int32Array;
}

export interface NumberColumn {
  readonly kind: 'number';
  /** NaN where the field is missing. */
  readonly values: Float64Array;
  readonly integer: boolean;
}

export interface KeywordArrayColumn {
  readonly kind: 'keyword[]';
  readonly dict: readonly string[];
  readonly codeOf: ReadonlyMap<string, number>;
  /** Row r's codes are codes[offsets[r] .. offsets[r + 1]). */
  readonly offsets: Int32Array;
  readonly codes: Int32Array;
}

export type Column = KeywordColumn | NumberColumn | KeywordArrayColumn;

export interface PayloadTable {
  readonly n: number;
  readonly columns: ReadonlyMap<string, Column>;
}

type Kind = Column['kind'];

/** Infers each top-level field's kind from its values and builds the columns; other shapes are skipped. */
export function buildPayloadTable(payloads: readonly Payload[]): PayloadTable {
  const kinds = new Map<string, Kind | 'mixed'>();
  for (const p of payloads) {
    for (const [key, value] of Object.entries(p)) {
      const kind = kindOf(value);
      const seen = kinds.get(key);
      if (seen === undefined) kinds.set(key, kind);
      else if (seen !== kind) kinds.set(key, 'mixed');
    }
  }
  const columns = new Map<string, Column>();
  for (const [key, kind] of kinds) {
    if (kind === 'keyword') columns.set(key, keywordColumn(payloads, key));
    else if (kind === 'number') columns.set(key, numberColumn(payloads, key));
    else if (kind === 'keyword[]') columns.set(key, keywordArrayColumn(payloads, key));
  }
  return { n: payloads.length, columns };
}

function kindOf(value: unknown): Kind | 'mixed' {
  if (typeof value === 'string') return 'keyword';
  if (typeof value === 'number') return 'number';
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return 'keyword[]';
  return 'mixed';
}

function dictionary(): { dict: string[]; codeOf: Map<string, number>; code: (s: string) => number } {
  const dict: string[] = [];
  const codeOf = new Map<string, number>();
  const code = (s: string): number => {
    let c = codeOf.get(s);
    if (c === undefined) {
      c = dict.length;
      dict.push(s);
      codeOf.set(s, c);
    }
    return c;
  };
  return { dict, codeOf, code };
}

function keywordColumn(payloads: readonly Payload[], key: string): KeywordColumn {
  const { dict, codeOf, code } = dictionary();
  const codes = new Int32Array(payloads.length).fill(-1);
  payloads.forEach((p, r) => {
    const v = p[key];
    if (typeof v === 'string') codes[r] = code(v);
  });
  return { kind: 'keyword', dict, codeOf, codes };
}

function numberColumn(payloads: readonly Payload[], key: string): NumberColumn {
  const values = new Float64Array(payloads.length).fill(NaN);
  let integer = true;
  payloads.forEach((p, r) => {
    const v = p[key];
    if (typeof v === 'number') {
      values[r] = v;
      if (!Number.isInteger(v)) integer = false;
    }
  });
  return { kind: 'number', values, integer };
}

function keywordArrayColumn(payloads: readonly Payload[], key: string): KeywordArrayColumn {
  const { dict, codeOf, code } = dictionary();
  const offsets = new Int32Array(payloads.length + 1);
  const out: number[] = [];
  payloads.forEach((p, r) => {
    const v = p[key];
    if (Array.isArray(v)) for (const s of v) out.push(code(String(s)));
    offsets[r + 1] = out.length;
  });
  return { kind: 'keyword[]', dict, codeOf, offsets, codes: Int32Array.from(out) };
}
