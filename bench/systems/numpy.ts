// `numpy`: masked brute force in numpy (Python, in a child process:
// bench/peers/python/numpy_peer.py), what a user with a batch of filtered queries
// might write instead of a database: per block of queries one matrix product
// against all points, each query's filter as a mask, top-k by argpartition. Exact.
// OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE (set on these machines for bugs of old
// OpenBLAS builds) make a current numpy pick a slower kernel, so the child runs
// without them; the kernel it ran is added to the description at build.

import { PYTHON_PEER_TERMS, PythonPeerSystem } from './python-peer.js';

const BLOCK = 256;
const OPENBLAS_OVERRIDES = ['OPENBLAS_CORETYPE', 'OPENBLAS_L2_SIZE'];

export class NumpySystem extends PythonPeerSystem {
  readonly name = 'numpy';
  description = `numpy masked brute force: blocks of ${BLOCK} queries, one matrix product each (||x||^2 - 2 q.x), non-matching rows +inf, argpartition then sort; ${PYTHON_PEER_TERMS}`;
  protected readonly script = 'numpy_peer.py';

  protected override env(): NodeJS.ProcessEnv {
    const env = { ...process.env };
    for (const v of OPENBLAS_OVERRIDES) delete env[v];
    return env;
  }

  protected openConfig(): Record<string, unknown> {
    return { block: BLOCK };
  }
}
