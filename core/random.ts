// mulberry32: a small seeded PRNG, for what must come out the same way every
// time for the same input (the engine's samples; the benchmark's datasets).

/** The state after `state`. */
export function nextState(state: number): number {
  return (state + 0x6d2b79f5) >>> 0;
}

/** The uniform value in [0, 1) that a state stands for. */
export function uniformOf(state: number): number {
  let t = Math.imul(state ^ (state >>> 15), state | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
