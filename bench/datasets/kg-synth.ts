// kg-synth: a seeded generator of knowledge-graph-like entities. Vectors come
// from a Zipf-weighted mixture of Gaussian clusters; each cluster has its own
// leanings (a dominant entity type, favourite genres, a home country, an era,
// a popularity scale, favourite tags), so attributes correlate with embeddings
// the way real entity attributes do. Same parameters, same bytes.

import { Rng, ZipfSampler } from '../lib/rng.js';
import type { Dataset, Payload } from './dataset.js';

export interface KgSynthOptions {
  n: number;
  dim?: number;
  seed?: number;
  /** Number of clusters; default grows with sqrt(n). */
  clusters?: number;
}

export const KG_TYPES = [
  'person', 'film', 'song', 'album', 'book', 'city', 'company', 'band', 'award', 'video_game',
  'tv_series', 'organization', 'software', 'sports_team', 'university', 'painting', 'building', 'river', 'species', 'event',
] as const;

export const KG_COUNTRIES = [
  'US', 'GB', 'DE', 'FR', 'JP', 'IN', 'CN', 'IT', 'ES', 'CA', 'BR', 'RU', 'AU', 'MX', 'KR', 'NL', 'SE', 'CH', 'PL', 'BE',
  'AR', 'AT', 'NO', 'DK', 'FI', 'IE', 'PT', 'GR', 'TR', 'IL', 'ZA', 'NG', 'EG', 'CZ', 'HU', 'RO', 'UA', 'NZ', 'CL', 'CO',
  'PE', 'ID', 'TH', 'VN', 'PH', 'MY', 'SG', 'IR', 'PK', 'KE',
] as const;

export const KG_GENRE_COUNT = 100;
export const KG_TAG_COUNT = 500;
export const KG_YEAR_MIN = 1900;
export const KG_YEAR_MAX = 2025;

const genreName = (i: number): string => `genre-${String(i).padStart(3, '0')}`;
const tagName = (i: number): string => `tag-${String(i).padStart(3, '0')}`;

/** Probability of 0..5 tags on an entity. */
const TAG_COUNT_WEIGHTS = [0.15, 0.25, 0.25, 0.15, 0.12, 0.08];

interface ClusterTraits {
  type: number;
  genres: number[];
  country: number;
  yearMean: number;
  yearSd: number;
  popularityScale: number;
  tags: number[];
}

export function kgSynthName(o: KgSynthOptions): string {
  return `kg-synth-n${o.n}-d${o.dim ?? 128}-s${o.seed ?? 42}${o.clusters ? `-c${o.clusters}` : ''}`;
}

export function generateKgSynth(options: KgSynthOptions): Dataset {
  const n = options.n;
  const dim = options.dim ?? 128;
  const seed = options.seed ?? 42;
  const clusterCount = options.clusters ?? Math.max(16, Math.round(Math.sqrt(n) / 2));
  const rng = new Rng(seed);

  const typeZipf = new ZipfSampler(KG_TYPES.length, 0.8);
  const genreZipf = new ZipfSampler(KG_GENRE_COUNT, 1.1);
  const countryZipf = new ZipfSampler(KG_COUNTRIES.length, 1.2);
  const tagZipf = new ZipfSampler(KG_TAG_COUNT, 1.0);
  const localZipf5 = new ZipfSampler(5, 1.0);
  const localZipf10 = new ZipfSampler(10, 1.0);
  const clusterZipf = new ZipfSampler(clusterCount, 0.6);

  const traitRng = rng.fork(1);
  const centroids = new Float32Array(clusterCount * dim);
  const traits: ClusterTraits[] = [];
  for (let c = 0; c < clusterCount; c++) {
    for (let j = 0; j < dim; j++) centroids[c * dim + j] = traitRng.normal();
    traits.push({
      type: typeZipf.draw(traitRng),
      genres: Array.from({ length: 5 }, () => genreZipf.draw(traitRng)),
      country: countryZipf.draw(traitRng),
      yearMean: 1925 + traitRng.next() * 90,
      yearSd: 4 + traitRng.next() * 16,
      popularityScale: Math.exp(traitRng.normal() * 0.7),
      tags: Array.from({ length: 10 }, () => tagZipf.draw(traitRng)),
    });
  }

  const vectors = new Float32Array(n * dim);
  const payloads: Payload[] = new Array<Payload>(n);
  const vecRng = rng.fork(2);
  const attrRng = rng.fork(3);
  for (let i = 0; i < n; i++) {
    const c = clusterZipf.draw(attrRng);
    const t = traits[c];
    // Per-entity spread varies, so some clusters are tight and some diffuse.
    const spread = 0.55 + 0.25 * vecRng.next();
    for (let j = 0; j < dim; j++) vectors[i * dim + j] = centroids[c * dim + j] + spread * vecRng.normal();

    const type = attrRng.next() < 0.9 ? t.type : typeZipf.draw(attrRng);
    const genre = attrRng.next() < 0.6 ? t.genres[localZipf5.draw(attrRng)] : genreZipf.draw(attrRng);
    const country = attrRng.next() < 0.3 ? t.country : countryZipf.draw(attrRng);
    const year = Math.min(KG_YEAR_MAX, Math.max(KG_YEAR_MIN, Math.round(t.yearMean + t.yearSd * attrRng.normal())));
    // Pareto(alpha = 1.2): most entities obscure, a few very popular.
    const popularity = Math.round(t.popularityScale * Math.pow(1 - attrRng.next(), -1 / 1.2) * 1000) / 1000;
    const tags = new Set<string>();
    const tagCount = drawWeighted(attrRng, TAG_COUNT_WEIGHTS);
    while (tags.size < tagCount) {
      tags.add(tagName(attrRng.next() < 0.5 ? t.tags[localZipf10.draw(attrRng)] : tagZipf.draw(attrRng)));
    }
    payloads[i] = {
      type: KG_TYPES[type],
      genre: genreName(genre),
      country: KG_COUNTRIES[country],
      year,
      popularity,
      tags: [...tags],
    };
  }
  return { name: kgSynthName({ ...options, dim, seed }), dim, n, vectors, payloads };
}

function drawWeighted(rng: Rng, weights: readonly number[]): number {
  let u = rng.next();
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i];
    if (u < 0) return i;
  }
  return weights.length - 1;
}
