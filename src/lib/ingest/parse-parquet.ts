import type { AsyncBuffer, FileMetaData } from 'hyparquet';
import { AppError } from '../errors';
import type { CellValue } from '../store';
import { ownArrayBuffer, type ByteSource } from './byte-source';
import { flattenDocument } from './flatten';
import { newParseReport } from './parse-report';
import type { ParseReport, RecordBatchSink } from './types';

// Parquet through hyparquet (pure JS): it reads the footer, then one row group at a time through
// ranged reads of the ByteSource, so memory holds one row group's rows, never the file.
// hyparquet-compressors adds the codecs writers use besides snappy (zstd from polars, gzip,
// brotli, lz4). Values are made plain: int64 to number when exact else to its digits, timestamps
// to ISO text, binary to base64, nested groups flattened to dotted columns, lists to JSON text.

type ParquetModules = [typeof import('hyparquet'), typeof import('hyparquet-compressors')];

// Loaded on first use: the codecs compile WebAssembly, which a page should not pay for up front.
let modules: Promise<ParquetModules> | null = null;
function loadParquet(): Promise<ParquetModules> {
  modules ??= Promise.all([import('hyparquet'), import('hyparquet-compressors')]).catch((error: unknown) => {
    modules = null; // let a later call retry
    throw error;
  });
  return modules;
}

function asyncBufferOf(source: ByteSource): AsyncBuffer {
  return {
    byteLength: source.sizeBytes,
    slice: async (start, end) => ownArrayBuffer(await source.slice(start, end ?? source.sizeBytes)),
  };
}

function base64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

/** A Parquet value as plain JSON-safe data, ready for flattenDocument. */
export function plainValue(value: unknown): unknown {
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof Uint8Array) return base64(value);
  if (Array.isArray(value)) return value.map(plainValue);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) out[key] = plainValue(inner);
    return out;
  }
  return value;
}

export interface ParquetOptions {
  signal?: AbortSignal;
  batchRows?: number;
}

async function readMetadata(hyparquet: ParquetModules[0], file: AsyncBuffer, name: string): Promise<FileMetaData> {
  try {
    return await hyparquet.parquetMetadataAsync(file);
  } catch (error) {
    throw new AppError('input-malformed', `"${name}" is not a readable Parquet file: ${(error as Error).message}`, { name }, { cause: error });
  }
}

export async function parseParquet(source: ByteSource, sink: RecordBatchSink, options: ParquetOptions = {}): Promise<ParseReport> {
  const { signal } = options;
  const batchRows = options.batchRows ?? 4096;
  const [hyparquet, { compressors }] = await loadParquet();
  const file = asyncBufferOf(source);
  const metadata = await readMetadata(hyparquet, file, source.name);
  const report = newParseReport();
  const totalRows = Number(metadata.num_rows);
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    signal?.throwIfAborted();
    const rowEnd = rowStart + Number(group.num_rows);
    let rows: Record<string, unknown>[];
    try {
      rows = await hyparquet.parquetReadObjects({ file, metadata, rowStart, rowEnd, compressors, rowFormat: 'object' });
    } catch (error) {
      throw new AppError('input-malformed', `Rows ${rowStart + 1}-${rowEnd} of "${source.name}" could not be read: ${(error as Error).message}`, { name: source.name, rowStart }, { cause: error });
    }
    for (let i = 0; i < rows.length; i += batchRows) {
      signal?.throwIfAborted();
      const records: Record<string, CellValue>[] = rows.slice(i, i + batchRows).map((row) => flattenDocument(plainValue(row)));
      report.rows += records.length;
      // Progress by rows: byte offsets of row groups say little once columns are compressed.
      await sink(records, Math.round((source.sizeBytes * (rowStart + i + records.length)) / Math.max(1, totalRows)), source.sizeBytes);
    }
    rowStart = rowEnd;
  }
  return report;
}
