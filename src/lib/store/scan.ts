import { decodeColumn, decodeValue, type CellValue } from './columns';
import type { EdgeFuseDb } from './db';
import { getSource } from './sources';
import type { Chunk, Source } from './types';

// Whole-column operations for the data grid: sort and filter produce a row-index array
// (Int32Array, moved to the page with Comlink.transfer), and pages of rows are then read
// through that index. Only the columns involved are read, chunk by chunk.

export const filterOps = ['contains', 'equals', 'not-equals', 'greater', 'less', 'empty', 'not-empty'] as const;
export type FilterOp = (typeof filterOps)[number];

export interface FilterSpec {
  column: number;
  op: FilterOp;
  value: string;
}

export interface SortSpec {
  column: number;
  descending: boolean;
}

/** Calls `visit` for every chunk of one column, in row order, one chunk in memory at a time. */
export async function eachColumnChunk(db: EdgeFuseDb, source: Source, column: number, visit: (chunk: Chunk) => void, signal?: AbortSignal): Promise<void> {
  for (let index = 0; index < source.chunkCount; index++) {
    signal?.throwIfAborted();
    const chunk = await db.chunks.get([source.id, column, index]);
    if (chunk) visit(chunk);
  }
}

/** Reads a whole column as plain values (nulls where a chunk lacks the column). */
export async function readColumn(db: EdgeFuseDb, sourceId: string, column: number, signal?: AbortSignal): Promise<CellValue[]> {
  const source = await getSource(db, sourceId);
  const values = new Array<CellValue>(source.rowCount).fill(null);
  await eachColumnChunk(db, source, column, (chunk) => {
    const cells = decodeColumn(chunk.data, chunk.rowCount);
    for (let r = 0; r < chunk.rowCount; r++) values[chunk.rowStart + r] = cells[r]!;
  }, signal);
  return values;
}

