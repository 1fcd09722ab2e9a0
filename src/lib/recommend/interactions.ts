import { AppError } from '../errors';
import { normaliseKey, detectIdPrefix, type KeyForm } from '../fusion/relate';
import { cellText, detectDateFormat, parseDate } from '../profile';
import type { CellValue } from '../store';
import type { Csr, Interactions } from './types';

// Interactions from any table: a user column, an item column, optionally a rating and a time.
//
// De-duplication policy (stated in every report): one interaction per (user, item) pair. Its
// rating is the mean of the pair's ratings, its count the number of rows merged (repeat purchases
// become confidence for implicit models), and its time the FIRST occurrence, so leave-last-out
// holds out each user's most recently discovered item (next-new-item prediction), never a
// repeat of an item the model saw in training. Without a time column, row order is time.

export const dedupePolicy = 'one interaction per (user, item): mean rating, count of repeats, time of first occurrence';

export interface InteractionColumns {
  user: readonly CellValue[];
  item: readonly CellValue[];
  rating?: readonly CellValue[] | undefined;
  time?: readonly CellValue[] | undefined;
}

export interface InteractionOptions {
  /** Read ids as the fusion domain does (`C-00012` = `c-00012` = `12`, never across prefixes). */
  normaliseIds?: boolean;
  /** Item ids of the catalogue: items without interactions are ranked too (cold items). */
  catalogue?: readonly CellValue[];
  /** Interactions with a rating below this are dropped (explicit data used as implicit). */
  minRating?: number;
}

export interface BuildReport {
  rowsRead: number;
  /** Rows without a user, an item, a readable rating or a readable time. */
  rowsDropped: number;
  /** Rows folded into an earlier row of the same (user, item). */
  duplicatesMerged: number;
  timeSource: 'column' | 'row order';
  dedupe: typeof dedupePolicy;
}

/** How a column's ids are read into keys (the catalogue's item keys go through the item column's reader). */
export function idReader(values: readonly CellValue[], normalise: boolean): (value: CellValue) => string | null {
  if (!normalise) return (value) => cellText(value)?.trim() || null;
  const form: KeyForm = { normalised: true, idPrefix: detectIdPrefix(values) };
  return (value) => normaliseKey(value, form);
}

/** Epoch ms (dates) or the number itself (timestamps, ordinals); NaN when unreadable. */
function readTimes(values: readonly CellValue[]): Float64Array {
  const { options } = detectDateFormat(values, 'time');
  const out = new Float64Array(values.length).fill(Number.NaN);
  values.forEach((value, row) => {
    const parsed = parseDate(typeof value === 'string' ? value.trim() : value, options);
    if (parsed) out[row] = parsed.ms;
    else if (typeof value === 'number') out[row] = value;
    else if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) out[row] = Number(value);
  });
  return out;
}

function readRating(value: CellValue): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') return Number(value.trim().replace(',', '.'));
  return Number.NaN;
}

