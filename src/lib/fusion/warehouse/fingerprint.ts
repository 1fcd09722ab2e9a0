// Short, stable fingerprints of warehouse inputs, so a rebuild can tell which views changed.
// FNV-1a run twice with different offsets: 64 bits is plenty to tell versions of a table
// apart, and it needs no crypto API (this runs in workers and Node alike).
import { cellText } from '../../profile';
import type { FusionTable } from '../types';

export class Fingerprint {
  #a = 0x811c9dc5;
  #b = 0x01000193 ^ 0x5bd1e995;

  text(value: string): this {
    for (let i = 0; i < value.length; i++) this.#mix(value.charCodeAt(i));
    this.#mix(0x1f); // a separator, so ['ab', 'c'] and ['a', 'bc'] differ
    return this;
  }

  ints(values: Int32Array): this {
    for (let i = 0; i < values.length; i++) this.#mix(values[i]! & 0xffff).#mix(values[i]! >>> 16);
    this.#mix(values.length);
    return this;
  }

  #mix(code: number): this {
    this.#a = Math.imul(this.#a ^ code, 0x01000193);
    this.#b = Math.imul(this.#b ^ code, 0x01000193) ^ (this.#b >>> 15);
    return this;
  }

  hex(): string {
    return (this.#a >>> 0).toString(16).padStart(8, '0') + (this.#b >>> 0).toString(16).padStart(8, '0');
  }
}

/** A content fingerprint of a table (names, types, roles and every cell), for callers without versions. */
export function tableFingerprint(table: FusionTable): string {
  const f = new Fingerprint().text(table.name).text(String(table.rowCount));
  for (const column of table.columns) {
    f.text(column.name).text(column.type).text(column.role);
    for (const value of column.values) f.text(cellText(value) ?? '\u0000');
  }
  if (table.rowIds) f.ints(table.rowIds);
  return f.hex();
}
