// Fixed-size top-k selection: a binary max-heap on distance holding the k best
// (smallest) candidates seen so far, so each candidate costs O(log k) at most.

export interface Neighbours {
  labels: number[];
  distances: number[];
}

export class TopK {
  private readonly labels: Int32Array;
  private readonly dists: Float64Array;
  private size = 0;

  constructor(readonly k: number) {
    this.labels = new Int32Array(Math.max(1, k));
    this.dists = new Float64Array(Math.max(1, k));
  }

  /** The distance a candidate must beat to enter; Infinity until the heap is full. */
  get bound(): number {
    return this.size < this.k ? Infinity : this.dists[0];
  }

  get length(): number {
    return this.size;
  }

  push(label: number, dist: number): void {
    if (this.k === 0) return;
    if (this.size < this.k) {
      let i = this.size++;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (this.dists[p] >= dist) break;
        this.dists[i] = this.dists[p];
        this.labels[i] = this.labels[p];
        i = p;
      }
      this.dists[i] = dist;
      this.labels[i] = label;
      return;
    }
    if (dist >= this.dists[0]) return;
    // Replace the root (the worst kept) and sift down.
    const n = this.size;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && this.dists[r] > this.dists[l] ? r : l;
      if (this.dists[c] <= dist) break;
      this.dists[i] = this.dists[c];
      this.labels[i] = this.labels[c];
      i = c;
    }
    this.dists[i] = dist;
    this.labels[i] = label;
  }

  /** Best first; ties broken by label so results are deterministic. */
  sorted(): Neighbours {
    const order = Array.from({ length: this.size }, (_, i) => i);
    order.sort((a, b) => this.dists[a] - this.dists[b] || this.labels[a] - this.labels[b]);
    return { labels: order.map((i) => this.labels[i]), distances: order.map((i) => this.dists[i]) };
  }
}

/** Merges sorted neighbour lists into the best k, dropping duplicate labels. */
export function mergeNeighbours(lists: Neighbours[], k: number): Neighbours {
  const heap = new TopK(k);
  const seen = new Set<number>();
  for (const list of lists) {
    for (let i = 0; i < list.labels.length; i++) {
      const label = list.labels[i];
      if (seen.has(label)) continue;
      seen.add(label);
      heap.push(label, list.distances[i]);
    }
  }
  return heap.sorted();
}
