import { AppError } from '../errors';
import type { CellValue } from '../store';
import { concatBytes, ownArrayBuffer, type ByteSource } from './byte-source';
import { uniqueColumnNames } from './column-names';
import { newParseReport } from './parse-report';
import { sniffHeader } from './sniff';
import type { ParseReport, RecordBatchSink } from './types';
import { listZipEntries, zipEntryStream } from './zip-archive';

// Excel workbooks (.xlsx): each sheet is its own table. Sheet names come from xl/workbook.xml,
// read straight out of the archive; the cells of a sheet through read-excel-file (MIT, small,
// maintained, no network, same code in workers and Node). It hands back cached formula results,
// Date objects for date-formatted cells, numbers and booleans typed. Its limit: a sheet is read
// whole (the XML of the sheet and its rows in memory), so very large sheets cost memory; CSV or
// Parquet suit files of millions of rows better.

export interface XlsxSheet {
  sheetName: string;
  parse(sink: RecordBatchSink, signal?: AbortSignal): Promise<ParseReport>;
}

type ExcelModule = typeof import('read-excel-file/universal');
let excel: Promise<ExcelModule> | null = null;
function loadExcel(): Promise<ExcelModule> {
  excel ??= import('read-excel-file/universal').catch((error: unknown) => {
    excel = null; // let a later call retry
    throw error;
  });
  return excel;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, code: string) => {
    if (code[0] === '#') return String.fromCodePoint(code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10));
    return entities[code] ?? whole;
  });
}

/** Sheet names in workbook order, from xl/workbook.xml. */
async function sheetNames(source: ByteSource): Promise<string[]> {
  const entry = (await listZipEntries(source)).find((e) => e.path.toLowerCase() === 'xl/workbook.xml');
  if (!entry) throw new AppError('input-malformed', `"${source.name}" is not an Excel workbook (it has no xl/workbook.xml).`, { name: source.name });
  const parts: Uint8Array[] = [];
  for await (const chunk of zipEntryStream(source, entry).open().chunks) parts.push(chunk);
  const xml = new TextDecoder().decode(concatBytes(parts));
  return [...xml.matchAll(/<(?:\w+:)?sheet\b[^>]*?\bname="([^"]*)"/g)].map((m) => unescapeXml(m[1]!));
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Excel dates carry no time zone: keep the wall-clock reading, date only when there is no time. */
export function excelDateText(date: Date): string | null {
  if (Number.isNaN(date.getTime())) return null;
  const day = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  const [h, m, s, ms] = [date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds(), date.getUTCMilliseconds()];
  if (h === 0 && m === 0 && s === 0 && ms === 0) return day;
  return `${day}T${pad(h)}:${pad(m)}:${pad(s)}${ms ? `.${pad(ms, 3)}` : ''}`;
}

function cellValue(cell: unknown): CellValue {
  if (cell === null || cell === undefined) return null;
  if (cell instanceof Date) return excelDateText(cell);
  if (typeof cell === 'number' || typeof cell === 'boolean') return cell;
  const text = String(cell);
  return text === '' ? null : text;
}

async function parseSheet(source: ByteSource, sheetName: string, sink: RecordBatchSink, signal?: AbortSignal, batchRows = 4096): Promise<ParseReport> {
  const { readSheet } = await loadExcel();
  const bytes = await source.slice(0, source.sizeBytes);
  signal?.throwIfAborted();
  let data: unknown[][];
  try {
    data = (await readSheet(ownArrayBuffer(bytes), sheetName)) as unknown[][];
  } catch (error) {
    throw new AppError('input-malformed', `Sheet "${sheetName}" of "${source.name}" could not be read: ${(error as Error).message}`, { name: source.name, sheetName }, { cause: error });
  }
  const rows = data.map((row) => row.map(cellValue));
  // Leading blank rows (titles often start lower down) are not the header.
  const first = rows.findIndex((row) => row.some((v) => v !== null));
  const report = newParseReport();
  if (first < 0) return report;
  const width = rows.reduce((w, row) => Math.max(w, row.length), 0);
  const asText = rows.slice(first, first + 20).map((row) => row.map((v) => (v === null ? '' : String(v))));
  const header = sniffHeader(asText);
  const names = uniqueColumnNames(Array.from({ length: width }, (_, c) => (header ? asText[0]![c] : undefined)));
  const start = header ? first + 1 : first;
  for (let r = start; r < rows.length; r += batchRows) {
    signal?.throwIfAborted();
    const records: Record<string, CellValue>[] = [];
    for (const row of rows.slice(r, r + batchRows)) {
      if (row.every((v) => v === null)) continue;
      const record: Record<string, CellValue> = {};
      names.forEach((name, c) => (record[name] = row[c] ?? null));
      records.push(record);
    }
    report.rows += records.length;
    if (records.length) await sink(records, Math.round((source.sizeBytes * Math.min(rows.length, r + batchRows)) / rows.length), source.sizeBytes);
  }
  return report;
}

/** The sheets of a workbook, each parsed on demand. */
export async function readXlsxSheets(source: ByteSource): Promise<XlsxSheet[]> {
  const names = await sheetNames(source);
  return names.map((sheetName) => ({ sheetName, parse: (sink, signal) => parseSheet(source, sheetName, sink, signal) }));
}
