import { decodeBatch, type EncodedBatch } from './encoded-batch';
import { TableProfiler } from './table-profiler';
import type { TableProfile } from './types';

/** What a profile worker offers the ingest worker: one table, its chunks in order. */
export interface ProfileApi {
  add(batch: EncodedBatch): void;
  result(): TableProfile;
}

export function createProfileApi(): ProfileApi {
  const profiler = new TableProfiler();
  return {
    add: (batch) => profiler.add(decodeBatch(batch)),
    result: () => profiler.result(),
  };
}
