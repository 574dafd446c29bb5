"""Masked brute force in numpy as a benchmark peer (bench/systems/numpy.ts):
per block of queries one matrix product against all points, squared L2
through norms (||x||^2 - 2 q.x; ||q||^2 is the same for every point of a
query, so it cannot change the order and is left out), each query's filter
applied as a mask (non-matching rows = +inf), top-k by argpartition then a
sort (ties to the lower row, as the ground truth breaks them). Exact.
Protocol: peer_protocol.py.

Blocks run on a pool of threads, one per core, with one BLAS thread each:
numpy releases the GIL in the product, the masking and argpartition, so both
cores stay busy through the whole block, not only in the product.
"""

import os
from concurrent.futures import ThreadPoolExecutor

from peer_protocol import np, require, serve

(threadpoolctl,) = require("threadpoolctl")

THREADS = os.cpu_count() or 1
DEFAULT_BLOCK = 256
INF = np.float32(np.inf)


def blas_notes():
    """Which BLAS numpy runs (OPENBLAS_CORETYPE and friends change its kernel), for the report."""
    blas = [i for i in threadpoolctl.threadpool_info() if i.get("user_api") == "blas"]
    env = ", ".join(f"{v}={os.environ[v]}" if v in os.environ else f"{v} unset" for v in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"))
    kernels = "; ".join(
        f"{i.get('internal_api')} {i.get('version')} kernel {i.get('architecture')}, {i.get('num_threads')} threads" for i in blas
    )
    return f"numpy {np.__version__}, BLAS: {kernels or 'none found'} ({env}); {THREADS} query blocks at a time, 1 BLAS thread each"


class NumpyPeer:
    def __init__(self):
        self.x = None
        self.norms = None
        self.block = DEFAULT_BLOCK
        self.pool = ThreadPoolExecutor(THREADS)

    def open(self, config):
        notes = [blas_notes()]
        self.x = np.load(config["vectors"])
        self.norms = np.einsum("ij,ij->i", self.x, self.x)
        self.block = config.get("block", DEFAULT_BLOCK)
        threadpoolctl.threadpool_limits(1, user_api="blas")
        return notes

    def search_block(self, req, start, out):
        end = min(req.nq, start + self.block)
        n, k = req.n, req.k
        d = req.queries[start:end] @ self.x.T
        d *= -2
        d += self.norms
        for j in range(end - start):
            bitmap = req.bitmap(start + j)
            if bitmap is not None:
                np.copyto(d[j], INF, where=np.unpackbits(~bitmap, count=n, bitorder="little").view(bool))
        rows = np.argpartition(d, k - 1, axis=1)[:, :k] if k < n else np.broadcast_to(np.arange(n), d.shape)
        dist = np.take_along_axis(d, rows, axis=1)
        order = np.lexsort((rows, dist), axis=1)
        ids = np.take_along_axis(rows, order, axis=1).astype(np.int32)
        ids[np.take_along_axis(dist, order, axis=1) == INF] = -1
        out[start:end, : ids.shape[1]] = ids

    def search(self, req):
        out = np.full((req.nq, req.k), -1, dtype=np.int32)
        starts = range(0, req.nq, self.block)
        if len(starts) == 1:
            self.search_block(req, 0, out)
        else:
            for f in [self.pool.submit(self.search_block, req, s, out) for s in starts]:
                f.result()
        return out


if __name__ == "__main__":
    peer = NumpyPeer()
    serve(peer.open, peer.search)
