// Every relationship the truth declares must actually hold in the files, with the declared cardinality.
import { describe, expect, it } from 'vitest';
import { defaultShop, normaliseCustomerId, parseMoney, rows, type ParsedShop } from './shop-fixture';

/** A column's values, from a CSV or from top-level fields of the JSON/NDJSON documents. */
function column(parsed: ParsedShop, file: string, name: string): string[] {
  if (file === 'products.json') return parsed.products.map((p) => String(p[name] ?? ''));
  if (file === 'reviews.ndjson') return parsed.reviews.map((r) => String(r[name] ?? ''));
  return rows(parsed, file).map((r) => r[name] ?? '');
}

/** A key column once the planted verbatim duplicate rows (orders.csv) are dropped. */
function keyColumn(parsed: ParsedShop, file: string, name: string): string[] {
  if (!file.endsWith('.csv')) return column(parsed, file, name);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const r of rows(parsed, file)) {
    const key = JSON.stringify(r);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(r[name] ?? '');
  }
  return out;
}

const tokens = (s: string): Set<string> => new Set(s.toLowerCase().match(/[a-z]{3,}/g) ?? []);
function overlap(a: string, b: string): number {
  const ta = tokens(a);
  const tb = tokens(b);
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared++;
  return shared / Math.max(1, Math.min(ta.size, tb.size));
}

describe('truth.relationships', () => {
  const parsed = defaultShop();
  const { truth } = parsed.shop;

  it('declares the six key relationships plus the fuzzy supplier link', () => {
    const names = truth.relationships.map((r) => `${r.fromFile}.${r.fromColumn}->${r.toFile}.${r.toColumn}`);
    expect(names).toEqual([
      'orders.csv.CustomerID->customers.csv.customer_id',
      'order_lines.csv.order_id->orders.csv.order_id',
      'order_lines.csv.product_sku->products.json.sku',
      'reviews.ndjson.product->products.json.sku',
      'reviews.ndjson.customer->customers.csv.customer_id',
      'search_log.csv.clicked_product->products.json.sku',
      'supplier_catalogue.csv.product_name->products.json.title',
    ]);
  });

  for (const rel of defaultShop().shop.truth.relationships.filter((r) => r.keyMatch !== 'fuzzy')) {
    it(`${rel.fromFile}.${rel.fromColumn} -> ${rel.toFile}.${rel.toColumn} holds (${rel.cardinality})`, () => {
      const norm = rel.keyMatch === 'normalised' ? normaliseCustomerId : (v: string): string => v;
      // n:1 means the target column is a key: unique, so each reference finds exactly one row.
      const targets = keyColumn(parsed, rel.toFile, rel.toColumn);
      expect(new Set(targets).size).toBe(targets.length);
      const keys = new Set(targets);
      const refs = column(parsed, rel.fromFile, rel.fromColumn).filter((v) => v.trim() !== '');
      expect(refs.length).toBeGreaterThan(100);
      const dangling = refs.filter((v) => !keys.has(norm(v)));
      expect(dangling).toEqual([]);
      // ...and many rows share a target.
      expect(new Set(refs.map(norm)).size).toBeLessThan(refs.length);
      if (rel.keyMatch === 'normalised') expect(refs.some((v) => !keys.has(v))).toBe(true);
    });
  }

  it('maps supplier rows to the products they name, and unsold rows to nothing', () => {
    const supplier = rows(parsed, 'supplier_catalogue.csv');
    const titleOf = new Map(parsed.products.map((p) => [String(p['sku']), String(p['title'])]));
    expect(truth.supplierMatches.length).toBe(supplier.length);
    const matched = truth.supplierMatches.filter((s) => s !== null);
    expect(new Set(matched).size).toBe(matched.length); // 1:1
    expect(truth.supplierMatches.filter((s) => s === null).length).toBeGreaterThan(20);
    let similar = 0;
    let verbatim = 0;
    supplier.forEach((row, i) => {
      const sku = truth.supplierMatches[i];
      const name = row.product_name ?? '';
      if (sku === null || sku === undefined) return;
      const title = titleOf.get(sku);
      expect(title).toBeDefined();
      if (overlap(name, title ?? '') >= 0.5) similar++;
      if (name === title) verbatim++;
    });
    // Names resemble their product but are rarely copied verbatim: that is the matching task.
    expect(similar / matched.length).toBeGreaterThan(0.9);
    expect(verbatim / matched.length).toBeLessThan(0.3);
    const titles = new Set(parsed.products.map((p) => String(p['title']).toLowerCase()));
    supplier.forEach((row, i) => {
      if (truth.supplierMatches[i] === null) expect(titles.has((row.product_name ?? '').toLowerCase())).toBe(false);
    });
  });

  it('order totals agree with their lines (in USD for US customers)', () => {
    const lines = rows(parsed, 'order_lines.csv');
    const sums = new Map<string, number | null>();
    for (const l of lines) {
      const prev = sums.get(l.order_id ?? '');
      const value = l.quantity === '' || l.unit_price === '' ? null : Number(l.quantity) * Number(l.unit_price);
      sums.set(l.order_id ?? '', prev === null || value === null ? null : (prev ?? 0) + value);
    }
    let checked = 0;
    for (const o of rows(parsed, 'orders.csv')) {
      const sum = sums.get(o.order_id ?? '');
      if (sum === null || sum === undefined) continue;
      const total = parseMoney(o.total ?? '');
      const expected = (o.total ?? '').startsWith('$') ? sum * truth.usdPerEur : sum;
      expect(Math.abs(total - expected)).toBeLessThan(0.02);
      checked++;
    }
    expect(checked).toBeGreaterThan(4000);
  });
});
