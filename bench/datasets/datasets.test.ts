import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { peerInstalled } from '../lib/peers.js';
import { checkDataset } from './dataset.js';
import { loadVectorFile, readNdjson, readNpy, readVecs, writeNpy, writeVecs } from './files.js';
import { generateKgSynth, KG_COUNTRIES, KG_TYPES, KG_YEAR_MAX, KG_YEAR_MIN } from './kg-synth.js';
import { loadMnist } from './mnist.js';

const dir = mkdtempSync(join(tmpdir(), 'hqdb-bench-ds-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('kg-synth', () => {
  const ds = generateKgSynth({ n: 5000, dim: 16, seed: 5 });

  it('is deterministic for a seed', () => {
    const again = generateKgSynth({ n: 5000, dim: 16, seed: 5 });
    expect(Array.from(again.vectors)).toEqual(Array.from(ds.vectors));
    expect(again.payloads).toEqual(ds.payloads);
    expect(generateKgSynth({ n: 5000, dim: 16, seed: 6 }).payloads).not.toEqual(ds.payloads);
    checkDataset(ds);
  });

  it('has exactly the issue attributes, in range', () => {
    const genres = new Set<string>();
    const tags = new Set<string>();
    for (const p of ds.payloads) {
      expect(Object.keys(p)).toEqual(['type', 'genre', 'country', 'year', 'popularity', 'tags']);
      expect(KG_TYPES).toContain(p.type);
      expect(KG_COUNTRIES).toContain(p.country);
      expect(p.year).toBeGreaterThanOrEqual(KG_YEAR_MIN);
      expect(p.year).toBeLessThanOrEqual(KG_YEAR_MAX);
      expect(Number.isInteger(p.year)).toBe(true);
      expect(p.popularity).toBeGreaterThan(0);
      expect((p.tags as string[]).length).toBeLessThanOrEqual(5);
      genres.add(p.genre as string);
      for (const t of p.tags as string[]) tags.add(t);
    }
    expect(genres.size).toBeGreaterThan(50);
    expect(genres.size).toBeLessThanOrEqual(100);
    expect(tags.size).toBeGreaterThan(200);
    expect(tags.size).toBeLessThanOrEqual(500);
  });

  it('skews values (Zipf) and ties type to the vector cluster', () => {
    const count = (key: string): number[] => {
      const m = new Map<string, number>();
      for (const p of ds.payloads) m.set(String(p[key]), (m.get(String(p[key])) ?? 0) + 1);
      return [...m.values()].sort((a, b) => b - a);
    };
    const genres = count('genre');
    expect(genres[0]).toBeGreaterThan(10 * genres[genres.length - 1]);
    // Nearest neighbours mostly share the type: attributes correlate with the embedding.
    let same = 0;
    for (let i = 0; i < 200; i++) {
      let best = -1;
      let bestD = Infinity;
      for (let r = 0; r < ds.n; r++) {
        if (r === i) continue;
        let d = 0;
        for (let j = 0; j < ds.dim; j++) d += (ds.vectors[r * ds.dim + j] - ds.vectors[i * ds.dim + j]) ** 2;
        if (d < bestD) [best, bestD] = [r, d];
      }
      if (ds.payloads[best].type === ds.payloads[i].type) same++;
    }
    expect(same).toBeGreaterThan(150);
    const popularity = ds.payloads.map((p) => p.popularity as number).sort((a, b) => a - b);
    expect(popularity[popularity.length - 1]).toBeGreaterThan(20 * popularity[Math.floor(popularity.length / 2)]);
  });
});

describe('file loaders', () => {
  const data = Float32Array.from({ length: 12 }, (_, i) => i * 0.5 - 1);

  it('reads .fvecs and .ivecs written in the TEXMEX format', () => {
    const f = readVecs(writeVecs({ rows: 3, dim: 4, data }), 'f');
    expect(f.rows).toBe(3);
    expect(f.dim).toBe(4);
    expect(Array.from(f.data)).toEqual(Array.from(data));
    const ints = Int32Array.from([1, -2, 3, 4, 5, 6]);
    expect(Array.from(readVecs(writeVecs({ rows: 2, dim: 3, data: ints }), 'i').data)).toEqual([1, -2, 3, 4, 5, 6]);
    expect(() => readVecs(new Uint8Array([4, 0, 0, 0, 1]), 'f')).toThrow(/whole number/);
  });

  it('reads float32 .npy', () => {
    const m = readNpy(writeNpy({ rows: 3, dim: 4, data }));
    expect([m.rows, m.dim]).toEqual([3, 4]);
    expect(Array.from(m.data)).toEqual(Array.from(data));
  });

  it('reads NDJSON {id, vector, payload} and rejects ragged vectors', () => {
    const ds = readNdjson('{"id": 10, "vector": [1, 2], "payload": {"a": "x"}}\n{"id": "u", "vector": [3, 4]}\n');
    expect(ds.n).toBe(2);
    expect(ds.dim).toBe(2);
    expect(ds.externalIds).toEqual([10, 'u']);
    expect(ds.payloads).toEqual([{ a: 'x' }, {}]);
    expect(() => readNdjson('{"vector": [1]}\n{"vector": [1, 2]}')).toThrow(/dimensions/);
  });

  it('loads a vector file with a payload file by extension', () => {
    writeFileSync(join(dir, 'v.fvecs'), writeVecs({ rows: 3, dim: 4, data }));
    writeFileSync(join(dir, 'p.ndjson'), '{"g": "a"}\n{"g": "b"}\n{"g": "c"}\n');
    const ds = loadVectorFile(join(dir, 'v.fvecs'), join(dir, 'p.ndjson'));
    checkDataset(ds);
    expect(ds.payloads.map((p) => p.g)).toEqual(['a', 'b', 'c']);
  });
});

describe.skipIf(!peerInstalled('mnist'))('mnist (bench/peers installed)', () => {
  it('loads 10,000 x 784 digits with label and ink', () => {
    const ds = loadMnist();
    checkDataset(ds);
    expect([ds.n, ds.dim]).toEqual([10_000, 784]);
    const labels = new Set(ds.payloads.map((p) => p.label));
    expect([...labels].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const row = 123;
    let ink = 0;
    for (let j = 0; j < 784; j++) if (ds.vectors[row * 784 + j] !== 0) ink++;
    expect(ds.payloads[row].ink).toBe(ink);
  });
});
