// Column names as evidence. Exports name the same thing `customer_id`, `CustomerID`, `custId`,
// `customerid` or `Customer ID`; splitting names into lower-case tokens lets type inference and
// role suggestion test words, not spellings.

/** Entities whose name is often glued to `id` (`customerid`, `userid`). */
const gluedEntities = [
  'customer', 'cust', 'client', 'user', 'buyer', 'member', 'account', 'order', 'product', 'prod', 'item',
  'article', 'session', 'txn', 'transaction', 'invoice', 'review', 'store', 'shop', 'seller', 'vendor',
  'supplier', 'category', 'event', 'visitor', 'device', 'campaign', 'cart', 'basket',
];

/** `CustomerID` -> [customer, id]; `signup_date` -> [signup, date]; `price.amount` -> [price, amount]. */
export function nameTokens(name: string): string[] {
  const spaced = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase();
  const tokens: string[] = [];
  for (const token of spaced.split(/[^\p{L}\p{N}]+/u)) {
    if (token.length === 0) continue;
    const glued = token.length > 3 && token.endsWith('id') ? token.slice(0, -2) : '';
    if (glued && gluedEntities.includes(glued)) tokens.push(glued, 'id');
    else tokens.push(token);
  }
  return tokens;
}

const has = (tokens: readonly string[], words: readonly string[]): boolean => tokens.some((t) => words.includes(t));
const last = (tokens: readonly string[]): string => tokens[tokens.length - 1] ?? '';

/** Entities whose codes are keys into another table; a category's codes are its values. */
const keyEntities = gluedEntities.filter((e) => e !== 'category');

/** `store`, `customer_code`, `ProductNo`: the column names an entity, so its codes are keys. */
export function isEntityName(tokens: readonly string[]): boolean {
  return has(tokens, keyEntities);
}

const strongIdWords = ['id', 'ids', 'uuid', 'guid', 'sku', 'ean', 'gtin', 'upc', 'asin', 'isbn', 'key', 'pk', 'fk'];
const weakIdWords = ['code', 'no', 'nr', 'num', 'number', 'ref', 'reference', 'zip', 'postcode', 'postal', 'plz', 'hash'];

/**
 * Words that end in "id" without being an id glued to an entity. Only these are spelled out:
 * any other token ending in "id" (`hhid`, `pid`, `empid`) is read as `<something>` + `id`.
 */
const idEndingWords = new Set([
  'aid', 'bid', 'did', 'hid', 'kid', 'lid', 'mid', 'rid', 'amid', 'grid', 'skid', 'acid', 'arid', 'avid', 'void', 'paid', 'said', 'laid', 'maid', 'raid',
  'plaid', 'staid', 'braid', 'afraid', 'valid', 'invalid', 'unpaid', 'prepaid', 'repaid', 'overpaid', 'underpaid', 'postpaid',
  'solid', 'fluid', 'liquid', 'lipid', 'humid', 'rapid', 'hybrid', 'vivid', 'rigid', 'timid', 'lucid', 'tepid', 'vapid',
  'livid', 'lurid', 'rabid', 'squid', 'covid', 'druid', 'cupid', 'stupid', 'forbid', 'orchid', 'pyramid', 'placid',
  'candid', 'splendid', 'morbid', 'sordid', 'horrid', 'torrid', 'putrid', 'florid', 'insipid', 'intrepid', 'medicaid',
  'avoid', 'devoid', 'droid', 'android', 'steroid', 'asteroid', 'thyroid', 'tabloid', 'paranoid', 'humanoid', 'opioid',
]);

/** `hhid`, `pid`, `empid`: a token glued to `id` whose stem nameTokens does not know. */
function isGluedId(token: string): boolean {
  return token.length >= 3 && token.endsWith('id') && /^[a-z]+$/.test(token) && !idEndingWords.has(token);
}

/** `strong` for `*_id`, `*id`, `sku`, `uuid`; `weak` for `code`, `number`, `ref`; null otherwise. */
export function idNameStrength(tokens: readonly string[]): 'strong' | 'weak' | null {
  const end = last(tokens);
  if (strongIdWords.includes(end) || (tokens.length === 1 && has(tokens, strongIdWords)) || isGluedId(end)) return 'strong';
  if (weakIdWords.includes(end)) return 'weak';
  return null;
}

const timeWords = [
  'date', 'time', 'timestamp', 'ts', 'datetime', 'created', 'updated', 'modified', 'deleted', 'day', 'when',
  'epoch', 'dt', 'datum', 'fecha', 'zeit', 'heure', 'ordered', 'shipped', 'delivered', 'signup', 'registered',
  'birthday', 'dob', 'since', 'until', 'expires', 'expiry', 'start', 'end', 'month', 'year', 'period',
];

/** `order_date`, `created_at`, `ts`, `signupTime`. */
export function isTimeName(tokens: readonly string[]): boolean {
  const end = last(tokens);
  return has(tokens, timeWords) || end === 'at' || end === 'on';
}

const boolWords = [
  'is', 'has', 'flag', 'active', 'enabled', 'disabled', 'opt', 'optin', 'optout', 'subscribed', 'verified',
  'deleted', 'valid', 'consent', 'newsletter', 'bool', 'boolean', 'safe', 'available', 'visible', 'paid',
  'returned', 'gift', 'premium', 'vip', 'churned', 'purchased', 'clicked', 'converted',
];

/** `is_active`, `marketing_opt_in`, `verified_purchase`, `hasDiscount`. */
export function isBoolName(tokens: readonly string[]): boolean {
  return has(tokens, boolWords);
}

const moneyWords = [
  'price', 'cost', 'amount', 'total', 'revenue', 'sales', 'fee', 'tax', 'vat', 'subtotal', 'discount',
  'paid', 'spend', 'spent', 'gmv', 'turnover', 'payment', 'refund', 'shipping', 'msrp', 'rrp',
  'preis', 'betrag', 'kosten', 'umsatz', 'prix', 'montant', 'precio', 'importe', 'prezzo', 'importo', 'prijs',
];

/**
 * `unit_price`, `total`, `OrderAmount`. Not `income` or `salary`: what a person earns is a
 * measure of the person, often in thousands (`Income` 32.5), not an amount of a sale.
 */
export function isMoneyName(tokens: readonly string[]): boolean {
  return has(tokens, moneyWords);
}

const phoneWords = ['phone', 'tel', 'telephone', 'mobile', 'cell', 'fax', 'telefon', 'telefono', 'handy', 'whatsapp'];

export function isPhoneName(tokens: readonly string[]): boolean {
  return has(tokens, phoneWords);
}
