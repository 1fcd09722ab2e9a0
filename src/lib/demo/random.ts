// A small seeded PRNG so the demo shop is byte-identical for a given seed in the page, a worker and Node.
// Math.random() can't be seeded, and a dependency would be overkill for ~40 lines of arithmetic.
import { invariant } from '../errors';
import { mulberry32 } from '../random';

export interface Random {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** Uniform float in [min, max). */
  float(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One element, uniformly. Throws on an empty list. */
  pick<T>(items: readonly T[]): T;
  /** One element, with probability proportional to its weight. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T;
  /** Index into a cumulative weight table built by `cumulative()`; O(log n) for hot loops. */
  fromCumulative(cum: Float64Array): number;
  /** A shuffled copy (Fisher–Yates); the input is left alone. */
  shuffle<T>(items: readonly T[]): T[];
  /** Gaussian sample (Box–Muller). */
  normal(mean?: number, sd?: number): number;
  /** An independent stream for a sub-generator, so adding draws in one file doesn't shift every other file. */
  derive(label: string): Random;
}

/** Returns `value`, or throws `internal` if it is undefined: indexing under noUncheckedIndexedAccess needs a checked read. */
export function must<T>(value: T | undefined, what: string): T {
  invariant(value !== undefined, `demo generator: missing ${what}`);
  return value;
}

/** Running sums of `weights`; pair with `Random.fromCumulative`. */
export function cumulative(weights: readonly number[]): Float64Array {
  const cum = new Float64Array(weights.length);
  let total = 0;
  for (let i = 0; i < weights.length; i++) {
    total += Math.max(0, weights[i] ?? 0);
    cum[i] = total;
  }
  return cum;
}

/** FNV-1a, to turn a label into 32 bits of seed material. */
function hashLabel(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function createRandom(seed: number): Random {
  // mulberry32: 32-bit state, passes the statistical tests that matter for synthetic data, and is tiny.
  const next = mulberry32(seed);
  // Box–Muller yields pairs; keep the spare so normal() costs one log/sqrt per two samples.
  let spare: number | undefined;

  const random: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    float: (min, max) => min + next() * (max - min),
    chance: (p) => next() < p,
    pick: (items) => must(items[Math.floor(next() * items.length)], 'item to pick from an empty list'),
    weighted: (items, weights) => {
      let total = 0;
      for (const w of weights) total += Math.max(0, w);
      let u = next() * total;
      for (let i = 0; i < items.length; i++) {
        u -= Math.max(0, weights[i] ?? 0);
        if (u < 0) return must(items[i], 'weighted item');
      }
      return must(items[items.length - 1], 'weighted item from an empty list');
    },
    fromCumulative: (cum) => {
      const u = next() * (cum[cum.length - 1] ?? 0);
      let lo = 0;
      let hi = cum.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((cum[mid] ?? 0) > u) hi = mid;
        else lo = mid + 1;
      }
      return lo;
    },
    shuffle: (items) => {
      const out = items.slice();
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const tmp = out[i] as (typeof out)[number];
        out[i] = out[j] as (typeof out)[number];
        out[j] = tmp;
      }
      return out;
    },
    normal: (mean = 0, sd = 1) => {
      if (spare !== undefined) {
        const z = spare;
        spare = undefined;
        return mean + sd * z;
      }
      const u = 1 - next(); // (0, 1], so log(u) is finite
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return mean + sd * r * Math.cos(2 * Math.PI * v);
    },
    derive: (label) => createRandom((seed ^ hashLabel(label)) >>> 0),
  };
  return random;
}
