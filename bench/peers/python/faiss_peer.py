"""FAISS as a benchmark peer (bench/systems/faiss.ts): IndexFlatL2, IndexIVFFlat
or IndexHNSWFlat over the dataset, each query searched with its own filter as
an IDSelectorBitmap in its SearchParameters. Protocol: peer_protocol.py.

Every filtered query needs its own search call (FAISS takes one selector per
call), so a batch is a loop of calls spread over a pool of threads with one
OpenMP thread each (FAISS releases the GIL; a single-query call uses one
thread anyway, and OpenMP threads of its own only contend with the pool on two
cores). The batch's unfiltered queries go in one call, as a user would send
them, where FAISS uses its own threads.
"""

import os
from concurrent.futures import ThreadPoolExecutor

from peer_protocol import np, require, serve

(faiss,) = require("faiss")

THREADS = os.cpu_count() or 1
# Queries per task handed to the pool: small enough to balance cheap and costly filters.
CHUNK = 8


class FaissPeer:
    def __init__(self):
        self.index = None
        self.kind = ""
        self.pool = ThreadPoolExecutor(THREADS, initializer=faiss.omp_set_num_threads, initargs=(1,))

    def open(self, config):
        x = np.load(config["vectors"])
        n, dim = x.shape
        faiss.omp_set_num_threads(THREADS)
        self.kind = config["index"]
        if self.kind == "flat":
            index = faiss.IndexFlatL2(dim)
        elif self.kind == "ivf":
            index = faiss.IndexIVFFlat(faiss.IndexFlatL2(dim), dim, config["nlist"])
            index.train(x)
        elif self.kind == "hnsw":
            index = faiss.IndexHNSWFlat(dim, config["M"])
            index.hnsw.efConstruction = config["efConstruction"]
        else:
            raise ValueError(f"unknown index {self.kind}")
        index.add(x)
        self.index = index
        return [f"faiss {faiss.__version__}, {type(index).__name__}, {n} x {dim}, {THREADS} threads"]

    def params(self, param, sel=None):
        if self.kind == "ivf":
            return faiss.SearchParametersIVF(sel=sel, nprobe=param) if sel else faiss.SearchParametersIVF(nprobe=param)
        if self.kind == "hnsw":
            return faiss.SearchParametersHNSW(sel=sel, efSearch=param) if sel else faiss.SearchParametersHNSW(efSearch=param)
        return faiss.SearchParameters(sel=sel) if sel else None

    def search_one(self, req, i, out):
        bitmap = req.bitmap(i)
        sel = faiss.IDSelectorBitmap(req.n, faiss.swig_ptr(bitmap)) if bitmap is not None else None
        _, labels = self.index.search(req.queries[i : i + 1], req.k, params=self.params(req.param, sel))
        out[i] = labels[0]

    def search_chunk(self, req, indices, out):
        for i in indices:
            self.search_one(req, i, out)

    def search(self, req):
        out = np.empty((req.nq, req.k), dtype=np.int32)
        if req.nq == 1:
            faiss.omp_set_num_threads(1)
            self.search_one(req, 0, out)
            return out
        unfiltered = np.flatnonzero(req.flags == 0)
        if len(unfiltered) > 0:
            faiss.omp_set_num_threads(THREADS)
            _, labels = self.index.search(req.queries[unfiltered], req.k, params=self.params(req.param))
            out[unfiltered] = labels
        filtered = np.flatnonzero(req.flags != 0)
        chunks = [filtered[s : s + CHUNK] for s in range(0, len(filtered), CHUNK)]
        for f in [self.pool.submit(self.search_chunk, req, c, out) for c in chunks]:
            f.result()
        return out


if __name__ == "__main__":
    peer = FaissPeer()
    serve(peer.open, peer.search)
