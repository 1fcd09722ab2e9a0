import Papa from 'papaparse';
import { AppError } from '../errors';
import type { CellValue } from '../store';
import { byteSourceFromBlob, streamOfSource } from './byte-source';
import { extendColumnNames, uniqueColumnNames } from './column-names';
import { decodeStream, detectEncoding, textPieces, type DecodeStats } from './decode';
import { newParseReport, noteMalformed } from './parse-report';
import { sniffDelimiter, sniffHeadBytes, sniffHeader } from './sniff';
import { recordsOfColumns } from './column-rows';
import type { ColumnRows, ColumnRowsSink, ParseReport, RecordBatchSink } from './types';

// Delimited text, streamed over decoded text chunks. Papa Parse's low-level Parser splits the
// rows (RFC 4180 quoting, quoted newlines); we feed it what we have and ask it to leave the last,
// possibly unfinished, row alone (`ignoreLastRow`), then carry that text over to the next chunk.
// So a quoted field may span any number of chunks, and memory holds one chunk plus one batch.
//
// Row rules, decided here once:
// - Empty strings become null; other values stay strings (storage keeps numbers losslessly).
// - Blank lines (every field empty or whitespace) are skipped, but still counted as lines.
// - A short row is padded with nulls and reported as malformed.
// - A long row: extra fields that are all empty (a trailing delimiter) are dropped quietly;
//   otherwise the row is reported and the extras are kept as a JSON array in `_extra`, so no
//   value is lost and the column shape stays stable.
// - Line numbers are 1-based file lines: a newline inside a quoted field counts.

export const extraColumn = '_extra';

export interface CsvStreamOptions {
  /** Field delimiter; sniffed from the first 64 KiB when absent. */
  delimiter?: string;
  /** Whether row 1 names the columns; sniffed when absent. */
  header?: boolean;
  /** What `doneBytes` counts up to in the sink's progress. */
  totalBytes: number;
  /** Bytes consumed so far, from the byte layer. Without it, progress counts characters. */
  doneBytes?: () => number;
  signal?: AbortSignal;
  /** Records per sink call. */
  batchRows?: number;
}

interface PapaChunk {
  data: string[][];
  errors: Papa.ParseError[];
  meta: { cursor: number };
}

/** A row longer than this without ending is a quote that never closes, not data. */
const maxRowChars = 32 * 1024 * 1024;

function newlineOf(text: string): '\r\n' | '\n' | '\r' {
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && c === '\n') return '\n';
    else if (!inQuotes && c === '\r') return text[i + 1] === '\n' ? '\r\n' : '\r';
  }
  return '\n';
}

function countChar(text: string, char: string): number {
  let n = 0;
  for (let i = text.indexOf(char); i !== -1; i = text.indexOf(char, i + 1)) n++;
  return n;
}

function isBlank(fields: readonly string[]): boolean {
  return fields.every((f) => f === '' || f.trim() === '');
}

/**
 * Rows per column batch when the caller does not say: one storage chunk (the store's
 * `defaultChunkRows`), which the writer takes as it is, where smaller batches were copied
 * cell by cell into the chunk being filled.
 */
const columnBatchRows = 16_384;

