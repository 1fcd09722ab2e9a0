// The demo shop profiled as the ingest worker would: CSV through papaparse (empty cells as
// missing), JSON and NDJSON documents flattened to dotted columns, each file as one batch.
import Papa from 'papaparse';
import { generateDemoShop, type DemoShop } from '../../../src/lib/demo';
import { batchFromRecords, profileBatch, type ColumnBatch, type TableProfile } from '../../../src/lib/profile';
import type { CellValue } from '../../../src/lib/store';

/** Nested objects to dotted paths, arrays as JSON text: the rule ingest's flattenDocument follows. */
function flatten(document: unknown, prefix = '', out: Record<string, CellValue> = {}): Record<string, CellValue> {
  if (document === null || document === undefined) {
    if (prefix) out[prefix] = null;
  } else if (Array.isArray(document)) {
    out[prefix || 'value'] = JSON.stringify(document);
  } else if (typeof document === 'object') {
    for (const [key, value] of Object.entries(document)) flatten(value, prefix ? `${prefix}.${key}` : key, out);
  } else if (typeof document === 'string' || typeof document === 'number' || typeof document === 'boolean') {
    out[prefix || 'value'] = document;
  }
  return out;
}

export interface ProfiledFile {
  batch: ColumnBatch;
  profile: TableProfile;
}

function records(name: string, text: string): Record<string, CellValue>[] {
  if (name.endsWith('.csv')) {
    const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: 'greedy' });
    return parsed.data.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v === '' ? null : v])));
  }
  if (name.endsWith('.json')) return (JSON.parse(text) as unknown[]).map((d) => flatten(d));
  return text.split('\n').filter((l) => l.trim()).map((l) => flatten(JSON.parse(l)));
}

let cached: { shop: DemoShop; files: Record<string, ProfiledFile> } | undefined;

export function profiledShop(): { shop: DemoShop; files: Record<string, ProfiledFile> } {
  if (cached) return cached;
  const shop = generateDemoShop();
  const files: Record<string, ProfiledFile> = {};
  for (const file of shop.files) {
    const batch = batchFromRecords(records(file.name, file.text));
    files[file.name] = { batch, profile: profileBatch(batch) };
  }
  cached = { shop, files };
  return cached;
}
