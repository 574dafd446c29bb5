import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { metricFor, normalizeInPlace } from '../../index/distance.js';
import { Segment, type SegmentOptions } from '../../index/segment.js';
import { clusteredVectors } from '../support/data.js';
import type { Distance } from '../../core/types.js';

const DIM = 16;
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function options(distance: Distance = 'Euclid'): SegmentOptions {
  return { metric: metricFor(distance), dim: DIM, m: 16, efConstruction: 100, rerankMin: 100 };
}

/** Brute-force reference over a label → vector map. */
function bruteForce(seg: Segment, live: Map<number, Float32Array>, q: Float32Array, k: number): number[] {
  return [...live.keys()]
    .map((l) => ({ l, d: seg.distanceTo(q, l) }))
    .sort((a, b) => a.d - b.d || a.l - b.l)
    .slice(0, k)
    .map((x) => x.l);
}

function drain(seg: Segment): void {
  while (seg.indexStep(1000) > 0);
}

describe('Segment', () => {
  it('serves new points from the exact tail before they are indexed, and from the graph after', () => {
    const seg = new Segment(options());
    const vs = clusteredVectors(300, DIM, 5, 1);
    vs.forEach((v, l) => seg.upsert(l, v, 1));
    expect(seg.stats()).toMatchObject({ live: 300, indexed: 0, pending: 300 });
    const live = new Map(vs.map((v, l) => [l, v]));
    const q = vs[17];
    expect(seg.search(q, { k: 10, ef: 100, exact: false }).labels).toEqual(bruteForce(seg, live, q, 10));
    drain(seg);
    expect(seg.stats()).toMatchObject({ live: 300, indexed: 300, pending: 0 });
    expect(seg.search(q, { k: 10, ef: 200, exact: false }).labels).toEqual(bruteForce(seg, live, q, 10));
  });

  it('never returns deleted points or stale vectors, before or after the indexer catches up', () => {
    const seg = new Segment(options());
    const vs = clusteredVectors(400, DIM, 4, 2);
    vs.forEach((v, l) => seg.upsert(l, v, 1));
    drain(seg);
    const live = new Map(vs.map((v, l) => [l, v]));
    // Delete 100 points, move 50 others far away.
    for (let l = 0; l < 100; l++) {
      seg.remove(l);
      live.delete(l);
    }
    const far = Float32Array.from({ length: DIM }, () => 100);
    for (let l = 100; l < 150; l++) {
      const v = Float32Array.from(far, (x, i) => x + l + i);
      seg.upsert(l, v, 2);
      live.set(l, v);
    }
    for (const phase of ['stale', 'indexed']) {
      for (const q of [vs[0], vs[120], vs[300], far]) {
        const got = seg.search(q, { k: 10, ef: 400, exact: false }).labels;
        expect(got.every((l) => live.has(l)), phase).toBe(true);
        expect(got, phase).toEqual(bruteForce(seg, live, q, 10));
        expect(seg.search(q, { k: 10, ef: 10, exact: true }).labels, phase).toEqual(bruteForce(seg, live, q, 10));
      }
      drain(seg);
    }
    expect(seg.stats()).toMatchObject({ live: 300, indexed: 300 });
  });

  it('excludes given labels and never returns more points than are live', () => {
    const seg = new Segment(options('Cosine'));
    const vs = clusteredVectors(5, DIM, 1, 3).map((v) => normalizeInPlace(v));
    vs.forEach((v, l) => seg.upsert(l, v, 1));
    const got = seg.search(vs[0], { k: 10, ef: 10, exact: false, exclude: new Set([0]) });
    expect(got.labels).toHaveLength(4);
    expect(got.labels).not.toContain(0);
  });

  it('re-scores Manhattan candidates in L1', () => {
    const seg = new Segment(options('Manhattan'));
    const vs = clusteredVectors(500, DIM, 5, 4);
    vs.forEach((v, l) => seg.upsert(l, v, 1));
    drain(seg);
    const live = new Map(vs.map((v, l) => [l, v]));
    const got = seg.search(vs[3], { k: 5, ef: 100, exact: false });
    expect(got.labels).toEqual(bruteForce(seg, live, vs[3], 5));
  });

  it('reconciles a snapshot with later writes: updates, deletions and new points', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hqdb-seg-'));
    dirs.push(dir);
    const vs = clusteredVectors(600, DIM, 6, 5);
    const seg = new Segment(options());
    vs.slice(0, 500).forEach((v, l) => seg.upsert(l, v, 1));
    drain(seg);
    // Half-indexed state at snapshot time: 50 updates pending.
    for (let l = 0; l < 50; l++) seg.upsert(l, vs[500 + l], 2);
    seg.indexStep(0);
    await seg.saveSnapshot(dir, 2);

    // The "database" after more writes: labels 0-49 updated, 50-99 deleted, 500-549 new.
    const rows = new Map<number, { v: Float32Array; seq: number }>();
    for (let l = 0; l < 50; l++) rows.set(l, { v: vs[500 + l], seq: 2 });
    for (let l = 100; l < 500; l++) rows.set(l, { v: vs[l], seq: 1 });
    for (let l = 500; l < 550; l++) rows.set(l, { v: vs[l - 450], seq: 3 });

    const opened = await Segment.openSnapshot(dir, options());
    if (!('segment' in opened)) throw new Error(`snapshot not opened: ${opened.reason}`);
    const restored = opened.segment;
    for (const [l, { v, seq }] of rows) restored.restore(l, v, seq);
    restored.finishRestore();
    const live = new Map([...rows].map(([l, r]) => [l, r.v]));
    expect(restored.stats().live).toBe(500);
    for (const phase of ['before indexing', 'after indexing']) {
      for (const q of [vs[10], vs[75], vs[520], vs[599]]) {
        const got = restored.search(q, { k: 10, ef: 400, exact: false }).labels;
        expect(got, phase).toEqual(bruteForce(restored, live, q, 10));
      }
      drain(restored);
    }
    expect(restored.stats()).toMatchObject({ live: 500, indexed: 500 });
  });

  it('refuses a snapshot whose files were tampered with, naming the reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hqdb-seg-'));
    dirs.push(dir);
    const seg = new Segment(options());
    clusteredVectors(50, DIM, 2, 6).forEach((v, l) => seg.upsert(l, v, 1));
    drain(seg);
    await seg.saveSnapshot(dir, 1);
    const { appendFileSync, readdirSync } = await import('node:fs');
    const graphFile = readdirSync(dir).find((f) => f.endsWith('.hnsw'))!;
    appendFileSync(join(dir, graphFile), 'garbage');
    const opened = await Segment.openSnapshot(dir, options());
    expect('reason' in opened && opened.reason).toMatch(/checksum mismatch/);
    const other = await Segment.openSnapshot(dir, { ...options(), m: 8 });
    expect('reason' in other && other.reason).toMatch(/different parameters/);
  });
});

