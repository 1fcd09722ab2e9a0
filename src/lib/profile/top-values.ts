// Most frequent values in bounded memory: Space-Saving (Metwally et al. 2005). At most
// `capacity` counters; a new value evicts the smallest counter and inherits its count (so counts
// are upper bounds, off by at most the evicted count). Any value more frequent than n/capacity
// is guaranteed to be kept. While no counter was ever evicted, the counts are exact. Counters
// sit in a min-heap so an update costs O(log capacity), not a scan.
import { invariant } from '../errors';
import type { ValueCount } from './types';

export class TopValues {
  readonly capacity: number;
  #items: string[] = [];
  #counts: number[] = [];
  /** Per counter, how much of its count may belong to values it replaced. */
  #errors: number[] = [];
  readonly #position = new Map<string, number>();
  #evicted = false;

  constructor(capacity = 100) {
    invariant(Number.isInteger(capacity) && capacity >= 1, `top-values capacity must be a positive integer, got ${capacity}`);
    this.capacity = capacity;
  }

  /** Counts are exact while nothing has been evicted. */
  get exact(): boolean {
    return !this.#evicted;
  }

  get size(): number {
    return this.#items.length;
  }

  #swap(i: number, j: number): void {
    const item = this.#items[i]!;
    const count = this.#counts[i]!;
    const error = this.#errors[i]!;
    this.#items[i] = this.#items[j]!;
    this.#counts[i] = this.#counts[j]!;
    this.#errors[i] = this.#errors[j]!;
    this.#items[j] = item;
    this.#counts[j] = count;
    this.#errors[j] = error;
    this.#position.set(this.#items[i]!, i);
    this.#position.set(item, j);
  }

  #siftUp(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.#counts[parent]! <= this.#counts[i]!) return;
      this.#swap(i, parent);
      i = parent;
    }
  }

  #siftDown(i: number): void {
    const n = this.#items.length;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < n && this.#counts[left]! < this.#counts[smallest]!) smallest = left;
      if (right < n && this.#counts[right]! < this.#counts[smallest]!) smallest = right;
      if (smallest === i) return;
      this.#swap(i, smallest);
      i = smallest;
    }
  }

  add(item: string, weight = 1): void {
    const at = this.#position.get(item);
    if (at !== undefined) {
      this.#counts[at]! += weight;
      this.#siftDown(at);
      return;
    }
    if (this.#items.length < this.capacity) {
      this.#items.push(item);
      this.#counts.push(weight);
      this.#errors.push(0);
      this.#position.set(item, this.#items.length - 1);
      this.#siftUp(this.#items.length - 1);
      return;
    }
    // Replace the smallest counter: the newcomer may have occurred up to that many times unseen.
    this.#evicted = true;
    this.#position.delete(this.#items[0]!);
    this.#items[0] = item;
    this.#errors[0] = this.#counts[0]!;
    this.#counts[0]! += weight;
    this.#position.set(item, 0);
    this.#siftDown(0);
  }

  /** Smallest kept count when full (the most an unkept value may have occurred), else 0. */
  #floor(): number {
    return this.#items.length < this.capacity ? 0 : (this.#counts[0] ?? 0);
  }

  /** Merges another summary (Agarwal et al.'s mergeable summaries): sums, then keeps the largest. */
  merge(other: TopValues): void {
    // item -> [count, error]; a value one side did not keep may have had up to that side's floor.
    const merged = new Map<string, [number, number]>();
    const floorA = this.#floor();
    const floorB = other.#floor();
    this.#items.forEach((item, i) => {
      const missing = other.#position.has(item) ? 0 : floorB;
      merged.set(item, [this.#counts[i]! + missing, this.#errors[i]! + missing]);
    });
    other.#items.forEach((item, i) => {
      const [count, error] = merged.get(item) ?? [floorA, floorA];
      merged.set(item, [count + other.#counts[i]!, error + other.#errors[i]!]);
    });
    const kept = [...merged].sort((a, b) => b[1][0] - a[1][0] || (a[0] < b[0] ? -1 : 1)).slice(0, this.capacity);
    this.#evicted = this.#evicted || other.#evicted || merged.size > this.capacity;
    this.#items = [];
    this.#counts = [];
    this.#errors = [];
    this.#position.clear();
    for (const [item, [count, error]] of kept) {
      this.#items.push(item);
      this.#counts.push(count);
      this.#errors.push(error);
      this.#position.set(item, this.#items.length - 1);
      this.#siftUp(this.#items.length - 1);
    }
  }

  /**
   * The n largest counts (upper bounds once inexact), ties broken by value so results are
   * deterministic. Once inexact, only values seen at least `minGuaranteed` times for sure are
   * listed: in a near-unique column the counters are otherwise noise left by evictions.
   */
  top(n: number, minGuaranteed = 2): ValueCount[] {
    return this.#items
      .map((value, i) => ({ value, count: this.#counts[i]!, sure: this.#counts[i]! - this.#errors[i]! }))
      .filter((v) => !this.#evicted || v.sure >= minGuaranteed)
      .map(({ value, count }) => ({ value, count }))
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
      .slice(0, n);
  }

  count(item: string): number {
    const at = this.#position.get(item);
    return at === undefined ? 0 : this.#counts[at]!;
  }
}
