// Vectors in one contiguous Float32Array indexed by dense label, growing by
// doubling. Rows of labels that are not live hold stale data and are never read
// (callers consult the segment's label state).
//
// `share` moves the rows into shared memory that other threads may read (a
// partition's read-only mirrors, engine/partitions/worker.ts); from then on the
// rows are never written in place: the next write copies them first (copy on
// write), so a reader in another thread never sees a row half written.

export class VectorStore {
  private data: Float32Array;
  private capacity: number;
  /** The rows are shared with other threads: copy before writing. */
  private frozen = false;

  constructor(readonly dim: number, initialCapacity = 1024) {
    this.capacity = Math.max(16, initialCapacity);
    this.data = new Float32Array(this.capacity * dim);
  }

  /** A read-only store over rows shared by another thread (see `share`). */
  static view(dim: number, rows: Float32Array): VectorStore {
    const store = new VectorStore(dim, 16);
    store.data = rows;
    store.capacity = Math.floor(rows.length / dim);
    store.frozen = true;
    return store;
  }

  /**
   * The first `count` rows in shared memory, for other threads to read: they are
   * never modified afterwards (this store's next write works on a copy).
   */
  share(count: number): Float32Array {
    const rows = Math.max(1, Math.min(count, this.capacity));
    if (!(this.data.buffer instanceof SharedArrayBuffer)) {
      // Only the rows in use: the next write copies them anyway.
      const shared = new Float32Array(new SharedArrayBuffer(rows * this.dim * 4));
      shared.set(this.data.subarray(0, rows * this.dim));
      this.data = shared;
      this.capacity = rows;
    }
    this.frozen = true;
    return this.data.subarray(0, rows * this.dim);
  }

  /** The backing array; row `label` starts at `label * dim`. Valid until the next `set` that grows it. */
  get buffer(): Float32Array {
    return this.data;
  }

  set(label: number, vector: Float32Array): void {
    if (label >= this.capacity) this.grow(label + 1);
    else if (this.frozen) this.grow(this.capacity);
    this.data.set(vector, label * this.dim);
  }

  get(label: number): Float32Array {
    return this.data.subarray(label * this.dim, (label + 1) * this.dim);
  }

  get bytes(): number {
    return this.data.byteLength;
  }

  private grow(minCapacity: number): void {
    let capacity = this.capacity;
    while (capacity < minCapacity) capacity *= 2;
    const next = new Float32Array(capacity * this.dim);
    next.set(this.data.subarray(0, Math.min(this.data.length, next.length)));
    this.data = next;
    this.capacity = capacity;
    this.frozen = false;
  }
}

/** A stored float32 vector (little-endian bytes, e.g. a SQLite BLOB) as a new Float32Array of `dim` values. */
export function vectorFromBytes(bytes: Uint8Array, dim: number): Float32Array {
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + dim * 4));
}
