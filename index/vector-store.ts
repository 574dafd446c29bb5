// Vectors in one contiguous Float32Array indexed by dense label, growing by
// doubling. Rows of labels that are not live hold stale data and are never read
// (callers consult the segment's label state).

export class VectorStore {
  private data: Float32Array;
  private capacity: number;

  constructor(readonly dim: number, initialCapacity = 1024) {
    this.capacity = Math.max(16, initialCapacity);
    this.data = new Float32Array(this.capacity * dim);
  }

  /** The backing array; row `label` starts at `label * dim`. Valid until the next `set` that grows it. */
  get buffer(): Float32Array {
    return this.data;
  }

  set(label: number, vector: Float32Array): void {
    if (label >= this.capacity) this.grow(label + 1);
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
    next.set(this.data);
    this.data = next;
    this.capacity = capacity;
  }
}

/** A stored float32 vector (little-endian bytes, e.g. a SQLite BLOB) as a new Float32Array of `dim` values. */
export function vectorFromBytes(bytes: Uint8Array, dim: number): Float32Array {
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + dim * 4));
}
