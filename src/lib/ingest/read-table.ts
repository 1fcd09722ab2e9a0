import { byteSourceFromBytes, readHead, streamOfSource, type ByteSource, type ByteStream } from './byte-source';
import { decodeStream, detectEncoding, type DecodeStats, type TextEncoding } from './decode';
import { columnSinkOfRecords } from './column-rows';
import { parseCsvColumns, parseCsvStream, type CsvStreamOptions } from './parse-csv';
import { parseJsonStream, type TextStreamOptions } from './parse-json';
import { parseNdjsonStream } from './parse-ndjson';
import { parseParquet } from './parse-parquet';
import { readXlsxSheets } from './parse-xlsx';
import { sniffFormat, sniffHeadBytes, type ImageMediaType } from './sniff';
import type { ColumnRowsSink, IngestFormat, ParseReport, RecordBatchSink } from './types';
import { bufferStream, defaultUnpackLimits, gunzipStream, type UnpackLimits } from './unpack';
import { checkArchive, listZipEntries, skipReason, zipEntryStream } from './zip-archive';

// One entry point from a dropped file to tables: sniff it, unpack what is packed (a zip of CSVs
// gives several tables, a .csv.gz one), split workbooks into sheets, and hand back a reader per
// table. Images are not tables: they come back as their own entries, for the caller to link to
// rows by file name. What cannot be read comes back as `skipped` with the reason for the user,
// so one odd file in an archive never sinks the others.

/** A table ready to parse. Parsing streams; nothing is read before `parse` beyond a 64 KiB head. */
export interface TableReader {
  kind: 'table';
  /** Where the rows come from: "shop.zip/2024/orders.csv", "stock.xlsx/Sheet1", "orders.csv". */
  name: string;
  /** The innermost file's own name: "orders.csv", "stock.xlsx". */
  fileName: string;
  sheetName: string | null;
  format: IngestFormat;
  /** Text encoding used for text formats, null for binary ones. */
  encoding: TextEncoding | null;
  /** How sure the encoding guess is (1 for a BOM or the user's choice), null for binary formats. */
  encodingConfidence: number | null;
  parse(sink: RecordBatchSink): Promise<ParseReport>;
  /** The same rows in column batches: CSV parses into them directly, other formats convert. */
  parseColumns(sink: ColumnRowsSink): Promise<ParseReport>;
}

export interface ImageEntry {
  kind: 'image';
  name: string;
  fileName: string;
  mediaType: ImageMediaType;
  /** Null when only known after unpacking (inside a .gz). */
  sizeBytes: number | null;
  bytes(): Promise<Uint8Array>;
}

export interface SkippedEntry {
  kind: 'skipped';
  name: string;
  /** For the user: why this file gave no table, and what to do. */
  reason: string;
}

export type ReadEntry = TableReader | ImageEntry | SkippedEntry;

export interface ReadTablesOptions {
  /** Read the dropped file as this format, whatever it looks like (not applied inside archives). */
  format?: IngestFormat;
  /** Decode every text table with this encoding instead of the guess. */
  encoding?: TextEncoding;
  /** CSV overrides, for every CSV table. */
  delimiter?: string;
  header?: boolean;
  signal?: AbortSignal;
  limits?: UnpackLimits;
}

/** Archives inside archives are followed this deep, no deeper. */
const maxDepth = 3;

