// Small hand-made tables for relationship tests: each column says what it is, and values are
// generated from a seed so the tests read the same data every run.
import type { InferredType, Role } from '../../../../src/lib/profile';
import type { CellValue } from '../../../../src/lib/store';
import type { FusionColumn, FusionTable } from '../../../../src/lib/fusion/types';

export function column(name: string, type: InferredType, role: Role, values: CellValue[]): FusionColumn {
  return { name, type, role, values };
}

export function table(name: string, columns: FusionColumn[]): FusionTable {
  return { id: name, name, rowCount: columns[0]?.values.length ?? 0, columns };
}

/** A seeded uniform integer in [0, n). */
export function randomInts(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return Math.floor((state / 2 ** 32) * n);
  };
}

export const range = (n: number, f: (i: number) => CellValue): CellValue[] => Array.from({ length: n }, (_, i) => f(i));
