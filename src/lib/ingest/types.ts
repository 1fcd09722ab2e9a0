import type { CellValue } from '../store';

/** Receives parsed rows a batch at a time, with how far through the input the parser is. */
export type RecordBatchSink = (records: Record<string, CellValue>[], doneBytes: number, totalBytes: number) => Promise<void>;

/** One row a parser could not read as it stands; the row itself is kept where possible. */
export interface MalformedRow {
  /** 1-based line in the file (a quoted newline inside a CSV field counts as a line). */
  line: number;
  message: string;
  /** The row's text, cut to a few hundred characters, when the parser has it cheaply. */
  raw?: string;
}

export interface ParseReport {
  rows: number;
  /** Rows the parser could not read, by 1-based line number, kept for the user to inspect. */
  malformedRows: MalformedRow[];
  /**
   * How many malformed rows there were in all: `malformedRows` keeps only the first
   * `maxReportedRows`, so a file with a million bad lines does not fill memory with reports.
   */
  malformedTotal?: number;
  /**
   * U+FFFD characters the text decoder had to insert. Above zero, the bytes are probably not in
   * the encoding used (say GBK read as UTF-8): the UI offers another encoding.
   */
  replacementChars?: number;
}

/** Reports past this many keep only the count. */
export const maxReportedRows = 1000;

/** Row formats that become a table. Containers (gzip, zip) and images are told apart in sniff.ts. */
export const ingestFormats = ['csv', 'json', 'ndjson', 'parquet', 'xlsx'] as const;
export type IngestFormat = (typeof ingestFormats)[number];

/** Parsed rows in column form: `columns[c][i]` is the value of `names[c]` in row i. */
export interface ColumnRows {
  names: string[];
  columns: CellValue[][];
  rowCount: number;
}

/** Receives parsed rows in column form, a batch at a time (the import's shape: no row objects). */
export type ColumnRowsSink = (rows: ColumnRows, doneBytes: number, totalBytes: number) => Promise<void>;
