// Duplicate rows, found in one streaming pass: each row's key cells are hashed to 53 bits and
// looked up in an open-addressing table of typed arrays (first row per hash). Memory is about
// 24 bytes per distinct row, not an object per row, so 10M rows fit in a tab. A false
// duplicate needs a 53-bit collision, about a 1% chance across 10M distinct rows.
import { invariant } from '../errors';
import { hash53 } from './hash';
import type { ColumnBatch } from './types';

export interface DuplicateReport {
  /** Key columns, or null for whole rows. */
  columns: string[] | null;
  /** Rows that repeat an earlier row (the first occurrence is not counted). */
  count: number;
  /** Every repeating row, ascending: cleaning steps drop or flag exactly these. */
  rows: number[];
  /** A few pairs: the repeating row and the first row it repeats. */
  examples: { row: number; firstRow: number }[];
}

const exampleLimit = 10;
const separator = '\u001f';

/** Key of the duplicate set that cleaning stats store for a choice of key columns. */
export function duplicateKey(columns: readonly string[] | null): string {
  return columns === null ? '*' : JSON.stringify([...columns].sort());
}

export class DuplicateDetector {
  readonly columns: string[] | null;
  #keys = new Float64Array(1 << 12);
  #firstRows = new Int32Array(1 << 12);
  #used = 0;
  #rows: number[] = [];
  #examples: { row: number; firstRow: number }[] = [];

  constructor(columns: readonly string[] | null = null) {
    this.columns = columns === null ? null : [...columns];
  }

  /** Slot of `key` (hash + 1, so 0 marks an empty slot): where it sits or should go. */
  #slot(key: number): number {
    const mask = this.#keys.length - 1;
    let i = (key % 0x40000000) & mask;
    while (this.#keys[i] !== 0 && this.#keys[i] !== key) i = (i + 1) & mask;
    return i;
  }

  #grow(): void {
    const keys = this.#keys;
    const firstRows = this.#firstRows;
    this.#keys = new Float64Array(keys.length * 2);
    this.#firstRows = new Int32Array(keys.length * 2);
    keys.forEach((key, i) => {
      if (key === 0) return;
      const slot = this.#slot(key);
      this.#keys[slot] = key;
      this.#firstRows[slot] = firstRows[i]!;
    });
  }

  add(batch: ColumnBatch): void {
    const indices = this.columns === null ? batch.names.map((_, c) => c) : this.columns.map((name) => batch.names.indexOf(name));
    invariant(indices.every((c) => c >= 0), 'duplicate key columns must exist in the batch');
    const rows = batch.rowIndex.length;
    for (let i = 0; i < rows; i++) {
      let text = '';
      for (const c of indices) {
        const v = batch.columns[c]?.[i] ?? null;
        // Null and the empty string differ from every written value, and from each other.
        text += v === null ? '\u0000' : String(v);
        text += separator;
      }
      const key = hash53(text) + 1;
      const slot = this.#slot(key);
      const row = batch.rowIndex[i] ?? i;
      if (this.#keys[slot] === key) {
        this.#rows.push(row);
        if (this.#examples.length < exampleLimit) this.#examples.push({ row, firstRow: this.#firstRows[slot]! });
        continue;
      }
      this.#keys[slot] = key;
      this.#firstRows[slot] = row;
      if (++this.#used * 2 > this.#keys.length) this.#grow();
    }
  }

  result(): DuplicateReport {
    const rows = [...this.#rows].sort((a, b) => a - b);
    return { columns: this.columns, count: rows.length, rows, examples: this.#examples.slice() };
  }
}
