// Generates the default demo shop once per test file and parses every file the way a consumer would,
// so tests read rows, not strings.
import Papa from 'papaparse';
import { generateDemoShop, type DemoShop } from '../../../src/lib/demo';

export type Row = Record<string, string>;

export interface ParsedShop {
  shop: DemoShop;
  csv: Record<string, Row[]>;
  products: Record<string, unknown>[];
  reviews: Record<string, unknown>[];
}

export function parseCsv(text: string): Row[] {
  const result = Papa.parse<Row>(text, { header: true, skipEmptyLines: true });
  if (result.errors.length > 0) throw new Error(`CSV errors: ${JSON.stringify(result.errors.slice(0, 3))}`);
  return result.data;
}

export function fileText(shop: DemoShop, name: string): string {
  const file = shop.files.find((f) => f.name === name);
  if (file === undefined) throw new Error(`no ${name}`);
  return file.text;
}

export function parseShop(shop: DemoShop): ParsedShop {
  const csv: Record<string, Row[]> = {};
  for (const f of shop.files) if (f.mediaType === 'text/csv') csv[f.name] = parseCsv(f.text);
  const products = JSON.parse(fileText(shop, 'products.json')) as Record<string, unknown>[];
  const reviews = fileText(shop, 'reviews.ndjson')
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { shop, csv, products, reviews };
}

let cached: ParsedShop | undefined;
/** The default shop (seed 42, scale 1), parsed; shared by the tests in one file. */
export function defaultShop(): ParsedShop {
  cached ??= parseShop(generateDemoShop());
  return cached;
}

export function rows(parsed: ParsedShop, name: string): Row[] {
  const r = parsed.csv[name];
  if (r === undefined) throw new Error(`no ${name}`);
  return r;
}

/** `C-00012`, `c-00012`, ` C-00012`, `12` -> `C-00012`. */
export function normaliseCustomerId(value: string): string {
  const digits = value.trim().replace(/^c-/i, '');
  return `C-${digits.padStart(5, '0')}`;
}

const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Any of the demo's date styles -> `YYYY-MM-DD` (UTC). */
export function parseAnyDate(value: string): string {
  const v = value.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(v);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(v);
  if (m) return `${m[3]}-${m[1]}-${m[2]}`;
  m = /^(\d{1,2}) ([A-Za-z]{3}) (\d{4})$/.exec(v);
  if (m) return `${m[3]}-${String(months.indexOf((m[2] ?? '').toLowerCase()) + 1).padStart(2, '0')}-${(m[1] ?? '').padStart(2, '0')}`;
  if (/^\d{12,14}$/.test(v)) return new Date(Number(v)).toISOString().slice(0, 10);
  throw new Error(`unparsed date ${value}`);
}

/** "€1.234,50", "1.234,50 €", "$1,234.50", "EUR 1234.50" -> 1234.5 */
export function parseMoney(value: string): number {
  const v = value.replace(/[^\d.,-]/g, '');
  const continental = /,\d{2}$/.test(v);
  const plain = continental ? v.replace(/\./g, '').replace(',', '.') : v.replace(/,/g, '');
  return Number(plain);
}
