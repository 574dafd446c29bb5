// Query templates: what a workload's filters look like, per dataset. A template
// is a list of clauses; the generator fills each with values drawn from the data.
// Templates are listed in frequency-rank order (the first is the most frequent).

import type { PayloadTable } from '../filter/payload-table.js';

export type Clause =
  /** field = value (keyword, or a number field with few distinct values). */
  | { kind: 'eq'; field: string }
  /** field IN [...], between min and max values. */
  | { kind: 'in'; field: string; min: number; max: number }
  /** keyword-array field contains a value. */
  | { kind: 'tag'; field: string }
  /** lo <= field < hi around the anchor, covering a quantile width drawn log-uniform in [minWidth, maxWidth]. */
  | { kind: 'range'; field: string; minWidth: number; maxWidth: number }
  /** field >= the (1 - top) quantile, top drawn log-uniform in [minTop, maxTop]. */
  | { kind: 'min'; field: string; minTop: number; maxTop: number };

export interface Template {
  readonly name: string;
  readonly clauses: readonly Clause[];
}

export const KG_SYNTH_TEMPLATES: readonly Template[] = [
  { name: 'genre', clauses: [{ kind: 'eq', field: 'genre' }] },
  { name: 'type+genre', clauses: [{ kind: 'eq', field: 'type' }, { kind: 'eq', field: 'genre' }] },
  { name: 'year-range', clauses: [{ kind: 'range', field: 'year', minWidth: 0.003, maxWidth: 0.6 }] },
  { name: 'type', clauses: [{ kind: 'eq', field: 'type' }] },
  { name: 'no-filter', clauses: [] },
  { name: 'tag', clauses: [{ kind: 'tag', field: 'tags' }] },
  { name: 'genre-in', clauses: [{ kind: 'in', field: 'genre', min: 2, max: 5 }] },
  {
    name: 'type+country+year',
    clauses: [{ kind: 'eq', field: 'type' }, { kind: 'eq', field: 'country' }, { kind: 'range', field: 'year', minWidth: 0.02, maxWidth: 0.5 }],
  },
  { name: 'popular', clauses: [{ kind: 'min', field: 'popularity', minTop: 0.0003, maxTop: 0.5 }] },
  { name: 'country+popularity', clauses: [{ kind: 'eq', field: 'country' }, { kind: 'range', field: 'popularity', minWidth: 0.01, maxWidth: 0.5 }] },
  { name: 'country', clauses: [{ kind: 'eq', field: 'country' }] },
];

export const MNIST_TEMPLATES: readonly Template[] = [
  { name: 'label', clauses: [{ kind: 'eq', field: 'label' }] },
  { name: 'no-filter', clauses: [] },
  { name: 'ink-range', clauses: [{ kind: 'range', field: 'ink', minWidth: 0.001, maxWidth: 0.6 }] },
  { name: 'label-in', clauses: [{ kind: 'in', field: 'label', min: 2, max: 4 }] },
  { name: 'label+ink', clauses: [{ kind: 'eq', field: 'label' }, { kind: 'range', field: 'ink', minWidth: 0.01, maxWidth: 0.5 }] },
];

// Fashion-MNIST's classes are equally frequent (10% each), so the skew comes from
// the shape attributes (width = 28 is 36% of the images, width = 6 is 0.006%) and
// the most frequent templates combine a class with one of them, as kg-synth's do.
export const FASHION_MNIST_TEMPLATES: readonly Template[] = [
  { name: 'category+brightness', clauses: [{ kind: 'eq', field: 'category' }, { kind: 'range', field: 'brightness', minWidth: 0.002, maxWidth: 0.5 }] },
  { name: 'category+width', clauses: [{ kind: 'eq', field: 'category' }, { kind: 'eq', field: 'width' }] },
  { name: 'ink-range', clauses: [{ kind: 'range', field: 'ink', minWidth: 0.001, maxWidth: 0.6 }] },
  { name: 'category', clauses: [{ kind: 'eq', field: 'category' }] },
  { name: 'no-filter', clauses: [] },
  { name: 'width', clauses: [{ kind: 'eq', field: 'width' }] },
  {
    name: 'split+category+ink',
    clauses: [{ kind: 'eq', field: 'split' }, { kind: 'eq', field: 'category' }, { kind: 'range', field: 'ink', minWidth: 0.02, maxWidth: 0.5 }],
  },
  { name: 'category-in', clauses: [{ kind: 'in', field: 'category', min: 2, max: 4 }] },
  { name: 'bright', clauses: [{ kind: 'min', field: 'brightness', minTop: 0.0003, maxTop: 0.5 }] },
  { name: 'group+height', clauses: [{ kind: 'eq', field: 'group' }, { kind: 'eq', field: 'height' }] },
  { name: 'group', clauses: [{ kind: 'eq', field: 'group' }] },
  { name: 'split', clauses: [{ kind: 'eq', field: 'split' }] },
];

/** Number fields with at most this many distinct values are treated as categories. */
const MAX_CATEGORIES = 1000;

/** Templates for a dataset nobody wrote templates for: one per field, one pair, and no filter. */
export function deriveTemplates(table: PayloadTable): Template[] {
  const single: Template[] = [];
  for (const [field, col] of table.columns) {
    if (col.kind === 'keyword') single.push({ name: field, clauses: [{ kind: 'eq', field }] });
    else if (col.kind === 'keyword[]') single.push({ name: field, clauses: [{ kind: 'tag', field }] });
    else if (new Set(col.values).size <= MAX_CATEGORIES && col.integer) single.push({ name: field, clauses: [{ kind: 'eq', field }] });
    else single.push({ name: `${field}-range`, clauses: [{ kind: 'range', field, minWidth: 0.001, maxWidth: 0.5 }] });
  }
  const out: Template[] = [...single.slice(0, 1), { name: 'no-filter', clauses: [] }, ...single.slice(1)];
  if (single.length >= 2) {
    out.push({ name: `${single[0].name}+${single[1].name}`, clauses: [...single[0].clauses, ...single[1].clauses] });
  }
  return out;
}
