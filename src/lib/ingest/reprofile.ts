import { AppError } from '../errors';
import type { JobHandler } from '../jobs';
import { TableProfiler, type TypeInference } from '../profile';
import { decodeValue, updateSource, type CellValue, type EdgeFuseDb, type Source } from '../store';

// Profiles a stored source again, chunk by chunk: after the user overrides a column's type
// (the column is then read as that type) or changes its cleaning steps. The raw chunks are
// never rewritten; only the profile is.

export interface ReprofileParams {
  sourceId: string;
}

/** The user's type choice replaces the inferred one; how cells are parsed is kept. */
function overriddenInferences(source: Source): Record<string, TypeInference> {
  const inferences: Record<string, TypeInference> = {};
  for (const column of source.profile?.columns ?? []) {
    const type = source.overrides[column.name]?.type;
    if (type && type !== column.inference.type) {
      inferences[column.name] = { ...column.inference, type: type as TypeInference['type'], confidence: 1, because: 'Set by you.' };
    }
  }
  return inferences;
}

/** Reads rows [chunk * chunkRows, ...) of every column as one column batch. */
export async function readChunkColumns(db: EdgeFuseDb, source: Source, index: number): Promise<{ names: string[]; columns: CellValue[][]; rowIndex: Int32Array }> {
  const keys = source.columns.map((_, c) => [source.id, c, index] as [string, number, number]);
  const chunks = await db.chunks.bulkGet(keys);
  const rowStart = index * source.chunkRows;
  const rows = Math.min(source.chunkRows, source.rowCount - rowStart);
  const columns = chunks.map((chunk) => Array.from({ length: rows }, (_, r) => (chunk ? decodeValue(chunk.data, r) : null)));
  return { names: source.columns.map((c) => c.name), columns, rowIndex: Int32Array.from({ length: rows }, (_, r) => rowStart + r) };
}

export function reprofileJob(db: EdgeFuseDb): JobHandler<ReprofileParams, { columns: number }> {
  return async (ctx) => {
    const source = await db.sources.get(ctx.params.sourceId);
    if (!source) throw new AppError('not-found', 'That source no longer exists.', { sourceId: ctx.params.sourceId });
    const profiler = new TableProfiler({ inferences: overriddenInferences(source) });
    for (let index = 0; index < source.chunkCount; index++) {
      profiler.add(await readChunkColumns(db, source, index));
      ctx.progress(index + 1, source.chunkCount, 'chunks', `Profiling ${source.name}`);
      await new Promise((resolve) => setTimeout(resolve, 0));
      ctx.signal.throwIfAborted();
    }
    const profile = profiler.result();
    await updateSource(db, source.id, { profile });
    return { columns: profile.columns.length };
  };
}
