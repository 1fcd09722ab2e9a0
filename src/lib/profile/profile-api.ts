import { TableProfiler } from './table-profiler';
import type { ColumnBatch, TableProfile } from './types';

/** What a profile worker offers the ingest worker: one table, its chunks in order. */
export interface ProfileApi {
  add(batch: ColumnBatch): void;
  result(): TableProfile;
}

export function createProfileApi(): ProfileApi {
  const profiler = new TableProfiler();
  return {
    add: (batch) => profiler.add(batch),
    result: () => profiler.result(),
  };
}
