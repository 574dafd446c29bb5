// The filter semantics, property-tested: for random payloads and random
// filters, the reference evaluator (one point at a time), the SQL
// compilation (count and scroll) and the bitmap evaluation (column cache where
// a field is indexed, SQL elsewhere) must select exactly the same points.
// A second property applies random writes (merges, overwrites, key deletions,
// clears, point deletions, re-upserts, payload updates by filter) and checks
// that the column cache still agrees with the stored payloads.
//
// Payloads mix types on purpose: every field mostly holds its own type but
// sometimes another type, null, an array (with nulls), or an object, so the
// cache's `foreign`/`hasNull`/`present` bookkeeping and the `except` and
// `is_empty` edge cases are exercised. `obj.*` and `arr.*` keys walk nested
// objects and arrays of objects; the literal key "obj.kw" must never be read
// by the filter key `obj.kw`.

import fc from 'fast-check';
import { describe, expect, it, onTestFinished } from 'vitest';
import { pointIdFromKey } from '../../core/point-id.js';
import type { Payload } from '../../core/types.js';
import type { Collection } from '../../engine/collection.js';
import { parseFilter, type Filter } from '../../engine/filter/ast.js';
import type { EvaluationStats } from '../../engine/filter/bitmap.js';
import { matchesFilter } from '../../engine/filter/reference.js';
import type { FieldSchema } from '../../index/field-index.js';
import { Storage } from '../../storage/storage.js';
import { tempEngine } from '../support/engine.js';

const POINTS = 200;
const DIM = 4;
/** Seeded so a failure reproduces; fast-check prints the seed and path to replay a counterexample. */
const SEED = 20251125;
const RUNS = 40;
const FILTERS_PER_RUN = 10;

/** Indexed fields; every other key is evaluated through SQL only. */
const INDEXES: [string, FieldSchema][] = [
  ['kw', 'keyword'],
  ['int', 'integer'],
  ['flt', 'float'],
  ['flag', 'bool'],
  ['ts', 'datetime'],
  ['obj.kw', 'keyword'],
  ['arr.n', 'integer'],
];
/** Keys filters read: indexed, unindexed twins, nested paths, a whole object, a key no payload has. */
const KEYS = ['kw', 'int', 'flt', 'flag', 'ts', 'u_kw', 'u_int', 'u_ts', 'obj', 'obj.kw', 'obj.n', 'obj.deep.x', 'arr.kw', 'arr.n', 'mixed', 'missing'];
/** Ranges on keyword- and bool-indexed keys are refused (tested elsewhere), so filters do not generate them. */
const RANGE_KEYS = KEYS.filter((k) => !['kw', 'flag', 'obj.kw'].includes(k));

const DATES = [
  '2023-12-31T23:59:59Z',
  '2024-01-01T00:00:00Z',
  '2024-01-01T01:00:00+01:00', // the same instant as the one above
  '2024-01-01T00:00:00.500Z',
  '2024-01-01',
  '2024-01-02T12:30:00',
  '2024-03-15T08:00:00-05:00',
  '2024-03-15 13:00:00Z',
];

// ---- payloads ---------------------------------------------------------------

const keyword = fc.constantFrom('a', 'b', 'c', 'd', '');
const integer = fc.integer({ min: -3, max: 3 });
const float = fc.constantFrom(-2.5, -1, 0, 0.5, 1.5, 2, 3.25);
const datetime = fc.constantFrom(...DATES, 'not a date');
const scalar = fc.oneof(keyword, integer, float, fc.boolean(), datetime, fc.constant(null));
const smallObject = fc.record({ a: keyword, kw: keyword, n: integer }, { requiredKeys: [] });

/** A field's value: mostly `typed`, sometimes an array, another type, null or an object. */
function field(typed: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 8, arbitrary: typed },
    { weight: 3, arbitrary: fc.array(fc.oneof({ weight: 4, arbitrary: typed }, { weight: 1, arbitrary: scalar }), { maxLength: 3 }) },
    { weight: 2, arbitrary: scalar },
    { weight: 1, arbitrary: smallObject },
  );
}

const objRecord = fc.record({ kw: field(keyword), n: field(integer), deep: fc.record({ x: field(integer) }, { requiredKeys: [] }) }, { requiredKeys: [] });

const payloadRecord: fc.Arbitrary<Payload> = fc.record({
  kw: field(keyword),
  int: field(integer),
  flt: field(fc.oneof(float, integer)),
  flag: field(fc.boolean()),
  ts: field(datetime),
  u_kw: field(keyword),
  u_int: field(integer),
  u_ts: field(datetime),
  obj: fc.oneof({ weight: 6, arbitrary: objRecord }, { weight: 2, arbitrary: fc.array(objRecord, { maxLength: 2 }) }, { weight: 1, arbitrary: scalar }),
  arr: fc.oneof({ weight: 6, arbitrary: fc.array(fc.record({ kw: field(keyword), n: field(integer) }, { requiredKeys: [] }), { maxLength: 3 }) }, { weight: 1, arbitrary: scalar }),
  'obj.kw': keyword,
  mixed: fc.oneof(scalar, fc.array(scalar, { maxLength: 3 })),
}, { requiredKeys: [] });

