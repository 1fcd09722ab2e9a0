// A workspace's sources as FusionTables: every stored chunk read with the source's cleaning
// steps applied (fusion sees what the user sees on the grid), typed and roled by the user's
// overrides where there are any, else by the profile of the cleaned view.
import { cleanStatsOf, readChunkColumns } from '../ingest';
import { activeSteps, applySteps, parseHistory, type InferredType } from '../profile';
import { listSources, type CellValue, type EdgeFuseDb, type Source } from '../store';
import { columnRole } from './column-role';
import type { FusionTable } from './types';

export interface ReadStoreOptions {
  signal?: AbortSignal;
  /** Called after each chunk read, with (done, total) chunks over all sources. */
  onProgress?: (done: number, total: number) => void;
}


export async function readSourceTable(db: EdgeFuseDb, source: Source, options: ReadStoreOptions & { onChunk?: () => void } = {}): Promise<FusionTable> {
  const steps = activeSteps(parseHistory(source.history));
  const stats = await cleanStatsOf(db, source, steps, options.signal ? { signal: options.signal } : {});
  const profile = source.cleanProfile ?? source.profile;
  const names = source.columns.map((c) => c.name);
  const values: CellValue[][] = names.map(() => []);
  const rowIds: number[] = [];
  for (let index = 0; index < source.chunkCount; index++) {
    options.signal?.throwIfAborted();
    const batch = applySteps(await readChunkColumns(db, source, index), steps, stats);
    for (let c = 0; c < names.length; c++) {
      const column = batch.columns[batch.names.indexOf(names[c]!)];
      const into = values[c]!;
      for (let i = 0; i < batch.rowIndex.length; i++) into.push(column?.[i] ?? null);
    }
    for (const row of batch.rowIndex) rowIds.push(row);
    options.onChunk?.();
  }
  const dropped = rowIds.length !== source.rowCount;
  return {
    id: source.id,
    name: source.name,
    rowCount: rowIds.length,
    columns: names.map((name, c) => {
      const columnProfile = profile?.columns.find((p) => p.name === name);
      const override = source.overrides[name];
      const type = (override?.type ?? columnProfile?.inference.type ?? 'text') as InferredType;
      return { name, type, role: columnRole(source, name), values: values[c]! };
    }),
    ...(dropped ? { rowIds: Int32Array.from(rowIds) } : {}),
  };
}

/** Every imported source of the workspace (not its warehouse views), one chunk in memory at a time per read. */
export async function readStoreTables(db: EdgeFuseDb, workspaceId: string, options: ReadStoreOptions = {}): Promise<FusionTable[]> {
  const sources = await listSources(db, workspaceId);
  const total = sources.reduce((n, s) => n + s.chunkCount, 0);
  let done = 0;
  const tables: FusionTable[] = [];
  for (const source of sources) {
    if (source.rowCount === 0) continue;
    tables.push(await readSourceTable(db, source, { ...options, onChunk: () => options.onProgress?.(++done, total) }));
  }
  return tables;
}