export function buildInteractions(columns: InteractionColumns, options: InteractionOptions = {}): { interactions: Interactions; report: BuildReport } {
  const n = columns.user.length;
  if (columns.item.length !== n) throw new AppError('input-malformed', 'The user and item columns differ in length.');
  const userKey = idReader(columns.user, options.normaliseIds ?? false);
  const itemKey = idReader(columns.item, options.normaliseIds ?? false);
  const times = columns.time ? readTimes(columns.time) : null;
  // Keys decide identity; an id is shown as first written (`C-00012`, not its key `12`).
  const userIndex = new Map<string, number>();
  const itemIndex = new Map<string, number>();
  const userIds: string[] = [];
  const itemIds: string[] = [];
  const indexOf = (map: Map<string, number>, ids: string[], key: string, value: CellValue) => map.get(key) ?? (map.set(key, map.size), ids.push(cellText(value)?.trim() ?? key), map.size - 1);
  for (const value of options.catalogue ?? []) {
    const key = itemKey(value);
    if (key !== null) indexOf(itemIndex, itemIds, key, value);
  }

  // First pass: one slot per distinct pair, in order of first appearance.
  const pairSlot = new Map<number, number>();
  const users: number[] = [];
  const items: number[] = [];
  const ratingSum: number[] = [];
  const counts: number[] = [];
  const firstTime: number[] = [];
  let dropped = 0;
  let merged = 0;
  for (let row = 0; row < n; row++) {
    const u = userKey(columns.user[row] ?? null);
    const i = itemKey(columns.item[row] ?? null);
    const rating = columns.rating ? readRating(columns.rating[row] ?? null) : 0;
    const time = times ? (times[row] as number) : row;
    if (u === null || i === null || !Number.isFinite(rating) || !Number.isFinite(time) || (options.minRating !== undefined && rating < options.minRating)) {
      dropped++;
      continue;
    }
    const ui = indexOf(userIndex, userIds, u, columns.user[row] ?? null);
    const ii = indexOf(itemIndex, itemIds, i, columns.item[row] ?? null);
    const pair = ui * 2 ** 26 + ii; // exact in a double while users and items stay below 2^26
    const slot = pairSlot.get(pair);
    if (slot === undefined) {
      pairSlot.set(pair, users.length);
      users.push(ui), items.push(ii), ratingSum.push(rating), counts.push(1), firstTime.push(time);
      continue;
    }
    merged++;
    ratingSum[slot]! += rating;
    counts[slot]! += 1;
    if (time < firstTime[slot]!) firstTime[slot] = time;
  }
  if (userIndex.size >= 2 ** 26 || itemIndex.size >= 2 ** 26) throw new AppError('unsupported', 'More than 67 million users or items: too many for one device.');

  // Sort pairs by user, time, first appearance (the slot order), then lay out the columns.
  const order = Array.from(users.keys()).sort((a, b) => users[a]! - users[b]! || firstTime[a]! - firstTime[b]! || a - b);
  const m = order.length;
  const interactions: Interactions = {
    userIds,
    itemIds,
    user: new Int32Array(m),
    item: new Int32Array(m),
    rating: columns.rating ? new Float32Array(m) : null,
    time: new Float64Array(m),
    count: new Float32Array(m),
  };
  order.forEach((slot, r) => {
    interactions.user[r] = users[slot]!;
    interactions.item[r] = items[slot]!;
    if (interactions.rating) interactions.rating[r] = ratingSum[slot]! / counts[slot]!;
    interactions.time[r] = firstTime[slot]!;
    interactions.count[r] = counts[slot]!;
  });
  return { interactions, report: { rowsRead: n, rowsDropped: dropped, duplicatesMerged: merged, timeSource: times ? 'column' : 'row order', dedupe: dedupePolicy } };
}

/** The given rows, in the same index spaces (rows must be in ascending order to keep the sort). */
export function subset(data: Interactions, rows: Int32Array): Interactions {
  const pick = <A extends Int32Array | Float32Array | Float64Array>(a: A): A => {
    const out = new (a.constructor as new (n: number) => A)(rows.length);
    for (let r = 0; r < rows.length; r++) out[r] = a[rows[r]!]!;
    return out;
  };
  return { userIds: data.userIds, itemIds: data.itemIds, user: pick(data.user), item: pick(data.item), rating: data.rating && pick(data.rating), time: pick(data.time), count: pick(data.count) };
}

function compress(keys: Int32Array, values: Int32Array, groups: number): Csr {
  const offsets = new Int32Array(groups + 1);
  for (let r = 0; r < keys.length; r++) offsets[keys[r]! + 1]!++;
  for (let g = 0; g < groups; g++) offsets[g + 1]! += offsets[g]!;
  const cursor = offsets.slice(0, groups);
  const index = new Int32Array(keys.length);
  const row = new Int32Array(keys.length);
  for (let r = 0; r < keys.length; r++) {
    const at = cursor[keys[r]!]!++;
    index[at] = values[r]!;
    row[at] = r;
  }
  return { offsets, index, row };
}

/** Each user's items, in time order (the sort of Interactions keeps it). */
export const byUser = (data: Interactions): Csr => compress(data.user, data.item, data.userIds.length);

/** Each item's users. */
export const byItem = (data: Interactions): Csr => compress(data.item, data.user, data.itemIds.length);

/** Distinct users per item: the popularity every baseline and bias figure uses. */
export function itemPopularity(data: Interactions): Float32Array {
  const out = new Float32Array(data.itemIds.length);
  for (let r = 0; r < data.item.length; r++) out[data.item[r]!]! += 1;
  return out;
}
