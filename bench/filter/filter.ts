// The filter language of the harness: the subset of Qdrant's REST filter shape
// that workloads use and every system must understand (must / should / must_not,
// match value / any / except, range). Plain JSON, so a workload file can be sent
// to a Qdrant-compatible server unchanged.

export type Scalar = string | number | boolean;

export type Match = { value: Scalar } | { any: string[] | number[] } | { except: string[] | number[] };

export interface Range {
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
}

export interface FieldCondition {
  key: string;
  match?: Match;
  range?: Range;
}

export interface Filter {
  must?: Condition[];
  should?: Condition[];
  must_not?: Condition[];
}

export type Condition = FieldCondition | Filter;

export function isFieldCondition(c: Condition): c is FieldCondition {
  return typeof (c as FieldCondition).key === 'string';
}

/** Thrown for a filter outside the supported subset; names the offending part. */
export class UnsupportedFilterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedFilterError';
  }
}

/** Every field a filter mentions, in first-seen order. */
export function filterKeys(filter: Filter): string[] {
  const keys = new Set<string>();
  const walk = (f: Filter): void => {
    for (const list of [f.must, f.should, f.must_not]) {
      for (const c of list ?? []) {
        if (isFieldCondition(c)) keys.add(c.key);
        else walk(c);
      }
    }
  };
  walk(filter);
  return [...keys];
}
