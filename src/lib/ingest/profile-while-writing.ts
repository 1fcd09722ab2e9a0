import { localChunkProfiler, type ChunkProfiler } from '../profile';
import type { ChunkColumns } from '../store';

/**
 * Batches a profiler may still be digesting while the writer parses and stores the next ones
 * (eight parser batches of 4096 rows: two storage chunks).
 */
const inFlight = 8;

/**
 * Profiles a source from the batches its writer stores: one pass over the data, not two. With a
 * profiler in another worker, the writer waits only when that worker falls `inFlight` behind.
 * Batches go over as the parser made them (4096 rows for CSV): the profiler starts early, and
 * each message is small enough to be digested before the worker's young heap fills up.
 */
export function profileWhileWriting(writer: { onRows: ((rows: ChunkColumns) => void | Promise<void>) | null }, profiler: ChunkProfiler = localChunkProfiler()): ChunkProfiler {
  const pending: Promise<void>[] = [];
  writer.onRows = async ({ names, columns, rowStart }) => {
    const rows = columns[0]?.length ?? 0;
    pending.push(profiler.add({ names, columns, rowIndex: Int32Array.from({ length: rows }, (_, i) => rowStart + i) }));
    while (pending.length > inFlight) await pending.shift();
  };
  return {
    add: profiler.add,
    async result() {
      await Promise.all(pending);
      return profiler.result();
    },
  };
}