/** A file at some depth: always streamable, random access when it is not packed. */
interface Input {
  name: string;
  stream: ByteStream;
  source: ByteSource | null;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

async function randomAccess(input: Input, limits: UnpackLimits, signal?: AbortSignal): Promise<ByteSource> {
  return input.source ?? byteSourceFromBytes(await bufferStream(input.stream, limits, signal), input.name);
}

function textTable(input: Input, format: 'csv' | 'json' | 'ndjson', head: Uint8Array, complete: boolean, options: ReadTablesOptions): TableReader {
  const guess = options.encoding ? { encoding: options.encoding, confidence: 1 } : detectEncoding(head, { complete });
  /** Decodes the input and hands the text to `read`, counting replacement characters. */
  async function readText(read: (texts: AsyncIterable<string>, common: TextStreamOptions) => Promise<ParseReport>): Promise<ParseReport> {
    const opened = input.stream.open();
    const stats: DecodeStats = { replacementChars: 0 };
    const texts = decodeStream(opened.chunks, guess.encoding, stats);
    const common: TextStreamOptions = { totalBytes: input.stream.progressTotalBytes, doneBytes: opened.progressBytes };
    if (options.signal) common.signal = options.signal;
    const report = await read(texts, common);
    report.replacementChars = stats.replacementChars;
    return report;
  }
  const csvOptions = (common: TextStreamOptions): CsvStreamOptions => ({
    ...common,
    ...(options.delimiter ? { delimiter: options.delimiter } : {}),
    ...(options.header !== undefined ? { header: options.header } : {}),
  });
  const parse = (sink: RecordBatchSink): Promise<ParseReport> =>
    readText((texts, common) => {
      if (format === 'csv') return parseCsvStream(texts, sink, csvOptions(common));
      return format === 'json' ? parseJsonStream(texts, sink, common) : parseNdjsonStream(texts, sink, common);
    });
  return {
    kind: 'table',
    name: input.name,
    fileName: baseName(input.name),
    sheetName: null,
    format,
    encoding: guess.encoding,
    encodingConfidence: guess.confidence,
    parse,
    parseColumns: (sink) => (format === 'csv' ? readText((texts, common) => parseCsvColumns(texts, sink, csvOptions(common))) : parse(columnSinkOfRecords(sink))),
  };
}

async function* readInput(input: Input, format: IngestFormat | undefined, depth: number, options: ReadTablesOptions): AsyncGenerator<ReadEntry> {
  const limits = options.limits ?? defaultUnpackLimits;
  const { signal } = options;
  signal?.throwIfAborted();
  const head = input.source ? await input.source.slice(0, sniffHeadBytes) : await readHead(input.stream, sniffHeadBytes);
  const size = input.source?.sizeBytes ?? input.stream.sizeBytes;
  const complete = head.length < sniffHeadBytes || (size !== null && head.length >= size);
  const verdict = format ? ({ kind: 'table', format, by: 'extension' } as const) : sniffFormat(input.name, head, complete);
  const fileName = baseName(input.name);

  if (verdict.kind === 'unknown') {
    yield { kind: 'skipped', name: input.name, reason: verdict.reason };
  } else if (verdict.kind === 'image') {
    yield {
      kind: 'image',
      name: input.name,
      fileName,
      mediaType: verdict.mediaType,
      sizeBytes: size,
      bytes: async () => (input.source ? input.source.slice(0, input.source.sizeBytes) : bufferStream(input.stream, limits, signal)),
    };
  } else if (verdict.kind === 'container' && depth >= maxDepth) {
    yield { kind: 'skipped', name: input.name, reason: 'This archive is nested too deep inside other archives: unpack it and import its files.' };
  } else if (verdict.kind === 'container' && verdict.format === 'gzip') {
    const inner = gunzipStream(input.stream, limits);
    yield* readInput({ name: inner.name, stream: inner, source: null }, undefined, depth + 1, options);
  } else if (verdict.kind === 'container') {
    const archive = await randomAccess(input, limits, signal);
    const entries = (await listZipEntries(archive)).map((entry) => ({ entry, reason: skipReason(entry) }));
    // Folders and system litter (__MACOSX/, .DS_Store) are dropped without a word.
    const wanted = entries.filter(({ reason }) => reason !== 'folder' && reason !== 'system file');
    checkArchive(input.name, wanted.filter(({ reason }) => reason === null).map(({ entry }) => entry), limits);
    for (const { entry, reason } of wanted) {
      const name = `${input.name}/${entry.path}`;
      if (reason) yield { kind: 'skipped', name, reason };
      else yield* readInput({ name, stream: { ...zipEntryStream(archive, entry, limits), name }, source: null }, undefined, depth + 1, options);
    }
  } else if (verdict.format === 'csv' || verdict.format === 'json' || verdict.format === 'ndjson') {
    yield textTable(input, verdict.format, head, complete, options);
  } else if (verdict.format === 'parquet') {
    const source = await randomAccess(input, limits, signal);
    yield {
      kind: 'table',
      name: input.name,
      fileName,
      sheetName: null,
      format: 'parquet',
      encoding: null,
      encodingConfidence: null,
      parse: (sink) => parseParquet(source, sink, signal ? { signal } : {}),
      parseColumns: (sink) => parseParquet(source, columnSinkOfRecords(sink), signal ? { signal } : {}),
    };
  } else {
    const source = await randomAccess(input, limits, signal);
    for (const sheet of await readXlsxSheets(source)) {
      yield {
        kind: 'table',
        name: `${input.name}/${sheet.sheetName}`,
        fileName,
        sheetName: sheet.sheetName,
        format: 'xlsx',
        encoding: null,
        encodingConfidence: null,
        parse: (sink) => sheet.parse(sink, signal),
        parseColumns: (sink) => sheet.parse(columnSinkOfRecords(sink), signal),
      };
    }
  }
}

/**
 * The tables (and images, and files skipped with a reason) in a dropped file. Entries come one
 * at a time; parse each before asking for the next to keep memory to one table's batch.
 */
export function readTables(source: ByteSource, options: ReadTablesOptions = {}): AsyncGenerator<ReadEntry> {
  return readInput({ name: source.name, stream: streamOfSource(source), source }, options.format, 0, options);
}
