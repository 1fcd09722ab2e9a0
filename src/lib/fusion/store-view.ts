// Stores a built warehouse view as a source of kind 'view': column chunks like any import (so
// the grid sorts, filters and pages it), profiled as it is written, plus one lineage chunk per
// row chunk naming the stored source rows each view row came from.
import { TableProfiler } from '../profile';
import { removeSource, SourceWriter, type CellValue, type EdgeFuseDb, type LineageChunk, type Source, type ViewInfo } from '../store';
import type { FusionTable } from './types';

/** What the store needs of a view: its columns and, per row, where it came from. */
export interface ViewToStore {
  name: string;
  rowCount: number;
  columns: { name: string; values: readonly CellValue[] }[];
  /** The stored source rows (by table name) that view row `row` was built from. */
  lineageOf(row: number): { table: string; row: number }[];
}

export const viewMediaType = 'application/x-edgefuse-view';

export async function storeView(db: EdgeFuseDb, workspaceId: string, jobId: string | null, view: ViewToStore, tables: readonly FusionTable[], fingerprint: string, signal?: AbortSignal): Promise<Source> {
  const inputIndex = new Map(tables.map((t, i) => [t.name, i]));
  const info: ViewInfo = { inputs: tables.map((t) => ({ sourceId: t.id, name: t.name })), fingerprint, builtAt: Date.now() };
  const writer = await SourceWriter.create(db, { workspaceId, jobId, name: view.name, mediaType: viewMediaType, sizeBytes: 0, contentHash: fingerprint, view: info });
  const profiler = new TableProfiler();
  writer.onChunk = async ({ names, values, rowStart, rowCount }) => {
    profiler.add({ names, columns: values, rowIndex: Int32Array.from({ length: rowCount }, (_, i) => rowStart + i) });
    const offsets = new Int32Array(rowCount + 1);
    const sources: number[] = [];
    const rows: number[] = [];
    for (let r = 0; r < rowCount; r++) {
      for (const ref of view.lineageOf(rowStart + r)) {
        const input = inputIndex.get(ref.table);
        if (input === undefined) continue;
        sources.push(input);
        rows.push(ref.row);
      }
      offsets[r + 1] = rows.length;
    }
    const chunk: LineageChunk = {
      sourceId: writer.source.id, workspaceId, index: Math.floor(rowStart / writer.source.chunkRows), rowStart, rowCount,
      offsets, sources: Uint16Array.from(sources), rows: Int32Array.from(rows),
    };
    await db.lineage.put(chunk);
  };
  try {
    const names = view.columns.map((c) => c.name);
    const step = writer.source.chunkRows;
    for (let start = 0; start < view.rowCount; start += step) {
      signal?.throwIfAborted();
      const end = Math.min(view.rowCount, start + step);
      await writer.appendColumns({ names, columns: view.columns.map((c) => c.values.slice(start, end)), rowCount: end - start });
    }
    const stored = await writer.finish(() => ({ profile: profiler.result() }));
    // The new view is committed: now the one it replaces can go.
    const older = await db.sources.where('workspaceId').equals(workspaceId).filter((s) => s.kind === 'view' && s.name === view.name && s.id !== stored.id).primaryKeys();
    for (const id of older) await removeSource(db, id);
    return stored;
  } catch (error) {
    await writer.abort();
    throw error;
  }
}

export interface LineageRow {
  sourceId: string;
  sourceName: string;
  row: number;
}

/** The stored source rows behind one row of a view. */
export async function viewRowLineage(db: EdgeFuseDb, view: Source, row: number): Promise<LineageRow[]> {
  if (!view.view) return [];
  const chunk = await db.lineage.get([view.id, Math.floor(row / view.chunkRows)]);
  if (!chunk) return [];
  const r = row - chunk.rowStart;
  const out: LineageRow[] = [];
  for (let k = chunk.offsets[r]!; k < chunk.offsets[r + 1]!; k++) {
    const input = view.view.inputs[chunk.sources[k]!];
    if (input) out.push({ sourceId: input.sourceId, sourceName: input.name, row: chunk.rows[k]! });
  }
  return out;
}
