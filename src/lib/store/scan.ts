import { AppError } from '../errors';
import { decodeValue, type CellValue } from './columns';
import type { EdgeFuseDb } from './db';
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

async function sourceOf(db: EdgeFuseDb, sourceId: string): Promise<Source> {
  const source = await db.sources.get(sourceId);
  if (!source) throw new AppError('not-found', 'That source no longer exists.', { sourceId });
  return source;
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
  const source = await sourceOf(db, sourceId);
  const values = new Array<CellValue>(source.rowCount).fill(null);
  await eachColumnChunk(db, source, column, (chunk) => {
    for (let r = 0; r < chunk.rowCount; r++) values[chunk.rowStart + r] = decodeValue(chunk.data, r);
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
 * Row ids of the rows that pass every filter, in order, sorted if asked. `keyOf` lets the
 * caller compare by meaning; by default values compare as stored.
 */
export async function queryRowIds(
  db: EdgeFuseDb,
  sourceId: string,
  filters: readonly FilterSpec[],
  sort: SortSpec | null,
  keyOf: KeyOf = () => (value) => value,
  /** Rows that cleaning removed (repeated rows, say): never part of the view. */
  exclude: ReadonlySet<number> = new Set(),
  signal?: AbortSignal,
): Promise<Int32Array> {
  const source = await sourceOf(db, sourceId);
  let keep: Uint8Array | null = null;
  for (const filter of filters) {
    const pass = new Uint8Array(source.rowCount);
    // Rows of chunks that lack the column are null.
    if (filter.op === 'empty' || filter.op === 'not-equals') pass.fill(1);
    // Text tests read the cell as written; order tests (greater, less) read it by meaning.
    const ordered = filter.op === 'greater' || filter.op === 'less';
    const key = ordered ? keyOf(filter.column) : (value: CellValue) => value;
    const needle = ordered ? (key(filter.value) ?? filter.value) : filter.value;
    await eachColumnChunk(db, source, filter.column, (chunk) => {
      for (let r = 0; r < chunk.rowCount; r++) pass[chunk.rowStart + r] = matches(key(decodeValue(chunk.data, r)), filter.op, String(needle), needle) ? 1 : 0;
    }, signal);
    if (keep) for (let i = 0; i < pass.length; i++) keep[i] = keep[i]! & pass[i]!;
    else keep = pass;
  }
  if (exclude.size > 0) {
    keep ??= new Uint8Array(source.rowCount).fill(1);
    for (const row of exclude) if (row < keep.length) keep[row] = 0;
  }
  let ids: Int32Array;
  if (keep) {
    let n = 0;
    for (const k of keep) n += k;
    ids = new Int32Array(n);
    let j = 0;
    for (let i = 0; i < keep.length; i++) if (keep[i]) ids[j++] = i;
  } else {
    ids = Int32Array.from({ length: source.rowCount }, (_, i) => i);
  }
  if (!sort) return ids;
  const key = keyOf(sort.column);
  const values = (await readColumn(db, sourceId, sort.column, signal)).map(key);
  const sign = sort.descending ? -1 : 1;
  return ids.sort((a, b) => {
    const va = values[a]!;
    const vb = values[b]!;
    if (va === null || vb === null) return compareCells(va, vb);
    return sign * compareCells(va, vb) || a - b;
  });
}

/** Reads the rows whose ids are given (a page of a sorted or filtered view). */
export async function readRowsById(db: EdgeFuseDb, sourceId: string, rowIds: ArrayLike<number>): Promise<CellValue[][]> {
  const source = await sourceOf(db, sourceId);
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
