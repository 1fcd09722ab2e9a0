import type { CellValue } from '../store';

// JSON documents become flat records: nested objects turn into dotted column paths
// (`price.amount`), arrays stay one value (their JSON text), so a catalogue with nested
// attributes lands in the same column-batch shape as a CSV. JSON, NDJSON and Parquet rows all
// go through here.

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
