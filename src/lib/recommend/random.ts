// A seeded generator for splits, SGD orders, negatives and initial factors: the shared mulberry32
// with the draws the models need (not ml/train's Rng, so the typed-array models load without
// tfjs: ml/train's index pulls it in).
import { mulberry32 } from '../random';

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** Standard normal (Box-Muller). */
  normal(): number;
  /** Shuffles in place (Fisher-Yates). */
  shuffle(a: Int32Array): Int32Array;
}

export function seededRandom(seed: number): Random {
  const next = mulberry32(seed);
  const int = (n: number) => Math.floor(next() * n);
  return {
    next,
    int,
    normal: () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
    shuffle(a) {
      for (let i = a.length - 1; i > 0; i--) {
        const j = int(i + 1);
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
      }
      return a;
    },
  };
}

/** `length` normal draws scaled by `std`: initial factors. */
export function normalArray(length: number, std: number, random: Random): Float32Array {
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) out[i] = random.normal() * std;
  return out;
}
