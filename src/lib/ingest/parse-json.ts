import { AppError } from '../errors';
import type { CellValue } from '../store';
import type { ParseReport, RecordBatchSink } from './types';

// JSON documents become flat records: nested objects turn into dotted column paths
// (`price.amount`), arrays stay one value (their JSON text), so a catalogue with nested
// attributes lands in the same column-batch shape as a CSV.

const batchRows = 4096;

export function flattenDocument(document: unknown, prefix = '', out: Record<string, CellValue> = {}): Record<string, CellValue> {
  if (document === null || document === undefined) {
    if (prefix) out[prefix] = null;
  } else if (Array.isArray(document)) {
    out[prefix || 'value'] = JSON.stringify(document);
  } else if (typeof document === 'object') {
    for (const [key, value] of Object.entries(document)) flattenDocument(value, prefix ? `${prefix}.${key}` : key, out);
  } else if (typeof document === 'string' || typeof document === 'number' || typeof document === 'boolean') {
    out[prefix || 'value'] = document;
  }
  return out;
}

async function emitInBatches(documents: unknown[], sink: RecordBatchSink, totalBytes: number, signal?: AbortSignal): Promise<void> {
  for (let start = 0; start < documents.length; start += batchRows) {
    signal?.throwIfAborted();
    const end = Math.min(documents.length, start + batchRows);
    const records = documents.slice(start, end).map((d) => flattenDocument(d));
    await sink(records, Math.round((totalBytes * end) / documents.length), totalBytes);
  }
}

/** A JSON array of documents (or one document, or an object holding the array). */
export async function parseJson(text: string, sink: RecordBatchSink, signal?: AbortSignal): Promise<ParseReport> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new AppError('input-malformed', `This file is not valid JSON: ${(error as Error).message}`);
  }
  const arrays = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? Object.values(parsed).filter(Array.isArray) : [];
  const documents = Array.isArray(parsed) ? parsed : arrays.length === 1 ? (arrays[0] as unknown[]) : [parsed];
  await emitInBatches(documents, sink, text.length, signal);
  return { rows: documents.length, malformedRows: [] };
}

/** One JSON document per line; a broken line is reported, not fatal. */
export async function parseNdjson(text: string, sink: RecordBatchSink, signal?: AbortSignal): Promise<ParseReport> {
  const report: ParseReport = { rows: 0, malformedRows: [] };
  const documents: unknown[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    try {
      documents.push(JSON.parse(line));
    } catch (error) {
      report.malformedRows.push({ line: i + 1, message: (error as Error).message });
    }
  });
  report.rows = documents.length;
  await emitInBatches(documents, sink, text.length, signal);
  return report;
}
