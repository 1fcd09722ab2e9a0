// A chunk's columns as storage encoded them, the shape in which the ingest worker hands rows to
// the profile worker. Typed arrays and one long string per column clone in a fraction of the
// time one string per cell takes: for 1M rows, cloning the parsed cells cost the ingest worker
// about 0.8 s and the profile worker about 1 s, and the chunks are encoded for storage anyway.
import { decodeColumn, type CellValue } from '../store/columns';
import type { EncodedColumn } from '../store/types';
import type { ColumnBatch } from './types';

/**
 * How a column's cells come back. Storage keeps `"12"` and `12` alike (as the number), so the
 * batch says which the cells were: `text` (all strings: numbers print back as the file wrote
 * them), `native` (no strings), or, for a column that mixed both, the cells themselves.
 */
export type CellOrigin = 'text' | 'native' | CellValue[];

export interface EncodedBatch {
  names: string[];
  columns: EncodedColumn[];
  origins: CellOrigin[];
  rowStart: number;
  rowCount: number;
}

function originOf(values: readonly CellValue[]): CellOrigin {
  let text = false;
  let other = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) continue;
    if (typeof v === 'string') text = true;
    else other = true;
    if (text && other) return values.slice();
  }
  return other ? 'native' : 'text';
}

/** The batch for a chunk's cells and their encoding (column c of `values` encoded as `columns[c]`). */
export function encodedBatch(names: string[], values: readonly (readonly CellValue[])[], columns: EncodedColumn[], rowStart: number, rowCount: number): EncodedBatch {
  return { names, columns, origins: values.map(originOf), rowStart, rowCount };
}

/** The cells back, as the parser made them. */
export function decodeBatch(batch: EncodedBatch): ColumnBatch {
  const { rowStart, rowCount } = batch;
  return {
    names: batch.names,
    columns: batch.columns.map((column, c) => {
      const origin = batch.origins[c] ?? 'native';
      return Array.isArray(origin) ? origin : decodeColumn(column, rowCount, origin === 'text');
    }),
    rowIndex: Int32Array.from({ length: rowCount }, (_, i) => rowStart + i),
  };
}
