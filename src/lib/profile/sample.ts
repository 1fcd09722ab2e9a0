// The sample type inference reads: the first `headSize` non-missing cells, plus a uniform
// reservoir (Vitter's algorithm R) of everything after them. The head catches the layout
// early (ingest decides parse options from it); the reservoir catches what changes later in a
// file (a second date format from row 50,000 on). Seeded, so re-profiling is repeatable.
import { ownString } from './own-string';
import { createPrng, type Prng } from './prng';
import type { CellValue } from '../store';

const own = (value: CellValue): CellValue => (typeof value === 'string' ? ownString(value) : value);

export class ValueSample {
  readonly headSize: number;
  readonly reservoirSize: number;
  #head: CellValue[] = [];
  #reservoir: CellValue[] = [];
  /** Cells offered after the head filled up. */
  #seen = 0;
  readonly #random: Prng;

  constructor(headSize = 1000, reservoirSize = 1000, seed = 0x5a3d1e) {
    this.headSize = headSize;
    this.reservoirSize = reservoirSize;
    this.#random = createPrng(seed);
  }

  get headFull(): boolean {
    return this.#head.length >= this.headSize;
  }

  /** Adds one non-missing cell (a string kept is copied: see own-string.ts). */
  add(value: CellValue): void {
    if (this.#head.length < this.headSize) {
      this.#head.push(own(value));
      return;
    }
    this.#seen++;
    if (this.#reservoir.length < this.reservoirSize) {
      this.#reservoir.push(own(value));
      return;
    }
    const j = Math.floor(this.#random.next() * this.#seen);
    if (j < this.reservoirSize) this.#reservoir[j] = own(value);
  }

  /**
   * Folds in a sample of a later part of the column: its head cells are offered one by one,
   * then the two reservoirs are combined, each slot drawn from a side in proportion to how
   * many cells that side stands for.
   */
  merge(other: ValueSample): void {
    for (const value of other.#head) this.add(value);
    if (other.#seen === 0) return;
    const mine = this.#reservoir.slice();
    const theirs = other.#reservoir.slice();
    let mineLeft = this.#seen;
    let theirsLeft = other.#seen;
    const merged: CellValue[] = [];
    while (merged.length < this.reservoirSize && (mine.length > 0 || theirs.length > 0)) {
      const pickMine = theirs.length === 0 || (mine.length > 0 && this.#random.next() * (mineLeft + theirsLeft) < mineLeft);
      const from = pickMine ? mine : theirs;
      const at = Math.floor(this.#random.next() * from.length);
      merged.push(from[at]!);
      from[at] = from[from.length - 1]!;
      from.pop();
      if (pickMine) mineLeft = Math.max(0, mineLeft - this.#seen / Math.max(1, this.#reservoir.length));
      else theirsLeft = Math.max(0, theirsLeft - other.#seen / Math.max(1, other.#reservoir.length));
    }
    this.#reservoir = merged;
    this.#seen += other.#seen;
  }

  /** Head cells first, then the reservoir. */
  values(): CellValue[] {
    return [...this.#head, ...this.#reservoir];
  }
}