const payload: fc.Arbitrary<Payload | null> = fc.option(payloadRecord, { freq: 15, nil: null });

// ---- filters ----------------------------------------------------------------

const key = fc.constantFrom(...KEYS);
const bound = fc.constantFrom(-3, -1.5, 0, 0.5, 1, 2, 2.5, 3);
const numericBounds = fc.record({ gt: bound, gte: bound, lt: bound, lte: bound }, { requiredKeys: [] });
const validDate = fc.constantFrom(...DATES);
const datetimeBounds = fc.record({ gt: validDate, gte: validDate, lt: validDate, lte: validDate }, { requiredKeys: [] });
const countBounds = fc.record({ gt: fc.nat(3), gte: fc.nat(3), lt: fc.nat(4), lte: fc.nat(3) }, { requiredKeys: [] });
const keywords = (minLength: number) => fc.uniqueArray(keyword, { minLength, maxLength: 3 });
const integers = (minLength: number) => fc.uniqueArray(integer, { minLength, maxLength: 3 });

const fieldCondition: fc.Arbitrary<unknown> = fc.oneof(
  fc.record({ key, match: fc.record({ value: fc.oneof(keyword, integer, fc.boolean()) }) }),
  fc.record({ key, match: fc.record({ any: fc.oneof(keywords(1), integers(1)) }) }),
  fc.record({ key, match: fc.record({ except: fc.oneof(keywords(0), integers(0)) }) }),
  fc.record({ key: fc.constantFrom(...RANGE_KEYS), range: numericBounds }),
  fc.record({ key: fc.constantFrom(...RANGE_KEYS), range: datetimeBounds }),
  fc.oneof(fc.record({ is_null: fc.record({ key }) }), fc.record({ key, is_null: fc.constant(true) })),
  fc.oneof(fc.record({ is_empty: fc.record({ key }) }), fc.record({ key, is_empty: fc.constant(true) })),
  fc.record({ key, values_count: countBounds }),
  fc.record({ has_id: fc.uniqueArray(fc.integer({ min: 1, max: POINTS + 5 }), { maxLength: 5 }) }),
);

const { filter: filterArb } = fc.letrec<{ condition: unknown; filter: Record<string, unknown> }>((tie) => ({
  // The leaf comes first: at the depth limit fast-check picks it.
  condition: fc.oneof({ maxDepth: 3, depthIdentifier: 'filter' }, { weight: 6, arbitrary: fieldCondition }, { weight: 1, arbitrary: tie('filter') }),
  // Nested filters name at least one clause: hqdb tells a nested filter from a field condition by its clauses.
  filter: fc.record({
    must: fc.array(tie('condition'), { maxLength: 3, depthIdentifier: 'filter' }),
    should: fc.array(tie('condition'), { maxLength: 3, depthIdentifier: 'filter' }),
    must_not: fc.array(tie('condition'), { maxLength: 2, depthIdentifier: 'filter' }),
    min_should: fc.record({ conditions: fc.array(tie('condition'), { maxLength: 3, depthIdentifier: 'filter' }), min_count: fc.nat(3) }),
  }, { requiredKeys: [] }).filter((f) => Object.keys(f).length > 0),
}));

// ---- the system under test ---------------------------------------------------

interface Env {
  create(indexFirst: boolean, payloads: (Payload | null)[]): Promise<Collection>;
  /** Point id of each label of a collection, read from storage. */
  labelIds(c: Collection): Map<number, number>;
  stats: EvaluationStats;
}

async function environment(): Promise<Env> {
  const env = await tempEngine({ storage: { sync: 'normal' } });
  onTestFinished(() => env.dispose());
  const storage = Storage.open({ dir: env.dir, sync: 'normal' });
  onTestFinished(() => storage.close());
  let runs = 0;
  return {
    stats: { indexed: 0, sql: 0 },
    async create(indexFirst, payloads) {
      const name = `run${runs++}`;
      await env.engine.createCollection(name, { vectors: { size: DIM, distance: 'Euclid' } });
      const c = env.engine.collection(name);
      const index = () => INDEXES.forEach(([k, schema]) => c.createFieldIndex(k, schema, true));
      if (indexFirst) index();
      c.upsert({ points: payloads.map((p, i) => ({ id: i + 1, vector: vectorOf(i + 1), payload: p })) }, true);
      if (!indexFirst) index();
      return c;
    },
    labelIds(c) {
      return new Map([...storage.points.all(c.id)].map((r) => [r.label, Number(pointIdFromKey(r.pid))]));
    },
  };
}

