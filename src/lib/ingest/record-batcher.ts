import type { CellValue } from '../store';
import type { RecordBatchSink } from './types';

/**
 * Collects parsed records and hands them to the sink a batch at a time, saying how far through
 * the input the parser is (`doneBytes()` when the byte stream knows, else characters read).
 */
export function recordBatcher(
  sink: RecordBatchSink,
  options: { totalBytes: number; batchRows: number; signal?: AbortSignal | undefined; doneBytes?: (() => number) | undefined },
  charsRead: () => number,
) {
  let batch: Record<string, CellValue>[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    options.signal?.throwIfAborted();
    const records = batch;
    batch = [];
    await sink(records, Math.min(options.totalBytes, options.doneBytes?.() ?? charsRead()), options.totalBytes);
  };
  return {
    flush,
    /** Adds a record; flushes when the batch is full. */
    async push(record: Record<string, CellValue>): Promise<void> {
      batch.push(record);
      if (batch.length >= options.batchRows) await flush();
    },
  };
}