describe('HnswGraph filter callback', () => {
  it('rethrows an exception from the filter after the native call instead of aborting the process', async () => {
    const { HnswGraph } = await import('../../index/hnsw-graph.js');
    const graph = HnswGraph.create({ space: 'l2', dim: DIM, m: 8, efConstruction: 50 });
    clusteredVectors(100, DIM, 2, 9).forEach((v, l) => graph.add(l, v, true));
    const boom = new Error('filter bug');
    expect(() => graph.search(new Float32Array(DIM), 5, 50, () => { throw boom; })).toThrow(boom);
    // The graph still answers afterwards.
    expect(graph.search(new Float32Array(DIM), 5, 50).labels).toHaveLength(5);
    expect(graph.search(new Float32Array(DIM), 5, 50, (l) => l % 2 === 0).labels.every((l) => l % 2 === 0)).toBe(true);
  });
});

describe('Segment mirrors (shared rows, copy on write)', () => {
  it('a mirror over shared rows answers as the segment did, and later writes to the segment never reach its rows', () => {
    const flat = { ...options(), flat: true };
    const seg = new Segment(flat);
    const vs = clusteredVectors(500, DIM, 5, 3);
    vs.forEach((v, l) => seg.upsert(l, v, 1));
    for (const l of [3, 40, 41, 499]) seg.remove(l);
    const rows = seg.vectors.share(seg.labelSpan);
    expect(rows.buffer).toBeInstanceOf(SharedArrayBuffer);
    const before = Float32Array.from(rows);
    const mirror = Segment.mirror(flat, rows, Uint32Array.from(seg.liveSet.words), seg.labelSpan);
    expect(mirror.stats().live).toBe(seg.stats().live);
    expect([3, 40, 41, 499].map((l) => mirror.isLive(l))).toEqual([false, false, false, false]);
    const allow = seg.liveSet.clone();
    for (let l = 0; l < 500; l += 2) allow.clear(l);
    for (const q of [vs[7], vs[123], vs[400]]) {
      for (const filter of [undefined, allow]) {
        expect(mirror.search(q, { k: 10, ef: 10, exact: true, allow: filter })).toEqual(seg.search(q, { k: 10, ef: 10, exact: true, allow: filter }));
      }
    }
    // Writes after sharing: a new row appended past the shared ones is written in place (no copy),
    // an existing row rewritten copies the rows first.
    seg.upsert(600, vs[101], 2);
    expect(seg.vectors.buffer.buffer).toBe(rows.buffer);
    seg.upsert(7, vs[100], 2);
    expect(rows).toEqual(before);
    expect(seg.vectors.buffer.buffer).not.toBe(rows.buffer);
    expect(Array.from(seg.vectors.get(7))).toEqual(Array.from(vs[100]));
    expect(Array.from(mirror.vectors.get(7))).toEqual(Array.from(vs[7]));
    // Shared again: the rows written since are in the new shared copy.
    const again = seg.vectors.share(seg.labelSpan);
    expect(again.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Array.from(again.subarray(600 * DIM, 601 * DIM))).toEqual(Array.from(vs[101]));
  });
});