/** Parses delimited text into column batches (no object per row): the import's reader. */
export async function parseCsvColumns(texts: AsyncIterable<string>, sink: ColumnRowsSink, options: CsvStreamOptions): Promise<ParseReport> {
  const { totalBytes, signal } = options;
  const batchRows = options.batchRows ?? columnBatchRows;
  const report = newParseReport();
  let buffer = '';
  let consumedChars = 0;
  let waitFor = 0; // parse again only once the buffer holds this much (a row longer than a chunk)
  let line = 1;
  let parser: Papa.Parser | null = null;
  let delimiter = ',';
  let lineChar = '\n';
  let headerPending = false;
  let names: string[] = [];
  // The batch being filled: one array per name, plus `_extra` once a row of this batch needs it.
  let columns: CellValue[][] = [];
  let extra: CellValue[] | null = null;
  let extraAt = -1;
  let batchCount = 0;

  const progress = () => Math.min(totalBytes, options.doneBytes?.() ?? consumedChars);
  async function flush(): Promise<void> {
    if (batchCount === 0) return;
    signal?.throwIfAborted();
    const rows: ColumnRows = extra ? { names: [...names, extraColumn], columns: [...columns, extra], rowCount: batchCount } : { names, columns, rowCount: batchCount };
    columns = names.map(() => []);
    extra = null;
    batchCount = 0;
    await sink(rows, progress(), totalBytes);
  }

  function start(sample: string): Papa.Parser {
    delimiter = options.delimiter ?? sniffDelimiter(sample);
    const newline = newlineOf(sample);
    lineChar = newline === '\r' ? '\r' : '\n';
    const config = { delimiter, newline, quoteChar: '"' };
    const head: PapaChunk = new Papa.Parser(config).parse(sample, 0, true);
    const rows = head.data.filter((r) => !isBlank(r)).slice(0, 20);
    headerPending = options.header ?? sniffHeader(rows);
    if (!headerPending) setNames(extendColumnNames([], rows[0]?.length ?? 0));
    return new Papa.Parser(config);
  }

  function setNames(found: string[]): void {
    names = found;
    columns = names.map(() => []);
    // A header column called `_extra` takes the extra fields itself, as a record key would.
    extraAt = names.indexOf(extraColumn);
  }

  function addRow(fields: string[], rowLine: number): void {
    if (names.length === 0) setNames(extendColumnNames([], fields.length));
    const width = names.length;
    for (let c = 0; c < width; c++) {
      const value = fields[c];
      columns[c]!.push(value === undefined || value === '' ? null : value);
    }
    if (fields.length < width) {
      noteMalformed(report, rowLine, `This row has ${fields.length} fields where the header has ${width}; the missing ones are left empty.`, fields.join(delimiter));
    } else if (fields.length > width) {
      const rest = fields.slice(width);
      if (!isBlank(rest)) {
        noteMalformed(report, rowLine, `This row has ${fields.length} fields where the header has ${width}; the extra ones are kept in "${extraColumn}".`, fields.join(delimiter));
        if (extraAt >= 0) columns[extraAt]![batchCount] = JSON.stringify(rest);
        else {
          extra ??= new Array<CellValue>(batchCount).fill(null);
          extra.push(JSON.stringify(rest));
        }
      }
    }
    batchCount++;
    if (extra !== null && extra.length < batchCount) extra.push(null);
  }

  async function consume(final: boolean): Promise<void> {
    if (!parser) return;
    const chunk: PapaChunk = parser.parse(buffer, 0, !final);
    const rows = chunk.data;
    const cursor = final ? buffer.length : chunk.meta.cursor;
    const problems = new Map<number, string>();
    for (const e of chunk.errors) if (e.row !== undefined && e.row < rows.length && !problems.has(e.row)) problems.set(e.row, e.message);
    // Only quoted fields can hold a newline, and without a quote in the text there are none.
    const mayHoldNewlines = buffer.indexOf('"') !== -1;
    for (let r = 0; r < rows.length; r++) {
      const fields = rows[r]!;
      const rowLine = line;
      line++;
      if (mayHoldNewlines) for (const f of fields) if (f.length > 0 && f.indexOf(lineChar) !== -1) line += countChar(f, lineChar);
      if (isBlank(fields)) continue;
      if (headerPending) {
        setNames(uniqueColumnNames(fields));
        headerPending = false;
        continue;
      }
      const problem = problems.get(r);
      if (problem) noteMalformed(report, rowLine, `Broken quoting: ${problem}.`, fields.join(delimiter));
      addRow(fields, rowLine);
      report.rows++;
      if (batchCount >= batchRows) await flush();
    }
    consumedChars += cursor;
    buffer = buffer.slice(cursor);
    if (!final && cursor === 0) {
      if (buffer.length > maxRowChars) {
        throw new AppError('input-malformed', `The row starting on line ${line} runs on for more than ${maxRowChars / 1024 / 1024} million characters: most likely a quote (") that is never closed. Fix that line and import again.`, { line });
      }
      waitFor = buffer.length * 2;
    } else waitFor = 0;
  }

  let first = true;
  for await (const text of texts) {
    signal?.throwIfAborted();
    buffer += first ? text.replace(/^\ufeff/, '') : text;
    first = false;
    if (!parser) {
      if (buffer.length < sniffHeadBytes) continue;
      parser = start(buffer.slice(0, sniffHeadBytes));
    }
    if (buffer.length < waitFor) continue;
    await consume(false);
  }
  parser ??= start(buffer);
  await consume(true);
  await flush();
  return report;
}

/** Parses delimited text into records (one object per row), 4096 rows per sink call by default. */
export function parseCsvStream(texts: AsyncIterable<string>, sink: RecordBatchSink, options: CsvStreamOptions): Promise<ParseReport> {
  const sparse = new Set([extraColumn]);
  return parseCsvColumns(texts, (rows, done, total) => sink(recordsOfColumns(rows, sparse), done, total), options);
}

/**
 * A whole CSV given as a string (the demo) or a Blob (encoding detected from its first bytes).
 * String progress counts characters.
 */
export async function parseCsv(input: string | Blob, sink: RecordBatchSink, signal?: AbortSignal): Promise<ParseReport> {
  if (typeof input === 'string') return parseCsvStream(textPieces(input), sink, { totalBytes: input.length, ...(signal ? { signal } : {}) });
  const stream = streamOfSource(byteSourceFromBlob(input, 'input.csv'));
  const head = new Uint8Array(await input.slice(0, sniffHeadBytes).arrayBuffer());
  const guess = detectEncoding(head, { complete: input.size <= sniffHeadBytes });
  const opened = stream.open();
  const stats: DecodeStats = { replacementChars: 0 };
  const report = await parseCsvStream(decodeStream(opened.chunks, guess.encoding, stats), sink, {
    totalBytes: input.size,
    doneBytes: opened.progressBytes,
    ...(signal ? { signal } : {}),
  });
  report.replacementChars = stats.replacementChars;
  return report;
}
