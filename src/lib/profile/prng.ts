// A seeded generator (mulberry32) for the randomised parts of sketches, so that profiling the
// same data twice gives the same numbers (golden files depend on it).

export interface Prng {
  /** Uniform in [0, 1). */
  next(): number;
}

export function createPrng(seed: number): Prng {
  let state = seed >>> 0;
  return {
    next(): number {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}