function compareCells(a: CellValue, b: CellValue): number {
  if (a === b) return 0;
  if (a === null) return 1; // missing values sort last, either direction
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const na = Number(a);
  const nb = Number(b);
  if (a !== '' && b !== '' && Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
  return String(a).localeCompare(String(b));
}

function matches(value: CellValue, op: FilterOp, needle: string, orderedNeedle: CellValue): boolean {
  switch (op) {
    case 'empty':
      return value === null;
    case 'not-empty':
      return value !== null;
    case 'contains':
      return value !== null && String(value).toLowerCase().includes(needle.toLowerCase());
    case 'equals':
      return value !== null && String(value) === needle;
    case 'not-equals':
      return value === null || String(value) !== needle;
    case 'greater':
      return value !== null && compareCells(value, orderedNeedle) > 0;
    case 'less':
      return value !== null && compareCells(value, orderedNeedle) < 0;
  }
}

/** Maps a stored value to what it means (a parsed price, a date's epoch ms) for comparison. */
export type KeyOf = (column: number) => (value: CellValue) => CellValue;

/**
 * Some columns of the rows of one chunk: `columns[k][r]` is column k of row `rowStart + r`.
 * `dropped[r] = 1` marks a row the reader leaves out (a cleaning step removed it).
 */
export interface ChunkValues {
  rowStart: number;
  rowCount: number;
  columns: CellValue[][];
  dropped?: Uint8Array;
}

/** Reads the given columns of chunk `index`. The grid's query reads through one of these. */
export type ChunkReader = (index: number, columns: readonly number[]) => Promise<ChunkValues>;

/** The stored values, as imported. */
export function storedChunkReader(db: EdgeFuseDb, source: Source): ChunkReader {
  return async (index, columns) => {
    const chunks = await db.chunks.bulkGet(columns.map((c) => [source.id, c, index] as [string, number, number]));
    const rowStart = index * source.chunkRows;
    const rowCount = Math.max(0, Math.min(source.chunkRows, source.rowCount - rowStart));
    // A chunk written before its column appeared is missing: its rows read as null.
    return { rowStart, rowCount, columns: chunks.map((chunk) => decodeColumn(chunk?.data, rowCount)) };
  };
}

/**
 * Row ids of the rows that pass every filter, in order, sorted if asked, in one pass over the
 * chunks of the columns involved. `keyOf` lets the caller compare by meaning (by default values
 * compare as stored); `read` lets it supply cleaned values instead of stored ones.
 */
export interface QueryOptions {
  /** Compares cells by meaning (a price as a number); by default as stored. */
  keyOf?: KeyOf;
  /** Rows that cleaning removed (repeated rows, say): never part of the view. */
  exclude?: ReadonlySet<number>;
  /** Only rows whose test passes: "the rows a quality issue is about". */
  rowTest?: { column: number; test: (value: CellValue) => boolean };
  /** Cleaned values instead of the stored ones. */
  read?: ChunkReader;
  signal?: AbortSignal;
}

export async function queryRowIds(db: EdgeFuseDb, sourceId: string, filters: readonly FilterSpec[], sort: SortSpec | null, options: QueryOptions = {}): Promise<Int32Array> {
  const { keyOf = () => (value: CellValue) => value, exclude = new Set<number>(), rowTest, read, signal } = options;
  const source = await getSource(db, sourceId);
  const readChunk = read ?? storedChunkReader(db, source);
  const columns = [...new Set([...filters.map((f) => f.column), ...(sort ? [sort.column] : []), ...(rowTest ? [rowTest.column] : [])])];
  // Text tests read the cell as written; order tests (greater, less) read it by meaning.
  const tests = filters.map((filter) => {
    const ordered = filter.op === 'greater' || filter.op === 'less';
    const key = ordered ? keyOf(filter.column) : (value: CellValue) => value;
    const needle = ordered ? (key(filter.value) ?? filter.value) : filter.value;
    return { filter, key, needle, slot: columns.indexOf(filter.column) };
  });
  const sortKey = sort ? keyOf(sort.column) : null;
  const sortSlot = sort ? columns.indexOf(sort.column) : -1;
  const testSlot = rowTest ? columns.indexOf(rowTest.column) : -1;
  const keep = new Uint8Array(source.rowCount).fill(1);
  for (const row of exclude) if (row < keep.length) keep[row] = 0;
  const sortValues: CellValue[] = sort ? new Array<CellValue>(source.rowCount).fill(null) : [];
  if (columns.length > 0) {
    for (let index = 0; index < source.chunkCount; index++) {
      signal?.throwIfAborted();
      const chunk = await readChunk(index, columns);
      for (let r = 0; r < chunk.rowCount; r++) {
        const row = chunk.rowStart + r;
        if (chunk.dropped?.[r]) {
          keep[row] = 0;
          continue;
        }
        if (rowTest && !rowTest.test(chunk.columns[testSlot]![r] ?? null)) keep[row] = 0;
        for (const t of tests) if (keep[row] && !matches(t.key(chunk.columns[t.slot]![r] ?? null), t.filter.op, String(t.needle), t.needle)) keep[row] = 0;
        if (sortKey) sortValues[row] = sortKey(chunk.columns[sortSlot]![r] ?? null);
      }
    }
  }
  let n = 0;
  for (const k of keep) n += k;
  const ids = new Int32Array(n);
  for (let i = 0, j = 0; i < keep.length; i++) if (keep[i]) ids[j++] = i;
  if (!sort) return ids;
  const sign = sort.descending ? -1 : 1;
  return ids.sort((a, b) => {
    const va = sortValues[a]!;
    const vb = sortValues[b]!;
    if (va === null || vb === null) return compareCells(va, vb);
    return sign * compareCells(va, vb) || a - b;
  });
}

/** Reads the rows whose ids are given (a page of a sorted or filtered view). */
export async function readRowsById(db: EdgeFuseDb, sourceId: string, rowIds: ArrayLike<number>): Promise<CellValue[][]> {
  const source = await getSource(db, sourceId);
  const rows = Array.from({ length: rowIds.length }, () => new Array<CellValue>(source.columns.length).fill(null));
  const byChunk = new Map<number, number[]>();
  for (let i = 0; i < rowIds.length; i++) {
    const chunkIndex = Math.floor(rowIds[i]! / source.chunkRows);
    const list = byChunk.get(chunkIndex) ?? [];
    list.push(i);
    byChunk.set(chunkIndex, list);
  }
  for (const [chunkIndex, positions] of byChunk) {
    const keys = source.columns.map((_, c) => [source.id, c, chunkIndex] as [string, number, number]);
    const chunks = await db.chunks.bulkGet(keys);
    chunks.forEach((chunk, c) => {
      if (!chunk) return;
      for (const i of positions) rows[i]![c] = decodeValue(chunk.data, rowIds[i]! - chunk.rowStart);
    });
  }
  return rows;
}
