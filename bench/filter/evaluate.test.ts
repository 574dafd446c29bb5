import { describe, expect, it } from 'vitest';
import { tinyDataset, FILTERS } from '../test/fixtures.js';
import { referenceMatches } from '../test/reference.js';
import { compileFilter, countMatches, filterBitmap, selectRows } from './evaluate.js';
import { UnsupportedFilterError } from './filter.js';
import { buildPayloadTable } from './payload-table.js';

describe('compileFilter', () => {
  const ds = tinyDataset();
  const table = buildPayloadTable(ds.payloads);

  it('agrees with the payload-object reference on every fixture filter', () => {
    for (const f of FILTERS) {
      const expected = ds.payloads.flatMap((p, r) => (referenceMatches(f, p) ? [r] : []));
      expect([...selectRows(f, table)], JSON.stringify(f)).toEqual(expected);
      expect(countMatches(f, table)).toBe(expected.length);
      const bits = filterBitmap(f, table);
      expect(bits.length).toBe(Math.ceil(ds.n / 8));
      expect(Array.from({ length: ds.n }, (_, r) => r).filter((r) => (bits[r >> 3] >> (r & 7)) & 1)).toEqual(expected);
    }
  });

  it('fixtures are not degenerate: most filters select some but not all rows', () => {
    const partial = FILTERS.filter((f) => {
      const m = countMatches(f, table);
      return m > 0 && m < ds.n;
    });
    expect(partial.length).toBeGreaterThanOrEqual(FILTERS.length - 4);
  });

  it('treats missing fields as not matching, also inside must_not', () => {
    const noGenre = ds.payloads.findIndex((p) => p.genre === undefined);
    expect(noGenre).toBeGreaterThanOrEqual(0);
    expect(compileFilter({ must: [{ key: 'genre', match: { except: ['jazz'] } }] }, table)(noGenre)).toBe(false);
    expect(compileFilter({ must_not: [{ key: 'genre', match: { value: 'jazz' } }] }, table)(noGenre)).toBe(true);
  });

  it('rejects a condition with both match and range, naming the field', () => {
    expect(() => compileFilter({ must: [{ key: 'year', match: { value: 1 }, range: { gte: 1 } }] }, table)).toThrow(UnsupportedFilterError);
    expect(() => compileFilter({ must: [{ key: 'year', match: { value: 1 }, range: { gte: 1 } }] }, table)).toThrow(/"year"/);
  });
});
