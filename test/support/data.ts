// Deterministic test data: a seeded PRNG and clustered vectors.

export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    // mulberry32
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function gaussian(rand: () => number): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

/** An endless stream of vectors of dimension dim drawn around `clusters` random centres. */
export function clusteredVectorStream(dim: number, clusters: number, seed: number, spread = 0.3): () => Float32Array {
  const rand = rng(seed);
  const centres = Array.from({ length: clusters }, () => Float32Array.from({ length: dim }, () => gaussian(rand)));
  return () => {
    const c = centres[Math.floor(rand() * clusters)];
    return Float32Array.from(c, (x) => x + spread * gaussian(rand));
  };
}

/** n vectors of dimension dim drawn around `clusters` random centres (the stream's first n). */
export function clusteredVectors(n: number, dim: number, clusters: number, seed: number, spread = 0.3): Float32Array[] {
  const next = clusteredVectorStream(dim, clusters, seed, spread);
  return Array.from({ length: n }, next);
}
