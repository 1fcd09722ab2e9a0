import { AppError } from '../errors';
import type { CellValue } from '../store';

// The searchable catalogue: one row per product key, with its text fields as columns. BM25
// indexes each field apart (so a title can weigh more than a description); the sentence
// encoder reads them joined into one document.

export interface Catalogue {
  /** Product key of each row, distinct. */
  keys: string[];
  /** Names of the text fields, in the order given. */
  fields: string[];
  /** texts[field][row]; '' where the cell was empty. */
  texts: string[][];
}

/** A key as written, trimmed; null when missing. Clicked products in a log are read the same way. */
export const keyText = (v: CellValue | undefined): string | null => (v === null || v === undefined ? null : String(v).trim() || null);

/** Rows with a missing key are skipped; a repeated key keeps its first row. */
export function catalogueFromColumns(key: readonly CellValue[], textColumns: readonly { name: string; values: readonly CellValue[] }[]): Catalogue {
  if (textColumns.length === 0) throw new AppError('input-malformed', 'Search needs at least one text column to index.');
  const keys: string[] = [];
  const rows: number[] = [];
  const seen = new Set<string>();
  key.forEach((v, row) => {
    const k = keyText(v);
    if (k === null || seen.has(k)) return;
    seen.add(k);
    keys.push(k);
    rows.push(row);
  });
  if (keys.length === 0) throw new AppError('input-malformed', 'The product table has no keys: every row of the key column is empty.');
  const texts = textColumns.map((c) => rows.map((row) => {
    const v = c.values[row];
    return v === null || v === undefined ? '' : String(v).trim();
  }));
  return { keys, fields: textColumns.map((c) => c.name), texts };
}

/** Key -> row. */
export function rowsByKey(catalogue: Catalogue): Map<string, number> {
  return new Map(catalogue.keys.map((k, row) => [k, row]));
}

/** The fields of one row joined into a document for the sentence encoder, empty fields left out. */
export function documentText(catalogue: Catalogue, row: number): string {
  return catalogue.texts.map((field) => field[row] ?? '').filter((t) => t !== '').join('. ');
}
