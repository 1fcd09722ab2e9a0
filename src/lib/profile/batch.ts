// Building and reading ColumnBatch values: the column-form shape every parser's records are
// turned into before profiling or cleaning.
import { AppError } from '../errors';
import type { CellValue } from '../store';
// The module, not the store's index: the profile worker must not pull in Dexie.
import { columnsOfRecords } from '../store/columns';
import type { ColumnBatch } from './types';

/** Records (one object per row) to a batch; columns are the union of keys, in first-seen order. */
export function batchFromRecords(records: readonly Record<string, CellValue>[], rowStart = 0): ColumnBatch {
  const { names, columns } = columnsOfRecords(records);
  const rowIndex = Int32Array.from(records, (_, i) => rowStart + i);
  return { names, columns, rowIndex };
}

/** Row-major rows back from a batch (for display and tests). */
export function batchRows(batch: ColumnBatch): CellValue[][] {
  return Array.from(batch.rowIndex, (_, i) => batch.columns.map((c) => c[i] ?? null));
}

export function batchLength(batch: ColumnBatch): number {
  return batch.rowIndex.length;
}

/** Index of a column, or an `input-malformed` error naming it (steps refer to columns by name). */
export function requireColumn(batch: ColumnBatch, name: string, what: string): number {
  const at = batch.names.indexOf(name);
  if (at < 0) {
    throw new AppError('input-malformed', `${what} refers to column "${name}", which this data does not have. Remove the step or pick another column.`, { column: name });
  }
  return at;
}

/** A new batch with one column's values replaced (the input is left untouched). */
export function withColumn(batch: ColumnBatch, at: number, values: CellValue[]): ColumnBatch {
  const columns = batch.columns.slice();
  columns[at] = values;
  return { names: batch.names, columns, rowIndex: batch.rowIndex };
}

/** A new batch with a column added, or replaced if one of that name exists. */
export function withNamedColumn(batch: ColumnBatch, name: string, values: CellValue[]): ColumnBatch {
  const at = batch.names.indexOf(name);
  if (at >= 0) return withColumn(batch, at, values);
  return { names: [...batch.names, name], columns: [...batch.columns, values], rowIndex: batch.rowIndex };
}

/** Keeps the rows where `keep[i]` is true, with their original row numbers. */
export function filterRows(batch: ColumnBatch, keep: (i: number) => boolean): ColumnBatch {
  const kept: number[] = [];
  for (let i = 0; i < batch.rowIndex.length; i++) if (keep(i)) kept.push(i);
  return {
    names: batch.names,
    columns: batch.columns.map((c) => kept.map((i) => c[i] ?? null)),
    rowIndex: Int32Array.from(kept, (i) => batch.rowIndex[i] ?? i),
  };
}
