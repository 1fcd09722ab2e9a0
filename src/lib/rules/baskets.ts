import { AppError } from '../errors';
import { parseBooleanCell } from '../profile';
import type { CellValue } from '../store';

// Baskets as market-basket analysis reads them, from either layout a shop exports:
//   long  one row per (basket, item): order lines, purchases by household
//   wide  one row per basket, one 0/1 column per item: a survey's respondent × brand table
// Stored CSR-style (offsets into one item-id column), each basket's ids sorted and distinct, so
// counting walks flat typed arrays rather than one object per basket.

export interface Baskets {
  /** Item names by id; ids are dense, 0..items.length−1. */
  items: string[];
  /** Basket b holds itemIds[offsets[b] .. offsets[b+1]); [basketCount + 1]. */
  offsets: Int32Array;
  /** Item ids of every basket in turn, ascending within a basket. */
  itemIds: Int32Array;
}

export const basketCount = (baskets: Baskets): number => baskets.offsets.length - 1;

/** Ids of one basket (a view, not a copy). */
export const basketItems = (baskets: Baskets, b: number): Int32Array => baskets.itemIds.subarray(baskets.offsets[b], baskets.offsets[b + 1]);

/** Packs per-basket id sets, sorting each. */
function pack(items: string[], sets: readonly Set<number>[]): Baskets {
  const offsets = new Int32Array(sets.length + 1);
  sets.forEach((set, b) => (offsets[b + 1] = (offsets[b] as number) + set.size));
  const itemIds = new Int32Array(offsets[sets.length] as number);
  sets.forEach((set, b) => itemIds.set(Int32Array.from(set).sort(), offsets[b] as number));
  return { items, offsets, itemIds };
}

const cellKey = (v: CellValue): string | null => (v === null ? null : String(v).trim() || null);

/**
 * Long layout: `basketValues[row]` names the basket (order id), `itemValues[row]` the item.
 * Rows with either missing are skipped; an item twice in one basket counts once. Baskets keep
 * the order in which they first appear; items are numbered in order of first appearance.
 */
export function basketsFromPairs(basketValues: readonly CellValue[], itemValues: readonly CellValue[]): Baskets {
  if (basketValues.length !== itemValues.length) throw new AppError('internal', 'Internal error: basket and item columns differ in length. Please report this.');
  const basketIndex = new Map<string, number>();
  const itemIndex = new Map<string, number>();
  const sets: Set<number>[] = [];
  for (let row = 0; row < basketValues.length; row++) {
    const basket = cellKey(basketValues[row] ?? null);
    const item = cellKey(itemValues[row] ?? null);
    if (basket === null || item === null) continue;
    let b = basketIndex.get(basket);
    if (b === undefined) basketIndex.set(basket, (b = sets.push(new Set()) - 1));
    let i = itemIndex.get(item);
    if (i === undefined) itemIndex.set(item, (i = itemIndex.size));
    (sets[b] as Set<number>).add(i);
  }
  return pack([...itemIndex.keys()], sets);
}

/**
 * Wide layout: every column whose filled cells all read as booleans (1/0, true/false, yes/no)
 * is an item; a true cell puts it in that row's basket. Other columns (a respondent id, a
 * label) are returned in `ignored`. Every row is a basket, even an empty one: it still counts
 * in the support denominator.
 */
export function basketsFromWide(columns: readonly { name: string; values: readonly CellValue[] }[]): { baskets: Baskets; ignored: string[] } {
  const itemColumns = columns.filter((c) => c.values.some((v) => v !== null) && c.values.every((v) => v === null || parseBooleanCell(v) !== null));
  const ignored = columns.filter((c) => !itemColumns.includes(c)).map((c) => c.name);
  if (itemColumns.length === 0) throw new AppError('input-malformed', 'No column holds only 0/1 (or true/false) values, so the table is not a wide basket table. Name the basket and item columns instead.');
  const rows = Math.max(...itemColumns.map((c) => c.values.length));
  const sets = Array.from({ length: rows }, () => new Set<number>());
  itemColumns.forEach((c, i) => c.values.forEach((v, row) => parseBooleanCell(v) === true && (sets[row] as Set<number>).add(i)));
  return { baskets: pack(itemColumns.map((c) => c.name), sets), ignored };
}
