// A seeded generator (mulberry32) for the randomised parts of sketches, so that profiling the
// same data twice gives the same numbers (golden files depend on it).
import { mulberry32 } from '../random';

export interface Prng {
  /** Uniform in [0, 1). */
  next(): number;
}

export function createPrng(seed: number): Prng {
  return { next: mulberry32(seed) };
}
