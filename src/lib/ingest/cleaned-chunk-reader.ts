import { applySteps, type CleanStats, type CleanStep } from '../profile';
import type { ChunkReader, EdgeFuseDb, Source } from '../store';
import { readChunkColumns } from './read-chunk';

/**
 * Chunks as the user sees them: the source's active cleaning steps applied on read, so the grid
 * sorts and filters the cleaned values it shows. Steps may read other columns (a flag from two
 * key columns), so the whole chunk is read; rows a step removes come back as dropped.
 */
export function cleanedChunkReader(db: EdgeFuseDb, source: Source, steps: readonly CleanStep[], stats: CleanStats): ChunkReader {
  return async (index, columns) => {
    const raw = await readChunkColumns(db, source, index);
    const rowStart = index * source.chunkRows;
    const rowCount = raw.rowIndex.length;
    const cleaned = applySteps(raw, steps, stats);
    const dropped = new Uint8Array(rowCount).fill(1);
    const position = new Int32Array(rowCount).fill(-1);
    cleaned.rowIndex.forEach((row, i) => {
      dropped[row - rowStart] = 0;
      position[row - rowStart] = i;
    });
    return {
      rowStart,
      rowCount,
      dropped,
      columns: columns.map((c) => {
        const values = cleaned.columns[cleaned.names.indexOf(source.columns[c]?.name ?? '')];
        return Array.from({ length: rowCount }, (_, r) => (position[r]! >= 0 ? (values?.[position[r]!] ?? null) : null));
      }),
    };
  };
}
