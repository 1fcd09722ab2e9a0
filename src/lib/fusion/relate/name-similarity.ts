// Evidence from what columns are called and what ingest took them for. Values decide whether
// a link is possible; names, roles and types decide between links the values allow equally
// (a column of small numbers fits many id columns; `customer` fits only one).
import { nameTokens, type InferredType, type Role } from '../../profile';

// Spellings of the same word in column names: `cust_no` and `customer_id` name one thing.
const synonyms: Readonly<Record<string, string>> = {
  cust: 'customer', client: 'customer', buyer: 'customer', user: 'customer', prod: 'product', item: 'product',
  article: 'product', sku: 'id', no: 'id', nr: 'id', num: 'id', number: 'id', key: 'id', ref: 'id', code: 'id',
  uuid: 'id', guid: 'id', ids: 'id', txn: 'transaction', qty: 'quantity',
};

/** A name's words, singular and with synonyms folded: `cust_no` -> {customer, id}. */
export function nameWords(name: string): Set<string> {
  const words = new Set<string>();
  for (const token of nameTokens(name)) {
    const singular = token.length > 3 && token.endsWith('s') && !token.endsWith('ss') ? token.slice(0, -1) : token;
    words.add(synonyms[singular] ?? singular);
  }
  return words;
}

/** `shop.zip/orders.csv` -> the words of `orders`; a key column's table names its entity. */
export function tableWords(tableName: string): Set<string> {
  const last = tableName.split('/').pop() ?? tableName;
  return nameWords(last.replace(/\.[a-z0-9]+$/i, ''));
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : shared / union;
}

/**
 * 0..1: how alike the two columns' names are, as words. The key side is also read with its
 * table's name in front, since `customers.csv/id` and `orders.csv/customer` share a word only
 * through the table.
 */
export function nameSimilarity(fromColumn: string, toTable: string, toColumn: string): number {
  const from = nameWords(fromColumn);
  const to = nameWords(toColumn);
  const qualified = new Set([...tableWords(toTable), ...to]);
  return Math.max(jaccard(from, to), jaccard(from, qualified));
}

const idRoles: readonly Role[] = ['customer-id', 'product-id', 'order-id'];

/** 1 for the same role, 0.5 when either is unknown, 0 for two different ids, 0.2 otherwise. */
export function roleCompatibility(from: Role, to: Role): number {
  if (from === 'none' || to === 'none') return 0.5;
  if (from === to) return 1;
  if (idRoles.includes(from) && idRoles.includes(to)) return 0;
  return 0.2;
}

const typeFamilies: readonly (readonly InferredType[])[] = [
  ['identifier', 'integer'], ['identifier', 'text', 'categorical'],
];

/** 1 for the same type, 0.7 for types that often hold one key (ids and integers), 0.3 otherwise. */
export function typeCompatibility(from: InferredType, to: InferredType): number {
  if (from === to) return 1;
  return typeFamilies.some((family) => family.includes(from) && family.includes(to)) ? 0.7 : 0.3;
}
