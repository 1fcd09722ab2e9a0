// Which cells of a stream a one-in-k sample takes: one cell in each run of k consecutive cells,
// at a random place in the run. Every cell is taken with probability 1/k, so counts scaled by k
// are unbiased even when a column repeats with a period (`N/A` on every other row, a pattern
// every 50 rows), which a fixed stride can line up with and count twice or not at all; and
// taking exactly one per run keeps the variance as low as a stride's. One draw per k cells.
// Seeded, so the same stream always gives the same sample.
import { createPrng, type Prng } from './prng';

export class StratifiedSample {
  /** Each sampled cell stands for this many. */
  readonly every: number;
  readonly #random: Prng;
  /** Place of the current run's pick within its run. */
  #pick: number;
  /** Cells until the next pick (1: the next cell is taken). */
  #left: number;

  constructor(every: number, seed: number) {
    this.every = every;
    this.#random = createPrng(seed);
    this.#pick = this.#draw();
    this.#left = this.#pick + 1;
  }

  /** Whether the next cell is sampled: a countdown, since it is asked once per cell. */
  take(): boolean {
    if (--this.#left !== 0) return false;
    // From this run's pick to the next run's: the rest of this run, then the next pick.
    const next = this.#draw();
    this.#left = this.every - this.#pick + next;
    this.#pick = next;
    return true;
  }

  #draw(): number {
    return Math.floor(this.#random.next() * this.every);
  }
}
