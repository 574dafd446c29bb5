// What every dataset is once loaded: n dense rows with a float32 vector each and
// a JSON payload. Row r is point id r in every system; loaders that read external
// ids keep them in `externalIds` for reference only.

export type PayloadValue = string | number | boolean | string[] | number[];
export type Payload = Record<string, PayloadValue>;

export interface Dataset {
  /** Identifies the dataset and its parameters, e.g. "kg-synth-n10000-d128-s42". */
  readonly name: string;
  readonly dim: number;
  readonly n: number;
  /** Row-major, n * dim. */
  readonly vectors: Float32Array;
  readonly payloads: readonly Payload[];
  readonly externalIds?: readonly (number | string)[];
}

export function vectorOf(ds: Pick<Dataset, 'vectors' | 'dim'>, row: number): Float32Array {
  return ds.vectors.subarray(row * ds.dim, (row + 1) * ds.dim);
}

/** Checks the invariants loaders must establish; throws with the first violation. */
export function checkDataset(ds: Dataset): void {
  if (!Number.isInteger(ds.dim) || ds.dim < 1) throw new Error(`${ds.name}: bad dimension ${ds.dim}`);
  if (ds.vectors.length !== ds.n * ds.dim) {
    throw new Error(`${ds.name}: ${ds.vectors.length} floats for ${ds.n} x ${ds.dim}`);
  }
  if (ds.payloads.length !== ds.n) throw new Error(`${ds.name}: ${ds.payloads.length} payloads for ${ds.n} rows`);
  for (let i = 0; i < ds.vectors.length; i++) {
    if (!Number.isFinite(ds.vectors[i])) throw new Error(`${ds.name}: non-finite value in row ${Math.floor(i / ds.dim)}`);
  }
}
