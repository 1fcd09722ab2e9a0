import { AppError } from '../errors';
import type { CellValue } from '../store';
import type { ByteSource } from './byte-source';
import { extendColumnNames, uniqueColumnNames } from './column-names';
import { newParseReport } from './parse-report';
import { sniffHeader } from './sniff';
import type { ParseReport, RecordBatchSink } from './types';
import { sheetRowHandlers, type SheetRow } from './xlsx-sheet-rows';
import { openWorkbook, readCellLookups, type CellLookups, type Workbook, type WorkbookSheet } from './xlsx-workbook';
import { readXmlPart } from './xlsx-xml';

export { excelDateText } from './xlsx-dates';

// Excel workbooks (.xlsx): each worksheet is its own table. A sheet is streamed: its XML part is
// inflated a chunk at a time and parsed by a SAX parser (xlsx-xml.ts), and rows go to the sink in
// batches as they complete, so memory holds one inflated chunk's rows, the shared strings and
// the header window, never the sheet. Listing the sheets reads only the workbook's small parts
// (xlsx-workbook.ts); shared strings and date styles are read once, on the first sheet parsed.
//
// Table rules, as for CSV: leading blank rows are not the header; the header is sniffed from the
// first 20 rows (sniffHeader) and its names made unique; blank rows are skipped; a row wider than
// the header gets `column_N` names for the extra cells.

export interface XlsxSheet {
  sheetName: string;
  parse(sink: RecordBatchSink, signal?: AbortSignal): Promise<ParseReport>;
}

/** Rows from the first non-blank one that the header is sniffed from. */
const headerWindowRows = 20;
/** Records per sink call. */
const defaultBatchRows = 4096;

function isBlank(values: readonly CellValue[]): boolean {
  for (const v of values) if (v !== null) return false;
  return true;
}

/**
 * Turns sheet rows into records. The first non-blank rows are held back until the header is
 * decided: up to 20 rows by sheet row number (the gaps count, as blank rows), or the end.
 */
function recordShaper() {
  /** Column names, once the header is decided. */
  let names: string[] = [];
  let decided = false;
  const window: SheetRow[] = [];
  const ready: Record<string, CellValue>[] = [];

  function push(values: readonly CellValue[]): void {
    if (values.length > names.length) names = extendColumnNames(names, values.length);
    const record: Record<string, CellValue> = {};
    for (let c = 0; c < names.length; c++) record[names[c]!] = values[c] ?? null;
    ready.push(record);
  }

  /** Sniffs the header from the window's rows up to sheet row `lastNumber`, then releases them. */
  function decideHeader(lastNumber: number): void {
    const first = window[0]!.number;
    const width = window.reduce((w, row) => Math.max(w, row.values.length), 0);
    const byNumber = new Map(window.map((row) => [row.number, row.values]));
    const asText: string[][] = [];
    for (let n = first; n <= lastNumber; n++) {
      const values = byNumber.get(n) ?? [];
      asText.push(Array.from({ length: width }, (_, c) => (values[c] === null || values[c] === undefined ? '' : String(values[c]))));
    }
    const header = sniffHeader(asText);
    names = uniqueColumnNames(header ? asText[0]! : new Array<undefined>(width));
    decided = true;
    for (const row of header ? window.slice(1) : window) push(row.values);
    window.length = 0;
  }

  return {
    ready,
    add(row: SheetRow): void {
      if (isBlank(row.values)) return;
      if (decided) {
        push(row.values);
        return;
      }
      const first = window[0]?.number ?? row.number;
      if (row.number < first + headerWindowRows) {
        window.push(row);
        return;
      }
      decideHeader(first + headerWindowRows - 1);
      push(row.values);
    },
    end(): void {
      if (!decided && window.length > 0) decideHeader(window[window.length - 1]!.number);
    },
  };
}

async function parseSheet(
  workbook: Workbook,
  sheet: WorkbookSheet,
  lookups: (signal?: AbortSignal) => Promise<CellLookups>,
  sink: RecordBatchSink,
  signal?: AbortSignal,
  batchRows = defaultBatchRows,
): Promise<ParseReport> {
  signal?.throwIfAborted();
  const { source } = workbook;
  const entry = workbook.entry(sheet.path);
  if (!entry) {
    throw new AppError('input-malformed', `Sheet "${sheet.name}" of "${source.name}" is missing from the workbook (no ${sheet.path}). Open it in Excel and save it again.`, {
      name: source.name,
      sheetName: sheet.name,
    });
  }
  const report = newParseReport();
  const shaper = recordShaper();
  const totalBytes = source.sizeBytes;
  // Progress is measured on the packed sheet part and scaled to the file.
  const doneBytesAt = (packedBytes: number) => Math.min(totalBytes, Math.round((totalBytes * packedBytes) / Math.max(1, entry.compressedBytes)));
  async function handOn(doneBytes: number, all: boolean): Promise<void> {
    while (shaper.ready.length >= batchRows || (all && shaper.ready.length > 0)) {
      signal?.throwIfAborted();
      const records = shaper.ready.splice(0, batchRows);
      report.rows += records.length;
      await sink(records, doneBytes, totalBytes);
    }
  }
  const handlers = sheetRowHandlers(await lookups(signal), workbook.date1904, shaper.add);
  await readXmlPart(source, entry, handlers, { signal, afterChunk: (packedBytes) => handOn(doneBytesAt(packedBytes), false) });
  shaper.end();
  await handOn(totalBytes, true);
  return report;
}

/** The worksheets of a workbook, each parsed on demand. */
export async function readXlsxSheets(source: ByteSource): Promise<XlsxSheet[]> {
  const workbook = await openWorkbook(source);
  let lookups: Promise<CellLookups> | null = null;
  const lookupsOnce = (signal?: AbortSignal): Promise<CellLookups> => {
    lookups ??= readCellLookups(workbook, signal).catch((error: unknown) => {
      lookups = null; // a cancelled or failed read is retried by the next sheet
      throw error;
    });
    return lookups;
  };
  return workbook.sheets.map((sheet) => ({ sheetName: sheet.name, parse: (sink, signal) => parseSheet(workbook, sheet, lookupsOnce, sink, signal) }));
}
