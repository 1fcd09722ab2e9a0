import { TableProfiler } from '../profile';
import type { SourceWriter } from '../store';

/** Profiles a source from the chunks its writer encodes: one pass over the data, not two. */
export function profileWhileWriting(writer: SourceWriter): TableProfiler {
  const profiler = new TableProfiler();
  writer.onChunk = ({ names, columns, rowStart }) => {
    const rows = columns[0]?.length ?? 0;
    profiler.add({ names, columns, rowIndex: Int32Array.from({ length: rows }, (_, i) => rowStart + i) });
  };
  return profiler;
}
