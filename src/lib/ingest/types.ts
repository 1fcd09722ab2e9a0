import type { CellValue } from '../store';

/** Receives parsed rows a batch at a time, with how far through the input the parser is. */
export type RecordBatchSink = (records: Record<string, CellValue>[], doneBytes: number, totalBytes: number) => Promise<void>;

export interface ParseReport {
  rows: number;
  /** Rows the parser could not read, by 1-based line number, kept for the user to inspect. */
  malformedRows: { line: number; message: string }[];
}

export const ingestFormats = ['csv', 'json', 'ndjson'] as const;
export type IngestFormat = (typeof ingestFormats)[number];
