// The one seeded generator (mulberry32) behind every reproducible draw: sketches, splits, demo
// data, link sampling, training batches. Its whole state is one uint32, so a checkpoint can hold
// it; `advance` and `draw` are split so a stateful holder (ml/train's Rng) and a closure share
// the arithmetic without allocating per draw.

/** The next state. */
export const advance = (state: number): number => (state + 0x6d2b79f5) >>> 0;

/** The uniform draw in [0, 1) of an (already advanced) state. */
export function draw(state: number): number {
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** A stream of uniform draws in [0, 1) from `seed`. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => draw((state = advance(state)));
}

/**
 * `k` distinct indices of 0..n-1 (all of them when n <= k), ascending: a partial Fisher–Yates
 * shuffle, so the cost is O(n) memory and O(k) draws, and the same seed gives the same sample.
 */
export function sampleIndices(n: number, k: number, seed: number): number[] {
  if (n <= k) return Array.from({ length: n }, (_, i) => i);
  const next = mulberry32(seed);
  const pool = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(next() * (n - i));
    const t = pool[i]!;
    pool[i] = pool[j]!;
    pool[j] = t;
  }
  return Array.from(pool.subarray(0, k)).sort((a, b) => a - b);
}
