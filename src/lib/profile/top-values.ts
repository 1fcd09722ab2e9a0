// Most frequent values in bounded memory: Misra-Gries ("Frequent") with lazy decrements. At
// most 8 x capacity counters (a shrink sorts the counters, so it must be rare: in a
// near-unique column it runs once per 7 x capacity new values); when they run out, the (capacity+1)-th largest count is taken
// off every counter and those that reach zero are dropped. Counts are then lower bounds, short
// by at most n / (capacity + 1), and any value more frequent than that is never dropped. Until
// the first decrement the counts are exact. In a near-unique column the decrements clear the
// one-off values instead of listing them with made-up counts. Summaries merge by adding counts
// and decrementing once more (Agarwal et al., "Mergeable summaries").
import { invariant } from '../errors';
import { ownString } from './own-string';
import type { ValueCount } from './types';

/** Counters allowed per unit of capacity before a shrink. */
const slack = 8;

export class TopValues {
  readonly capacity: number;
  readonly #counts = new Map<string, number>();
  /** Total taken off every counter so far: the most any count may fall short. */
  #decremented = 0;

  constructor(capacity = 100) {
    invariant(Number.isInteger(capacity) && capacity >= 1, `top-values capacity must be a positive integer, got ${capacity}`);
    this.capacity = capacity;
  }

  /** Counts are exact while nothing has been decremented. */
  get exact(): boolean {
    return this.#decremented === 0;
  }

  /** The most any reported count may fall short of the truth. */
  get maxError(): number {
    return this.#decremented;
  }

  get size(): number {
    return this.#counts.size;
  }

  add(item: string, weight = 1): void {
    const count = this.#counts.get(item);
    if (count !== undefined) {
      this.#counts.set(item, count + weight);
      return;
    }
    this.#counts.set(ownString(item), weight);
    if (this.#counts.size > slack * this.capacity) this.#shrink();
  }

  /** Takes the (capacity+1)-th largest count off every counter, leaving at most `capacity`. */
  #shrink(): void {
    if (this.#counts.size <= this.capacity) return;
    const sorted = [...this.#counts.values()].sort((a, b) => b - a);
    const cut = sorted[this.capacity] ?? 0;
    for (const [item, count] of this.#counts) {
      if (count <= cut) this.#counts.delete(item);
      else this.#counts.set(item, count - cut);
    }
    this.#decremented += cut;
  }

  merge(other: TopValues): void {
    for (const [item, count] of other.#counts) this.#counts.set(item, (this.#counts.get(item) ?? 0) + count);
    this.#decremented += other.#decremented;
    if (this.#counts.size > slack * this.capacity) this.#shrink();
  }

  /** The n largest counts, ties broken by value so results are deterministic. */
  top(n: number): ValueCount[] {
    return [...this.#counts]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, n)
      .map(([value, count]) => ({ value, count }));
  }

  count(item: string): number {
    return this.#counts.get(item) ?? 0;
  }
}
