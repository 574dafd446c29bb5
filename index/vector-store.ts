// Vectors in one contiguous Float32Array indexed by dense label, growing by
// doubling. Rows of labels that are not live hold stale data and are never read
// (callers consult the segment's label state).
//
// `share` puts the rows in shared memory that other threads may read (a
// partition's read-only mirrors, engine/partitions/worker.ts). Rows shared are
// never written in place: a write to one copies the rows first (copy on write),
// so a reader in another thread never sees a row half written. Rows past those
// shared are the store's own (a mirror cannot address them): appends write in
// place. A store made `shared` keeps its rows in shared memory from the start,
// so that sharing them costs no copy.

export class VectorStore {
  private data: Float32Array;
  private capacity: number;
  /** Rows [0, frozen) are read by other threads: copied before any of them is written. */
  private frozen = 0;

  constructor(readonly dim: number, initialCapacity = 1024, private shared = false) {
    this.capacity = Math.max(16, initialCapacity);
    this.data = this.alloc(this.capacity);
  }

  /** A read-only store over rows shared by another thread (see `share`). */
  static view(dim: number, rows: Float32Array): VectorStore {
    const store = new VectorStore(dim, 16);
    store.data = rows;
    store.capacity = Math.floor(rows.length / dim);
    store.frozen = store.capacity;
    return store;
  }

  private alloc(rows: number): Float32Array {
    return this.shared ? new Float32Array(new SharedArrayBuffer(rows * this.dim * 4)) : new Float32Array(rows * this.dim);
  }

  /**
   * The first `count` rows in shared memory, for other threads to read: they are
   * never modified afterwards (a write to one of them works on a copy).
   */
  share(count: number): Float32Array {
    const rows = Math.min(count, this.capacity);
    if (!(this.data.buffer instanceof SharedArrayBuffer)) {
      this.shared = true;
      const next = this.alloc(this.capacity);
      next.set(this.data);
      this.data = next;
    }
    this.frozen = Math.max(this.frozen, rows);
    return this.data.subarray(0, rows * this.dim);
  }

  /** The backing array; row `label` starts at `label * dim`. Valid until the next `set` that grows it. */
  get buffer(): Float32Array {
    return this.data;
  }

  set(label: number, vector: Float32Array): void {
    if (label >= this.capacity) this.grow(label + 1);
    else if (label < this.frozen) this.grow(this.capacity);
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
    const next = this.alloc(capacity);
    next.set(this.data.subarray(0, Math.min(this.data.length, next.length)));
    this.data = next;
    this.capacity = capacity;
    this.frozen = 0;
  }
}

/** A stored float32 vector (little-endian bytes, e.g. a SQLite BLOB) as a new Float32Array of `dim` values. */
export function vectorFromBytes(bytes: Uint8Array, dim: number): Float32Array {
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + dim * 4));
}
