import { decodeBatch, type EncodedBatch } from './encoded-batch';
import { TableProfiler } from './table-profiler';
import type { TableProfile } from './types';

/**
 * Profiles a table chunk by chunk, here or elsewhere. The import hands chunks to one of these
 * while it writes them; in the browser it is a second worker (profile.worker.ts), so profiling
 * runs on another core beside parsing and storing instead of after them. Chunks come as
 * storage encoded them, which crosses to a worker far cheaper than one string per cell.
 */
export interface ChunkProfiler {
  /** Resolves when the chunk has been taken in (the import keeps few in flight). */
  add(batch: EncodedBatch): Promise<void>;
  result(): Promise<TableProfile>;
}

export function localChunkProfiler(): ChunkProfiler {
  const profiler = new TableProfiler();
  return {
    add: async (batch) => profiler.add(decodeBatch(batch)),
    result: async () => profiler.result(),
  };
}
