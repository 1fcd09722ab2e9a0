// KLL quantile sketch (Karnin, Lang, Liberty 2016), after Liberty's reference implementation:
// a stack of compactors, level h holding items of weight 2^h. When the sketch is full, the
// lowest full level is sorted and every other item (odd or even, by coin) moves up a level at
// double weight. Memory stays about 3k numbers whatever the stream length; the rank error is
// about 1.7/k of n with high probability (~1% at k = 200). Sketches merge by concatenating
// levels and compacting, so workers can profile in parallel. The coin is seeded, so the same
// stream always gives the same quantiles.
//
// Two front ends keep the common cases cheap. While a column has at most `exactDistinct`
// distinct values (quantities, ratings, prices, dates by day) they are only counted, and
// quantiles are exact; past that the counts go into the levels by weight (a count of 5 is one
// item at level 0 and one at level 2) and the sketch takes over. Counting costs a fraction of
// the compactions, which on a long stream run every add or two.
import { invariant } from '../errors';
import { createPrng, type Prng } from './prng';

/** Level capacities shrink by this factor going down from the top level. */
const shrink = 2 / 3;

/** Distinct values counted exactly before the levels take over. */
const exactDistinct = 4096;

interface Cdf {
  values: Float64Array;
  /** cumulative[i] = total weight of values[0..i]. */
  cumulative: Float64Array;
}

/** Sorts a short array ascending in place and returns it. */
function insertionSorted(items: number[]): number[] {
  for (let i = 1; i < items.length; i++) {
    const x = items[i]!;
    let j = i - 1;
    while (j >= 0 && items[j]! > x) {
      items[j + 1] = items[j]!;
      j--;
    }
    items[j + 1] = x;
  }
  return items;
}

export class QuantileSketch {
  readonly k: number;
  /** Count per distinct value, until there are more than `exactDistinct`. */
  #exactCounts: Map<number, number> | null = new Map();
  #levels: number[][] = [[]];
  #size = 0;
  #maxSize = 0;
  #count = 0;
  #min = Infinity;
  #max = -Infinity;
  readonly #coin: Prng;
  #cdf: Cdf | null = null;

  constructor(k = 200, seed = 0x5eed) {
    invariant(Number.isInteger(k) && k >= 8, `quantile sketch k must be an integer >= 8, got ${k}`);
    this.k = k;
    this.#coin = createPrng(seed);
    this.#capacities = [this.#capacity(0)];
    this.#maxSize = this.#capacities[0]!;
  }

  get count(): number {
    return this.#count;
  }

  get min(): number | null {
    return this.#count === 0 ? null : this.#min;
  }

  get max(): number | null {
    return this.#count === 0 ? null : this.#max;
  }

  /** True while no item has been compacted away: quantiles are then exact. */
  get exact(): boolean {
    return this.#exactCounts !== null || this.#levels.length === 1;
  }

  /** Capacity of each level for the current number of levels (they change only on grow). */
  #capacities: number[] = [];

