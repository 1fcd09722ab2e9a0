import { localChunkProfiler, type ChunkProfiler } from '../profile';
import type { SourceWriter } from '../store';

/** Chunks a profiler may still be digesting while the writer parses and stores the next ones. */
const inFlight = 2;

/**
 * Profiles a source from the chunks its writer encodes: one pass over the data, not two. With a
 * profiler in another worker, the writer waits only when that worker falls `inFlight` behind.
 */
export function profileWhileWriting(writer: SourceWriter, profiler: ChunkProfiler = localChunkProfiler()): ChunkProfiler {
  const pending: Promise<void>[] = [];
  writer.onChunk = async ({ names, columns, rowStart }) => {
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
