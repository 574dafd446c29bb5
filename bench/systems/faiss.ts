// `faiss-flat`, `faiss-ivf`, `faiss-hnsw`: FAISS (faiss-cpu 1.15.1, Python, in a
// child process: bench/peers/python/faiss_peer.py) as a user with a batch of
// filtered queries would run it: IndexFlatL2, IndexIVFFlat or IndexHNSWFlat, each
// query searched with its own filter as an IDSelectorBitmap in its search
// parameters (FAISS takes one selector per call, so a batch is a loop of calls,
// on a pool of one thread per core). The filter bitmaps come from the harness.

import { PYTHON_PEER_TERMS, PythonPeerSystem } from './python-peer.js';
import type { BuildContext, SweepParam } from './system.js';

export type FaissIndexKind = 'flat' | 'ivf' | 'hnsw';

const HNSW_M = 32;
/** FAISS's default. */
const HNSW_EF_CONSTRUCTION = 40;
/** FAISS warns below 39 training points per centroid. */
const MIN_POINTS_PER_CENTROID = 39;

const SWEEPS: Record<FaissIndexKind, SweepParam | undefined> = {
  flat: undefined,
  // Replaced at build by the powers of two below nlist, then nlist (every list: exact).
  ivf: { name: 'nprobe', values: [1] },
  hnsw: { name: 'efSearch', values: [16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192] },
};

/** nlist: FAISS's guideline 4 * sqrt(n), capped so that each centroid has enough training points. */
export function ivfLists(n: number): number {
  return Math.max(1, Math.min(Math.round(4 * Math.sqrt(n)), Math.floor(n / MIN_POINTS_PER_CENTROID)));
}

export class FaissSystem extends PythonPeerSystem {
  readonly name: string;
  description: string;
  protected readonly script = 'faiss_peer.py';

  constructor(private readonly kind: FaissIndexKind) {
    super();
    this.name = `faiss-${kind}`;
    this.sweep = SWEEPS[kind];
    const index =
      kind === 'flat' ? 'IndexFlatL2 (exact)'
      : kind === 'ivf' ? 'IndexIVFFlat (nlist 4 sqrt(n), at most n/39), trained on all points'
      : `IndexHNSWFlat (M=${HNSW_M}, efConstruction=${HNSW_EF_CONSTRUCTION})`;
    this.description = `faiss-cpu 1.15.1 ${index}; per-query IDSelectorBitmap filter; ${PYTHON_PEER_TERMS}`;
  }

  protected openConfig(ctx: BuildContext): Record<string, unknown> {
    if (this.kind === 'ivf') {
      const nlist = ivfLists(ctx.dataset.n);
      const values: number[] = [];
      for (let p = 1; p < nlist; p *= 2) values.push(p);
      this.sweep = { name: 'nprobe', values: [...values, nlist] };
      return { index: 'ivf', nlist };
    }
    if (this.kind === 'hnsw') return { index: 'hnsw', M: HNSW_M, efConstruction: HNSW_EF_CONSTRUCTION };
    return { index: 'flat' };
  }
}
