// Small hand-made data for the harness's tests: a few points whose payloads
// exercise every column kind (keyword, integer, float, keyword array, missing
// fields) and a set of filters covering every part of the filter language.

import type { Dataset, Payload } from '../datasets/dataset.js';
import type { Filter } from '../filter/filter.js';
import { Rng } from '../lib/rng.js';

export function tinyDataset(n = 200, dim = 8, seed = 3): Dataset {
  const rng = new Rng(seed);
  const genres = ['jazz', 'rock', 'pop', "o'brien"];
  const tags = ['a', 'b', 'c', 'd', 'e'];
  const payloads: Payload[] = [];
  const vectors = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < dim; j++) vectors[i * dim + j] = rng.normal();
    const p: Payload = {};
    if (i % 17 !== 0) p.genre = genres[rng.int(genres.length)];
    if (i % 13 !== 0) p.year = 1950 + rng.int(60);
    p.score = Math.round(rng.next() * 1000) / 100;
    p.tags = rng.sample(tags.length, rng.int(4)).map((t) => tags[t]);
    payloads.push(p);
  }
  return { name: `tiny-${n}-${dim}-${seed}`, dim, n, vectors, payloads };
}

export const FILTERS: readonly Filter[] = [
  {},
  { must: [{ key: 'genre', match: { value: 'jazz' } }] },
  { must: [{ key: 'genre', match: { value: "o'brien" } }] },
  { must: [{ key: 'genre', match: { any: ['jazz', 'pop'] } }, { key: 'year', range: { gte: 1970, lt: 1990 } }] },
  { must: [{ key: 'year', range: { gt: 1980 } }] },
  { must: [{ key: 'year', range: { lte: 1960 } }, { key: 'score', range: { gte: 2.5 } }] },
  { must: [{ key: 'score', range: { gt: 3.1, lte: 7.25 } }] },
  { must: [{ key: 'year', match: { value: 1975 } }] },
  { must: [{ key: 'year', match: { any: [1960, 1961, 1962] } }] },
  { must: [{ key: 'tags', match: { value: 'a' } }] },
  { must: [{ key: 'tags', match: { any: ['b', 'e'] } }, { key: 'genre', match: { value: 'rock' } }] },
  { must: [{ key: 'genre', match: { except: ['jazz', 'rock'] } }] },
  { must: [{ key: 'tags', match: { except: ['a'] } }] },
  { should: [{ key: 'genre', match: { value: 'pop' } }, { key: 'year', range: { lt: 1955 } }] },
  { must_not: [{ key: 'genre', match: { value: 'jazz' } }] },
  { must_not: [{ key: 'year', range: { gte: 1960 } }] },
  { must: [{ key: 'genre', match: { value: 'rock' } }], must_not: [{ key: 'tags', match: { value: 'c' } }] },
  { must: [{ must_not: [{ key: 'genre', match: { value: 'pop' } }] }, { should: [{ key: 'tags', match: { value: 'd' } }] }] },
  { must: [{ key: 'missing_field', match: { value: 'x' } }] },
  { must_not: [{ key: 'missing_field', match: { value: 'x' } }] },
  { must: [{ key: 'genre', match: { value: 'no-such-genre' } }] },
];