function vectorOf(id: number): number[] {
  return [id % 7, (id * 3) % 11, id % 5, 1];
}

function pidOf(id: number): string {
  return `n${String(id).padStart(20, '0')}`;
}

/** Current payloads, read back from storage through scroll. */
function storedPayloads(c: Collection): Map<number, Payload | null> {
  const { points } = c.scroll({ limit: 10_000, with_payload: true });
  return new Map(points.map((p) => [Number(p.id), (p.payload ?? null) as Payload | null]));
}

/**
 * Evaluates `raw` the three ways and returns every disagreement (empty when
 * all agree), described with the point's payload so a counterexample reads on its own.
 */
function disagreements(env: Env, c: Collection, raw: Record<string, unknown>, payloads: Map<number, Payload | null>): string[] {
  const filter = parseFilter(raw) as Filter;
  const expected = [...payloads].filter(([id, p]) => matchesFilter(filter, { pid: pidOf(id), payload: p })).map(([id]) => id).sort((a, b) => a - b);
  const scrolled = c.scroll({ filter: raw, limit: 10_000, with_payload: false }).points.map((p) => Number(p.id)).sort((a, b) => a - b);
  const counted = c.count({ filter: raw });
  const labels = env.labelIds(c);
  const bitmap = [...c.filterBitmap(filter, env.stats)].map((l) => labels.get(l)!).sort((a, b) => a - b);
  const problems: string[] = [];
  if (counted !== expected.length) problems.push(`count ${counted}, reference ${expected.length}`);
  for (const [name, got] of [['scroll (SQL)', scrolled], ['bitmap', bitmap]] as const) {
    const want = new Set(expected);
    const have = new Set(got);
    for (const id of new Set([...expected, ...got])) {
      if (want.has(id) !== have.has(id)) {
        problems.push(`${name} ${have.has(id) ? 'selects' : 'misses'} point ${id}, reference ${want.has(id) ? 'selects' : 'rejects'} it; payload ${JSON.stringify(payloads.get(id))}`);
      }
    }
  }
  return problems.slice(0, 6).map((p) => `filter ${JSON.stringify(raw)}: ${p}`);
}

function checkAll(env: Env, c: Collection, filters: Record<string, unknown>[]): void {
  const payloads = storedPayloads(c);
  expect(filters.flatMap((f) => disagreements(env, c, f, payloads))).toEqual([]);
}

// ---- writes -------------------------------------------------------------------

const ID = fc.integer({ min: 1, max: POINTS + 10 });
const PAYLOAD_KEYS = ['kw', 'int', 'flt', 'flag', 'ts', 'u_kw', 'obj', 'obj.kw', 'obj.deep', 'arr', 'mixed', 'missing'];

type Op =
  | { op: 'set'; id: number; payload: Payload; key?: string }
  | { op: 'overwrite'; id: number; payload: Payload }
  | { op: 'delete_keys'; id: number; keys: string[] }
  | { op: 'clear'; id: number }
  | { op: 'delete'; id: number }
  | { op: 'upsert'; id: number; payload: Payload | null }
  | { op: 'set_by_filter'; filter: Record<string, unknown>; payload: Payload };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('set' as const), id: ID, payload: payloadRecord }, { requiredKeys: ['op', 'id', 'payload'] }),
  fc.record({ op: fc.constant('set' as const), id: ID, payload: fc.record({ kw: field(keyword), n: field(integer) }, { requiredKeys: [] }), key: fc.constantFrom('obj', 'obj.deep') }),
  fc.record({ op: fc.constant('overwrite' as const), id: ID, payload: payloadRecord }),
  fc.record({ op: fc.constant('delete_keys' as const), id: ID, keys: fc.uniqueArray(fc.constantFrom(...PAYLOAD_KEYS), { minLength: 1, maxLength: 3 }) }),
  fc.record({ op: fc.constant('clear' as const), id: ID }),
  fc.record({ op: fc.constant('delete' as const), id: ID }),
  fc.record({ op: fc.constant('upsert' as const), id: ID, payload }),
  fc.record({ op: fc.constant('set_by_filter' as const), filter: filterArb, payload: fc.record({ kw: field(keyword), int: field(integer), ts: field(datetime) }, { requiredKeys: [] }) }),
);

