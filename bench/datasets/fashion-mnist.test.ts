import { describe, expect, it } from 'vitest';
import { buildPayloadTable } from '../filter/payload-table.js';
import { generateWorkload } from '../workloads/generate.js';
import { FASHION_MNIST_TEMPLATES } from '../workloads/templates.js';
import { checkDataset } from './dataset.js';
import { FASHION_CATEGORIES, fashionMnistInstalled, loadFashionMnist } from './fashion-mnist.js';

const bytes = (v: Float32Array): Buffer => Buffer.from(v.buffer, v.byteOffset, v.byteLength);

describe.skipIf(!fashionMnistInstalled())('fashion-mnist (Debian dataset-fashion-mnist installed)', () => {
  const ds = loadFashionMnist();

  it('loads 70,000 x 784 images in [0, 1], 7,000 per category, 60,000 train and 10,000 test', () => {
    checkDataset(ds);
    expect([ds.n, ds.dim]).toEqual([70_000, 784]);
    expect(ds.vectors.every((v) => v >= 0 && v <= 1)).toBe(true);
    const count = (field: string): Record<string, number> => {
      const out: Record<string, number> = {};
      for (const p of ds.payloads) out[String(p[field])] = (out[String(p[field])] ?? 0) + 1;
      return out;
    };
    expect(count('category')).toEqual(Object.fromEntries(FASHION_CATEGORIES.map((c) => [c, 7000])));
    expect(count('group')).toEqual({ top: 28_000, footwear: 21_000, trouser: 7000, dress: 7000, bag: 7000 });
    expect(count('split')).toEqual({ train: 60_000, test: 10_000 });
  });

  it('is deterministic for a seed, and the seed changes only the order', () => {
    const again = loadFashionMnist();
    expect(bytes(again.vectors).equals(bytes(ds.vectors))).toBe(true);
    expect(again.payloads).toEqual(ds.payloads);
    const other = loadFashionMnist(43);
    expect(other.payloads).not.toEqual(ds.payloads);
    const key = (p: object): string => JSON.stringify(p);
    expect(other.payloads.map(key).sort()).toEqual(ds.payloads.map(key).sort());
  });

  it('types the payload: keywords, integers derived from the pixels, a float', () => {
    const table = buildPayloadTable(ds.payloads);
    const kinds = Object.fromEntries([...table.columns].map(([f, c]) => [f, c.kind === 'number' ? (c.integer ? 'integer' : 'float') : c.kind]));
    expect(kinds).toEqual({
      category: 'keyword',
      group: 'keyword',
      split: 'keyword',
      ink: 'integer',
      width: 'integer',
      height: 'integer',
      brightness: 'float',
    });
    for (const row of [0, 123, 69_999]) {
      const px = ds.vectors.subarray(row * 784, (row + 1) * 784);
      const inked = [...px.keys()].filter((p) => px[p] > 0);
      const xs = inked.map((p) => p % 28);
      const ys = inked.map((p) => Math.floor(p / 28));
      const p = ds.payloads[row];
      expect(p.ink).toBe(inked.length);
      expect(p.width).toBe(Math.max(...xs) - Math.min(...xs) + 1);
      expect(p.height).toBe(Math.max(...ys) - Math.min(...ys) + 1);
      expect(p.brightness).toBeCloseTo(inked.reduce((s, q) => s + px[q], 0) / inked.length, 5);
    }
  });

  it('its templates give filters from very selective to none, each matching a point', () => {
    const w = generateWorkload(ds, buildPayloadTable(ds.payloads), FASHION_MNIST_TEMPLATES, { count: 400, seed: 7 });
    expect(new Set(w.queries.map((q) => q.template)).size).toBe(FASHION_MNIST_TEMPLATES.length);
    const matches = w.queries.map((q) => q.matches);
    expect(Math.min(...matches)).toBeGreaterThan(0);
    expect(Math.min(...matches)).toBeLessThan(0.001 * ds.n);
    expect(Math.max(...matches)).toBe(ds.n);
  });
});
