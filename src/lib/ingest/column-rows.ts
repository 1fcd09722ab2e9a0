import { columnsOfRecords as columnsOf, type CellValue } from '../store';
import type { ColumnRows, ColumnRowsSink, RecordBatchSink } from './types';

// Between the two shapes parsers hand rows over in: records (one object per row, what JSON
// documents are) and column batches (what storage and profiling want). CSV parses straight into
// columns; the other formats build records and go through `columnsOfRecords`.

/** Records to a column batch; columns are the union of keys, in first-seen order. */
export function columnsOfRecords(records: readonly Record<string, CellValue>[]): ColumnRows {
  return { ...columnsOf(records), rowCount: records.length };
}

/**
 * A column batch back to records. Columns named in `sparse` are set only where they hold a
 * value, as a parser that adds a key to some rows (CSV's `_extra`) wrote them.
 */
export function recordsOfColumns(rows: ColumnRows, sparse: ReadonlySet<string> = new Set()): Record<string, CellValue>[] {
  const records: Record<string, CellValue>[] = [];
  for (let i = 0; i < rows.rowCount; i++) {
    const record: Record<string, CellValue> = {};
    rows.names.forEach((name, c) => {
      const value = rows.columns[c]![i] ?? null;
      if (value !== null || !sparse.has(name)) record[name] = value;
    });
    records.push(record);
  }
  return records;
}

/** A record sink that hands its batches on as columns. */
export function columnSinkOfRecords(sink: ColumnRowsSink): RecordBatchSink {
  return (records, doneBytes, totalBytes) => sink(columnsOfRecords(records), doneBytes, totalBytes);
}
