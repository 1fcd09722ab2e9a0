export * from './types';
export { ColumnProfiler, type ProfilerOptions } from './column-profiler';
export { TableProfiler, profileBatch, type TableProfilerOptions } from './table-profiler';
export { readCell, statFamily, type TypedCell } from './read-cell';