function apply(c: Collection, op: Op, live: Set<number>): void {
  switch (op.op) {
    case 'upsert':
      c.upsert({ points: [{ id: op.id, vector: vectorOf(op.id), payload: op.payload }] }, true);
      live.add(op.id);
      return;
    case 'delete':
      c.deletePoints({ points: [op.id] }, true);
      live.delete(op.id);
      return;
    case 'set_by_filter':
      c.setPayload({ filter: op.filter, payload: op.payload }, false, true);
      return;
    default:
      break;
  }
  // Payload writes naming a missing point fail the request (as Qdrant): not what is under test here.
  if (!live.has(op.id)) return;
  switch (op.op) {
    case 'set':
      c.setPayload({ points: [op.id], payload: op.payload, key: op.key }, false, true);
      return;
    case 'overwrite':
      c.setPayload({ points: [op.id], payload: op.payload }, true, true);
      return;
    case 'delete_keys':
      c.deletePayload({ points: [op.id], keys: op.keys }, true);
      return;
    case 'clear':
      c.clearPayload({ points: [op.id] }, true);
      return;
  }
}

describe('filter semantics: reference, SQL and bitmap agree', () => {
  it(`on random payloads and ${RUNS * FILTERS_PER_RUN} random filters over ${POINTS} points`, async () => {
    const env = await environment();
    await fc.assert(
      fc.asyncProperty(fc.array(payload, { minLength: POINTS, maxLength: POINTS }), fc.boolean(), fc.array(filterArb, { minLength: FILTERS_PER_RUN, maxLength: FILTERS_PER_RUN }), async (payloads, indexFirst, filters) => {
        const c = await env.create(indexFirst, payloads);
        checkAll(env, c, filters);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // The column cache answered a good share of conditions (the property is not only SQL against SQL).
    expect(env.stats.indexed).toBeGreaterThan(100);
    expect(env.stats.sql).toBeGreaterThan(100);
  }, 120_000);

  it('after random writes the column cache still agrees', async () => {
    const env = await environment();
    await fc.assert(
      fc.asyncProperty(
        fc.array(payload, { minLength: POINTS / 2, maxLength: POINTS / 2 }),
        fc.array(filterArb, { minLength: 3, maxLength: 3 }),
        fc.array(opArb, { minLength: 1, maxLength: 40 }),
        fc.array(filterArb, { minLength: 8, maxLength: 8 }),
        async (payloads, before, ops, after) => {
          const c = await env.create(true, payloads);
          // Filters first, so range structures are built and the writes make them stale.
          checkAll(env, c, before);
          const live = new Set(payloads.map((_, i) => i + 1));
          for (const op of ops) apply(c, op, live);
          expect(c.count({})).toBe(live.size);
          checkAll(env, c, [...after, ...before]);
        },
      ),
      { seed: SEED, numRuns: 25 },
    );
  }, 120_000);
});

describe('counterexamples the properties found, kept as examples', () => {
  const cases: [string, (Payload | null)[], Record<string, unknown>][] = [
    ['match on an unindexed keyword', [{ u_kw: 'a' }, { u_kw: 'b' }], { must: [{ key: 'u_kw', match: { value: 'a' } }] }],
    ['match on an unindexed integer under a dotted key', [{ obj: { n: 1 } }, { obj: { n: 2 } }], { must: [{ key: 'obj.n', match: { value: 1 } }] }],
    ['except on an unindexed keyword', [{ u_kw: 'a' }, { u_kw: 'b' }, {}], { must: [{ key: 'u_kw', match: { except: ['a'] } }] }],
    ['values_count with two bounds', [{ kw: ['a', 'b'] }, { kw: 'a' }, {}], { must: [{ key: 'kw', values_count: { gte: 1, lte: 1 } }] }],
    ['an object under a top-level key is one value, not its members', [{ int: { n: 3 } }, { int: 3 }, { int: {} }], {
      should: [{ key: 'int', match: { any: [3] } }, { key: 'int', values_count: { gt: 1 } }, { is_empty: { key: 'int' } }],
    }],
    ['an indexed range with both gt and gte', [{ int: 0 }, { int: 1 }, { int: 3 }], { must: [{ key: 'int', range: { gt: 1, gte: 0 } }] }],
    ['an indexed range with both lt and lte', [{ flt: 0.5 }, { flt: 2 }, { flt: 3.25 }], { must: [{ key: 'flt', range: { lt: 1, lte: 3 } }] }],
    ['an indexed datetime range with both gt and gte', [{ ts: '2024-01-01T00:00:00Z' }, { ts: '2024-03-15T13:00:00Z' }], {
      must: [{ key: 'ts', range: { gt: '2024-02-01T00:00:00Z', gte: '2023-12-31T00:00:00Z' } }],
    }],
  ];

  it.each(cases)('%s', async (_, payloads, filter) => {
    const env = await environment();
    const c = await env.create(false, payloads);
    checkAll(env, c, [filter]);
  });
});
