import { AppError } from '../errors';
import type { FusionTable } from '../fusion/types';
import { cellText } from '../profile';
import type { CellValue } from '../store';
import { idReader } from './interactions';
import type { ItemText } from './types';

// What the recommend job reads, before any model: the interaction table with the columns of a
// lookup table added (order lines get their customer and date from orders, by order id), and
// the catalogue's text and names per item. Pure: the job reads the tables and embeds the texts.

/** Adds `lookup`'s columns to each row of `table` whose `on` value matches `key` (n:1, first match wins). */
export function joinLookup(table: FusionTable, lookup: FusionTable, on: string, key: string, normaliseIds: boolean): FusionTable {
  const onValues = column(table, on, 'join').values;
  const keyValues = column(lookup, key, 'join key').values;
  const [onKey, keyKey] = [idReader(onValues, normaliseIds), idReader(keyValues, normaliseIds)];
  const rowOf = new Map<string, number>();
  keyValues.forEach((v, row) => {
    const k = keyKey(v);
    if (k !== null && !rowOf.has(k)) rowOf.set(k, row);
  });
  const rows = onValues.map((v) => {
    const k = onKey(v);
    return k === null ? undefined : rowOf.get(k);
  });
  // A column the table already has keeps the table's values.
  const added = lookup.columns.filter((c) => !table.columns.some((d) => d.name === c.name)).map((c) => ({ ...c, values: rows.map((r) => (r === undefined ? null : (c.values[r] ?? null))) }));
  return { ...table, name: `${table.name} (+ ${lookup.name} on ${on})`, columns: [...table.columns, ...added] };
}

export function column(table: FusionTable, name: string | null | undefined, what: string): FusionTable['columns'][number] {
  const found = table.columns.find((c) => c.name === name);
  if (!found) throw new AppError('input-malformed', `${table.name} has no ${what} column "${name ?? ''}". Pick one of: ${table.columns.map((c) => c.name).join(', ')}.`, { column: name ?? '' });
  return found;
}

export interface CatalogueText {
  /** Text per item index ('' where the catalogue has none). */
  texts: string[];
  /** Name per item index (null where the catalogue has none). */
  names: (string | null)[];
}

/**
 * Each item's text (the text columns joined with '. ') and name, matched through the item
 * column's id reader, so `P-0001` in the catalogue meets `p-0001` in the interactions when ids
 * are normalised.
 */
export function catalogueText(catalogue: FusionTable, keyColumn: string, textColumns: readonly string[], nameColumn: string | null, itemIds: readonly string[], itemKey: (value: CellValue) => string | null): CatalogueText {
  const keys = column(catalogue, keyColumn, 'item key').values;
  const parts = textColumns.map((c) => column(catalogue, c, 'text').values);
  const nameValues = nameColumn ? column(catalogue, nameColumn, 'name').values : null;
  const rowOf = new Map<string, number>();
  keys.forEach((v, row) => {
    const k = itemKey(v);
    if (k !== null && !rowOf.has(k)) rowOf.set(k, row);
  });
  const texts: string[] = [];
  const names: (string | null)[] = [];
  for (const id of itemIds) {
    const row = rowOf.get(itemKey(id) ?? '');
    texts.push(row === undefined ? '' : parts.map((p) => cellText(p[row])?.trim() ?? '').filter((t) => t !== '').join('. '));
    names.push(row === undefined || !nameValues ? null : (cellText(nameValues[row])?.trim() || null));
  }
  return { texts, names };
}

/** Item vectors from sentence vectors of the non-empty texts (`vectors[n]` belongs to the n-th non-empty text). */
export function itemTextFrom(texts: readonly string[], vectors: readonly Float32Array[], width: number): ItemText {
  const out: ItemText = { width, vectors: new Float32Array(texts.length * width), has: new Uint8Array(texts.length) };
  let n = 0;
  texts.forEach((text, i) => {
    if (text === '') return;
    const v = vectors[n++];
    if (!v || v.length !== width) throw new AppError('internal', 'The text encoder returned a vector of the wrong size.');
    out.vectors.set(v, i * width);
    out.has[i] = 1;
  });
  return out;
}
