import { describe, expect, it } from 'vitest';
import { generateKgSynth } from '../datasets/kg-synth.js';
import { compileFilter, countMatches } from '../filter/evaluate.js';
import { buildPayloadTable } from '../filter/payload-table.js';
import { exactKnn } from '../truth/exact-knn.js';
import { generateWorkload } from './generate.js';
import { deriveTemplates, KG_SYNTH_TEMPLATES } from './templates.js';
import { selectivityHistogram } from './workload.js';

const ds = generateKgSynth({ n: 10_000, seed: 42 });
const table = buildPayloadTable(ds.payloads);
const options = { count: 1000, seed: 7 };
const w = generateWorkload(ds, table, KG_SYNTH_TEMPLATES, options);

describe('workload generator', () => {
  it('is deterministic for a seed and changes with it', () => {
    const again = generateWorkload(ds, table, KG_SYNTH_TEMPLATES, options);
    expect(again.queries.map((q) => [q.template, q.filter, q.matches])).toEqual(w.queries.map((q) => [q.template, q.filter, q.matches]));
    expect(again.queries.map((q) => Array.from(q.vector))).toEqual(w.queries.map((q) => Array.from(q.vector)));
    const other = generateWorkload(ds, table, KG_SYNTH_TEMPLATES, { ...options, seed: 8 });
    expect(other.queries.map((q) => q.filter)).not.toEqual(w.queries.map((q) => q.filter));
  });

  it('covers selectivities from 0.01% to 100% (every decade bucket from 0.01%)', () => {
    const hist = selectivityHistogram(w);
    // At n = 10k the "< 0.01%" bucket would mean no match at all, which the generator never produces.
    for (const bucket of hist.slice(1)) expect(bucket.count, bucket.label).toBeGreaterThan(0);
    expect(hist[0].count).toBe(0);
    const sel = w.queries.map((q) => q.matches / ds.n);
    expect(Math.min(...sel)).toBeLessThanOrEqual(2e-4);
    expect(Math.max(...sel)).toBe(1);
  });

  it('records true match counts, and every filter matches at least one point', () => {
    for (const q of w.queries.slice(0, 200)) {
      expect(q.matches).toBe(countMatches(q.filter, table));
      expect(q.matches).toBeGreaterThan(0);
    }
  });

  it('uses every template with Zipf-skewed frequencies (first template most frequent)', () => {
    const counts = KG_SYNTH_TEMPLATES.map((t) => w.queries.filter((q) => q.template === t.name).length);
    expect(counts.every((c) => c > 0)).toBe(true);
    expect(counts[0]).toBe(Math.max(...counts));
    expect(counts[0]).toBeGreaterThan(3 * counts[counts.length - 1]);
  });

  it('marks the first 25% as the past workload', () => {
    expect(w.pastCount).toBe(250);
  });

  it('puts query vectors near points that satisfy their predicate', () => {
    // The nearest matching point is much closer than a typical matching point.
    let closer = 0;
    const sample = w.queries.filter((q) => q.filter && q.matches >= 20).slice(0, 50);
    for (const q of sample) {
      const accept = compileFilter(q.filter, table);
      const nearest = exactKnn(ds.vectors, ds.dim, q.vector, 1, accept).distances[0];
      const all = exactKnn(ds.vectors, ds.dim, q.vector, q.matches, accept).distances;
      const medianD = all[Math.floor(all.length / 2)];
      if (nearest < 0.5 * medianD) closer++;
    }
    expect(closer).toBeGreaterThan(0.9 * sample.length);
  });

  it('derives templates for datasets without hand-written ones', () => {
    const t = deriveTemplates(table);
    expect(t.map((x) => x.name)).toContain('no-filter');
    expect(t.map((x) => x.name)).toContain('year');
    expect(t.map((x) => x.name)).toContain('popularity-range');
    const derived = generateWorkload(ds, table, t, { count: 100, seed: 1 });
    expect(derived.queries.every((q) => q.matches > 0)).toBe(true);
  });
});
