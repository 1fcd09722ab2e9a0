import { encodedBatch, localChunkProfiler, type ChunkProfiler } from '../profile';
import type { WrittenChunk } from '../store';

/**
 * Chunks a profiler may still be digesting while the writer parses and stores the next ones
 * (two storage chunks of 16,384 rows).
 */
const inFlight = 2;

/**
 * Profiles a source from the chunks its writer stores: one pass over the data, not two. With a
 * profiler in another worker, the writer waits only when that worker falls `inFlight` behind.
 * Each chunk goes over encoded, as it is stored (a few typed arrays and one string per
 * column), with a note of which columns were text, so the profile sees the cells as parsed.
 */
export function profileWhileWriting(writer: { onChunk: ((chunk: WrittenChunk) => void | Promise<void>) | null }, profiler: ChunkProfiler = localChunkProfiler()): ChunkProfiler {
  const pending: Promise<void>[] = [];
  writer.onChunk = async ({ names, values, encoded, rowStart, rowCount }) => {
    pending.push(profiler.add(encodedBatch(names, values, encoded, rowStart, rowCount)));
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
