import { describe, expect, it } from 'vitest';
import { demoMediaTypes, generateDemoShop } from '../../../src/lib/demo';
import { defaultShop, parseShop, rows } from './shop-fixture';

const within = (n: number, target: number, tolerance: number): boolean => Math.abs(n - target) <= target * tolerance;

describe('generateDemoShop', () => {
  it('is deterministic for a seed and changes with the seed', () => {
    const a = generateDemoShop({ seed: 7, scale: 0.2 });
    const b = generateDemoShop({ seed: 7, scale: 0.2 });
    const c = generateDemoShop({ seed: 8, scale: 0.2 });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    for (const [i, file] of a.files.entries()) expect(c.files[i]?.text).not.toBe(file.text);
  });

  it('defaults to seed 42 and scale 1', () => {
    const { shop } = defaultShop();
    expect(shop.truth.seed).toBe(42);
    expect(shop.truth.scale).toBe(1);
  });

  it('refuses nonsense options', () => {
    for (const options of [{ seed: 1.5 }, { scale: 0 }, { scale: Number.NaN }, { scale: 101 }]) {
      expect(() => generateDemoShop(options)).toThrow(expect.objectContaining({ code: 'input-malformed' }));
    }
  });

  it('writes the seven files with declared media types and descriptions', () => {
    const { shop } = defaultShop();
    expect(shop.files.map((f) => f.name)).toEqual([
      'customers.csv', 'products.json', 'supplier_catalogue.csv', 'orders.csv', 'order_lines.csv',
      'reviews.ndjson', 'search_log.csv',
    ]);
    for (const f of shop.files) {
      expect(demoMediaTypes).toContain(f.mediaType);
      expect(f.description.length).toBeGreaterThan(10);
    }
    // The truth is plain JSON: it survives a round trip unchanged.
    expect(JSON.parse(JSON.stringify(shop.truth))).toEqual(shop.truth);
  });

  it('has roughly the specified row counts at scale 1', () => {
    const parsed = defaultShop();
    expect(within(rows(parsed, 'customers.csv').length, 2000, 0.02)).toBe(true);
    expect(parsed.products.length).toBe(400);
    expect(within(rows(parsed, 'orders.csv').length, 5000, 0.02)).toBe(true);
    expect(within(rows(parsed, 'order_lines.csv').length, 12000, 0.1)).toBe(true);
    expect(parsed.reviews.length).toBe(3000);
    expect(rows(parsed, 'search_log.csv').length).toBe(4000);
    expect(within(rows(parsed, 'supplier_catalogue.csv').length, 300, 0.2)).toBe(true);
  });

  it('scales row counts', () => {
    const small = parseShop(generateDemoShop({ scale: 0.1 }));
    expect(within(rows(small, 'customers.csv').length, 200, 0.05)).toBe(true);
    expect(within(rows(small, 'orders.csv').length, 500, 0.05)).toBe(true);
    expect(small.reviews.length).toBe(300);
    expect(small.shop.truth.bundles.length).toBeGreaterThanOrEqual(2);
  });

  it('writes the documented columns', () => {
    const parsed = defaultShop();
    const header = (name: string): string[] => Object.keys(rows(parsed, name)[0] ?? {});
    expect(header('customers.csv')).toEqual(['customer_id', 'name', 'email', 'phone', 'city', 'country',
      'signup_date', 'segment', 'marketing_opt_in']);
    expect(header('orders.csv')).toEqual(['order_id', 'CustomerID', 'order_date', 'total', 'status', 'channel']);
    expect(header('order_lines.csv')).toEqual(['order_id', 'product_sku', 'quantity', 'unit_price']);
    expect(header('search_log.csv')).toEqual(['timestamp', 'session_id', 'query', 'clicked_product']);
    expect(header('supplier_catalogue.csv')).toEqual(['supplier_item_no', 'product_name', 'pack_size', 'cost',
      'min_order_qty', 'notes']);
    const product = parsed.products[0] as { sku: string; category: { main: string }; price: { currency: string } };
    expect(product.sku).toMatch(/^P-\d{4}$/);
    expect(product.category.main).toBeTruthy();
    expect(product.price.currency).toBe('EUR');
    for (const r of parsed.reviews) {
      expect(r['review_id']).toMatch(/^R-\d{6}$/);
      expect([1, 2, 3, 4, 5]).toContain(r['stars']);
      expect(r['created_at']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    }
  });

  it('plants the promised heterogeneity', () => {
    const parsed = defaultShop();
    const customers = rows(parsed, 'customers.csv');
    const dates = customers.map((c) => c.signup_date ?? '');
    expect(dates.some((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))).toBe(true);
    expect(dates.some((d) => /^\d{2}\/\d{2}\/\d{4}$/.test(d))).toBe(true);
    expect(dates.some((d) => /^\d{1,2} [A-Z][a-z]{2} \d{4}$/.test(d))).toBe(true);
    expect(customers.filter((c) => c.email === '').length).toBeGreaterThan(20);
    expect(customers.filter((c) => c.phone === '').length).toBeGreaterThan(50);
    expect(customers.some((c) => c.name !== c.name?.trim())).toBe(true);
    const orders = rows(parsed, 'orders.csv');
    expect(orders.some((o) => /^\d{13}$/.test(o.order_date ?? ''))).toBe(true);
    expect(orders.some((o) => /^\d+$/.test(o.CustomerID ?? ''))).toBe(true);
    expect(orders.some((o) => /^c-\d{5}$/.test(o.CustomerID ?? ''))).toBe(true);
    expect(orders.some((o) => (o.total ?? '').startsWith('$'))).toBe(true);
    const costs = rows(parsed, 'supplier_catalogue.csv').map((r) => r.cost ?? '');
    expect(costs.some((c) => /^€\d{1,3}(\.\d{3})+,\d{2}$/.test(c))).toBe(true); // €1.234,50
    expect(costs.some((c) => / €$/.test(c))).toBe(true);
    expect(costs.some((c) => c.startsWith('$'))).toBe(true);
    const lines = rows(parsed, 'order_lines.csv');
    expect(lines.some((l) => l.quantity === '')).toBe(true);
    expect(lines.some((l) => l.unit_price === '')).toBe(true);
  });
});
