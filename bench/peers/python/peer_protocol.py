"""The framing the benchmark's Python peers speak to their TypeScript adapter
(bench/systems/python-peer.ts) over stdin/stdout: binary, one request in flight.

Request: u32 op, u64 body length, body.  Reply: u32 status, u64 length, body.
  OPEN   body: JSON {"vectors": path of a float32 .npy, "index": ..., ...};
         reply: JSON {"notes": [...]}.
  SEARCH body: a 32-byte header (u32 nq, dim, k, n, i32 param, u32 masked,
         8 bytes zero), nq*dim float32 query vectors, nq flag bytes (1: the
         query has a filter) padded to 8, then one bitmap of ceil(n/8) bytes
         per flagged query, in query order (bit r of byte r>>3, LSB first:
         row r matches). reply: nq*k int32 row ids, nearest first, -1 padded.
Status 1 carries an error message (UTF-8). The process ends at end of input.
A peer whose Python packages are missing exits with EXIT_MISSING_MODULE.
"""

import json
import os
import struct
import sys
import traceback

EXIT_MISSING_MODULE = 3


def require(*modules):
    """Imports the modules a peer needs, or exits with EXIT_MISSING_MODULE naming the first missing one."""
    loaded = []
    for name in modules:
        try:
            loaded.append(__import__(name))
        except ImportError as err:
            print(f"python module {name} is missing: {err}", file=sys.stderr)
            sys.exit(EXIT_MISSING_MODULE)
    return loaded


(np,) = require("numpy")

FRAME = struct.Struct("<IQ")
SEARCH_HEADER = struct.Struct("<IIIIiI8x")
OP_OPEN, OP_SEARCH = 1, 2
STATUS_OK, STATUS_ERROR = 0, 1


class SearchRequest:
    """One SEARCH body, decoded without copying: queries (nq, dim) and per query a bitmap or None."""

    def __init__(self, body: memoryview):
        nq, dim, k, n, param, masked = SEARCH_HEADER.unpack_from(body, 0)
        self.nq, self.dim, self.k, self.n, self.param = nq, dim, k, n, param
        at = SEARCH_HEADER.size
        self.queries = np.frombuffer(body, dtype=np.float32, count=nq * dim, offset=at).reshape(nq, dim)
        at += 4 * nq * dim
        self.flags = np.frombuffer(body, dtype=np.uint8, count=nq, offset=at)
        at += (nq + 7) // 8 * 8
        self.bitmap_bytes = (n + 7) // 8
        self.bitmaps = np.frombuffer(body, dtype=np.uint8, count=masked * self.bitmap_bytes, offset=at).reshape(masked, self.bitmap_bytes)
        # Row of self.bitmaps for each query, -1 where the query has no filter.
        self.mask_row = np.where(self.flags != 0, np.cumsum(self.flags, dtype=np.int64) - 1, -1)

    def bitmap(self, i: int):
        r = self.mask_row[i]
        return None if r < 0 else self.bitmaps[r]


def _read_exactly(stream, n: int):
    buf = bytearray(n)
    view = memoryview(buf)
    got = 0
    while got < n:
        m = stream.readinto(view[got:])
        if not m:
            return None
        got += m
    return view


def serve(open_index, search):
    """Answers requests until end of input. open_index(config) -> notes; search(SearchRequest) -> (nq, k) int32."""
    # Anything printed by Python or native code goes to stderr, never into the protocol.
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    inp = sys.stdin.buffer
    while True:
        head = _read_exactly(inp, FRAME.size)
        if head is None:
            return
        op, length = FRAME.unpack(head)
        body = _read_exactly(inp, length) if length else memoryview(b"")
        if body is None:
            return
        try:
            if op == OP_OPEN:
                reply = json.dumps({"notes": open_index(json.loads(bytes(body)))}).encode()
            elif op == OP_SEARCH:
                reply = np.ascontiguousarray(search(SearchRequest(body)), dtype=np.int32).tobytes()
            else:
                raise ValueError(f"unknown op {op}")
            status = STATUS_OK
        except Exception:
            reply, status = traceback.format_exc().encode(), STATUS_ERROR
        out.write(FRAME.pack(status, len(reply)))
        out.write(reply)
        out.flush()
