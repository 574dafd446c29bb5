// fashion-mnist: Zalando's Fashion-MNIST (MIT licence), the 70,000 product photos
// of Debian's `dataset-fashion-mnist` package (IDX files under
// /usr/share/datasets/fashion-mnist, or $HQDB_FASHION_MNIST_DIR): 28 x 28 = 784
// grey levels scaled to [0, 1], in a seeded order (no npm package we found ships it).
// Every attribute is the data's own, none is drawn at random:
//   category    keyword  the class name (10 classes, 7,000 images each)
//   group       keyword  the class's kind of product: top (4 classes), footwear (3), trouser, dress, bag
//   split       keyword  the published split: train (60,000) or test (10,000)
//   ink         integer  pixels that are not background (> 0)
//   width       integer  columns of the bounding box of the ink
//   height      integer  rows of the bounding box of the ink
//   brightness  float    mean grey level of the inked pixels, in (0, 1]

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Rng } from '../lib/rng.js';
import type { Dataset, Payload } from './dataset.js';

export const FASHION_MNIST_DIR = process.env.HQDB_FASHION_MNIST_DIR ?? '/usr/share/datasets/fashion-mnist';
export const FASHION_MNIST_INSTALL = 'apt-get install dataset-fashion-mnist';

/** Class names in label order, as Fashion-MNIST's README gives them. */
export const FASHION_CATEGORIES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];
const GROUP_OF = ['top', 'trouser', 'top', 'dress', 'top', 'footwear', 'top', 'footwear', 'bag', 'footwear'];

const SIDE = 28;
const PIXELS = SIDE * SIDE;
const SPLITS = [
  { split: 'train', images: 'train-images-idx3-ubyte.gz', labels: 'train-labels-idx1-ubyte.gz' },
  { split: 'test', images: 't10k-images-idx3-ubyte.gz', labels: 't10k-labels-idx1-ubyte.gz' },
] as const;

export function fashionMnistInstalled(): boolean {
  return SPLITS.every((s) => existsSync(join(FASHION_MNIST_DIR, s.images)) && existsSync(join(FASHION_MNIST_DIR, s.labels)));
}

/** The body of a gzipped IDX file after checking its magic number and shape. */
function readIdx(file: string, magic: number, shape: readonly number[]): Uint8Array {
  const path = join(FASHION_MNIST_DIR, file);
  if (!existsSync(path)) throw new Error(`${path} not found: Fashion-MNIST comes from Debian's package, install it with: ${FASHION_MNIST_INSTALL}`);
  const buf = gunzipSync(readFileSync(path));
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const header = 4 + 4 * shape.length;
  const dims = shape.map((_, i) => view.getUint32(4 + 4 * i));
  if (view.getUint32(0) !== magic || dims.slice(1).some((d, i) => d !== shape[i + 1])) {
    throw new Error(`${path}: not an IDX file of shape [n, ${shape.slice(1).join(', ')}]`);
  }
  const body = buf.subarray(header);
  if (body.length !== dims.reduce((a, b) => a * b, 1)) throw new Error(`${path}: ${body.length} bytes for shape [${dims.join(', ')}]`);
  return body;
}

export function loadFashionMnist(seed = 42): Dataset {
  const images: { split: string; label: number; pixels: Uint8Array }[] = [];
  for (const s of SPLITS) {
    const pixels = readIdx(s.images, 2051, [0, SIDE, SIDE]);
    const labels = readIdx(s.labels, 2049, [0]);
    if (pixels.length !== labels.length * PIXELS) throw new Error(`${s.split}: ${labels.length} labels for ${pixels.length / PIXELS} images`);
    labels.forEach((label, i) => images.push({ split: s.split, label, pixels: pixels.subarray(i * PIXELS, (i + 1) * PIXELS) }));
  }
  new Rng(seed).shuffle(images);
  const n = images.length;
  const vectors = new Float32Array(n * PIXELS);
  const payloads: Payload[] = images.map((img, row) => {
    let ink = 0;
    let sum = 0;
    let [left, right, top, bottom] = [SIDE, -1, SIDE, -1];
    for (let p = 0; p < PIXELS; p++) {
      const v = img.pixels[p];
      vectors[row * PIXELS + p] = v / 255;
      if (v === 0) continue;
      ink++;
      sum += v;
      const [y, x] = [Math.floor(p / SIDE), p % SIDE];
      [left, right, top, bottom] = [Math.min(left, x), Math.max(right, x), Math.min(top, y), Math.max(bottom, y)];
    }
    return {
      category: FASHION_CATEGORIES[img.label],
      group: GROUP_OF[img.label],
      split: img.split,
      ink,
      width: ink ? right - left + 1 : 0,
      height: ink ? bottom - top + 1 : 0,
      brightness: ink ? sum / ink / 255 : 0,
    };
  });
  return { name: `fashion-mnist-s${seed}`, dim: PIXELS, n, vectors, payloads };
}