  #capacity(level: number): number {
    const height = this.#levels.length - level - 1;
    return Math.max(2, Math.ceil(this.k * shrink ** height) + 1);
  }

  #grow(): void {
    this.#levels.push([]);
    this.#capacities = this.#levels.map((_, h) => this.#capacity(h));
    this.#maxSize = this.#capacities.reduce((sum, c) => sum + c, 0);
  }

  add(x: number): void {
    if (Number.isNaN(x)) return;
    this.#count++;
    if (x < this.#min) this.#min = x;
    if (x > this.#max) this.#max = x;
    this.#cdf = null;
    const exact = this.#exactCounts;
    if (exact === null) this.#take(x);
    else {
      exact.set(x, (exact.get(x) ?? 0) + 1);
      if (exact.size > exactDistinct) this.#spillExact();
    }
  }

  /** An item of weight 1 for the levels (count, min and max are the caller's). */
  #take(x: number): void {
    this.#levels[0]!.push(x);
    this.#size++;
    if (this.#size >= this.#maxSize) this.#compress();
  }

  /** `count` copies of x: one item at each level whose bit is set in the count. */
  #takeWeighted(x: number, count: number): void {
    for (let h = 0; count > 0; h++, count = Math.floor(count / 2)) {
      if (count % 2 === 0) continue;
      while (this.#levels.length <= h) this.#grow();
      this.#levels[h]!.push(x);
      this.#size++;
    }
    while (this.#size >= this.#maxSize) this.#compress();
  }

  /** Hands the exact counts to the levels, which carry on from here. */
  #spillExact(): void {
    const exact = this.#exactCounts;
    if (exact === null) return;
    this.#exactCounts = null;
    for (const [x, count] of exact) this.#takeWeighted(x, count);
  }

  #compress(): void {
    for (let h = 0; h < this.#levels.length; h++) {
      const level = this.#levels[h]!;
      if (level.length < this.#capacities[h]!) continue;
      if (h + 1 >= this.#levels.length) this.#grow();
      // Low levels are short (a few items, compacted every few adds): sorted in place by
      // insertion; long ones as a typed array, which sorts numerically in native code.
      const sorted = level.length <= 32 ? insertionSorted(level) : new Float64Array(level).sort();
      // An odd leftover stays at this level; the rest halves into the level above.
      const keep = sorted.length % 2 === 1 ? [sorted[0]!] : [];
      const start = keep.length;
      const offset = this.#coin.next() < 0.5 ? 0 : 1;
      const up = this.#levels[h + 1]!;
      for (let i = start + offset; i < sorted.length; i += 2) up.push(sorted[i]!);
      this.#levels[h] = keep;
      let size = 0;
      for (const l of this.#levels) size += l.length;
      this.#size = size;
      if (this.#size < this.#maxSize) break;
    }
  }

  merge(other: QuantileSketch): void {
    invariant(other.k === this.k, 'quantile sketches must share k to merge');
    this.#count += other.#count;
    this.#min = Math.min(this.#min, other.#min);
    this.#max = Math.max(this.#max, other.#max);
    this.#cdf = null;
    const mine = this.#exactCounts;
    const theirs = other.#exactCounts;
    if (mine !== null && theirs !== null) {
      for (const [x, count] of theirs) mine.set(x, (mine.get(x) ?? 0) + count);
      if (mine.size > exactDistinct) this.#spillExact();
      return;
    }
    this.#spillExact();
    while (this.#levels.length < other.#levels.length) this.#grow();
    other.#levels.forEach((items, h) => this.#levels[h]!.push(...items));
    this.#size = this.#levels.reduce((sum, l) => sum + l.length, 0);
    while (this.#size >= this.#maxSize) this.#compress();
    if (theirs !== null) for (const [x, count] of theirs) this.#takeWeighted(x, count);
  }

  /** Weighted items sorted by value, with running weights (cached until the next add). */
  #sorted(): Cdf {
    if (this.#cdf) return this.#cdf;
    const pairs: [number, number][] = this.#exactCounts ? [...this.#exactCounts] : [];
    this.#levels.forEach((items, h) => {
      for (const v of items) pairs.push([v, 2 ** h]);
    });
    pairs.sort((a, b) => a[0] - b[0]);
    const values = new Float64Array(pairs.length);
    const cumulative = new Float64Array(pairs.length);
    let running = 0;
    pairs.forEach(([v, w], i) => {
      running += w;
      values[i] = v;
      cumulative[i] = running;
    });
    this.#cdf = { values, cumulative };
    return this.#cdf;
  }

  /** The smallest item whose cumulative weight reaches q * n (q in 0..1); null when empty. */
  quantile(q: number): number | null {
    if (this.#count === 0) return null;
    if (q <= 0) return this.#min;
    if (q >= 1) return this.#max;
    const { values, cumulative } = this.#sorted();
    const target = q * this.#count;
    let lo = 0;
    let hi = values.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! >= target) hi = mid;
      else lo = mid + 1;
    }
    return values[lo] ?? this.#max;
  }

  /** Estimated number of items strictly below x (exact while `exact`). */
  countBelow(x: number): number {
    const { values, cumulative } = this.#sorted();
    let lo = 0;
    let hi = values.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? 0 : cumulative[lo - 1]!;
  }

  /** Estimated number of items at or below x. */
  countAtMost(x: number): number {
    const { values, cumulative } = this.#sorted();
    let lo = 0;
    let hi = values.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[mid]! <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? 0 : cumulative[lo - 1]!;
  }

  /** Retained items with their weights, for statistics the sketch does not compute itself (MAD). */
  weightedItems(): { values: Float64Array; weights: Float64Array } {
    const { values, cumulative } = this.#sorted();
    const weights = new Float64Array(values.length);
    cumulative.forEach((c, i) => {
      weights[i] = c - (i === 0 ? 0 : cumulative[i - 1]!);
    });
    return { values, weights };
  }
}
