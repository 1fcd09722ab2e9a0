// The warehouse of the demo shop, built from its true relationships, checked against what the
// generator knows: counts, joins, parsed amounts and times, and lineage back to the files.
import { beforeAll, describe, expect, it } from 'vitest';
import type { FusionTable } from '../../../../src/lib/fusion/types';
import { buildWarehouse, joinKey, lineageOf, viewColumn, type Warehouse, type WarehouseView } from '../../../../src/lib/fusion/warehouse';
import { demoTables, type DemoTables } from '../demo-tables';
import { column, confirmedFromTruth } from './fixtures';

let demo: DemoTables;
let warehouse: Warehouse;

beforeAll(async () => {
  demo = await demoTables();
  warehouse = buildWarehouse(demo.tables, confirmedFromTruth(demo.truth));
}, 120_000); // generating and profiling the demo takes seconds, more on a busy CI machine

/** Rows of a view whose `kind` column equals `kind`. */
function rowsOfKind(view: WarehouseView, kind: string): number[] {
  return viewColumn(view, 'kind').flatMap((k, row) => (k === kind ? [row] : []));
}

/** The source cell behind a lineage entry. */
function sourceCell(table: FusionTable, name: string, row: number): unknown {
  return column(table, name).values[row];
}

/** Evenly spread sample of view rows. */
function sample(rows: readonly number[], count: number): number[] {
  const step = Math.max(1, Math.floor(rows.length / count));
  return rows.filter((_, i) => i % step === 0);
}

describe('warehouse of the demo shop', () => {
  it('finds the home tables and the fact tables by role', () => {
    expect(warehouse.report.homes).toEqual({ customer: { table: 'customers.csv', column: 'customer_id' }, product: { table: 'products.json', column: 'sku' } });
    expect(warehouse.report.facts).toEqual([
      { table: 'orders.csv', kind: 'order' },
      { table: 'order_lines.csv', kind: 'order-line' },
      { table: 'reviews.ndjson', kind: 'review' },
      { table: 'search_log.csv', kind: 'search-click' },
    ]);
    // The supplier catalogue joins only through entity resolution, which this build lacks.
    expect(warehouse.report.notes.some((n) => n.includes('supplier_catalogue.csv') && n.includes('fuzzy'))).toBe(true);
    expect(warehouse.report.relationshipsUsed).toHaveLength(6);
  });

  it('has one product per sku and one customer per customer id', () => {
    const { products, customers } = warehouse.views;
    expect(products.rowCount).toBe(400);
    expect(new Set(viewColumn(products, 'product_key')).size).toBe(400);
    expect(viewColumn(products, 'price').every((p) => typeof p === 'number' && p > 0)).toBe(true);
    expect(new Set(viewColumn(products, 'currency'))).toEqual(new Set(['EUR']));
    expect(viewColumn(products, 'title').every((t) => typeof t === 'string' && t.length > 3)).toBe(true);
    expect(customers.rowCount).toBe(2000);
    expect(customers.columns.map((c) => c.name).slice(0, 6)).toEqual(['customer_key', 'name', 'email', 'country', 'city', 'first_seen']);
    expect(customers.columns.map((c) => c.name)).toContain('segment');
    const firstSeen = viewColumn(customers, 'first_seen');
    expect(firstSeen.filter((t) => typeof t === 'number').length).toBeGreaterThanOrEqual(0.99 * 2000);
  });

  it('makes one order-line event per order line, never duplicated by repeated order rows', () => {
    const { events } = warehouse.views;
    const lines = rowsOfKind(events, 'order-line');
    const orderLines = demo.table('order_lines.csv');
    expect(lines.length).toBe(orderLines.rowCount);
    const lineRows = new Set(lines.map((row) => lineageOf(events, row).find((s) => s.table === 'order_lines.csv')!.row));
    expect(lineRows.size).toBe(orderLines.rowCount);
    // One order event per distinct order, the repeated rows all in its lineage.
    const orders = rowsOfKind(events, 'order');
    const repeated = new Set(demo.truth.duplicateOrderRows);
    expect(orders.length).toBe(demo.table('orders.csv').rowCount - repeated.size);
    expect(warehouse.report.mergedRows).toContainEqual({ table: 'orders.csv', rows: repeated.size });
    const orderKeys = viewColumn(events, 'order_key');
    for (const row of orders.filter((r) => repeated.has(String(orderKeys[r])))) {
      const sources = lineageOf(events, row);
      expect(sources.length).toBe(2);
      for (const s of sources) expect(sourceCell(demo.table('orders.csv'), 'order_id', s.row)).toBe(orderKeys[row]);
    }
  });

  it('gives >= 99% of order lines a customer through the normalised CustomerID join, and a time', () => {
    const { events, customers } = warehouse.views;
    const lines = rowsOfKind(events, 'order-line');
    const customerKey = viewColumn(events, 'customer_key');
    const customerKeys = new Set(viewColumn(customers, 'customer_key'));
    const resolved = lines.filter((row) => customerKeys.has(customerKey[row]!));
    expect(resolved.length / lines.length).toBeGreaterThanOrEqual(0.99);
    const time = viewColumn(events, 'time');
    const from = Date.UTC(2022, 0, 1);
    const to = Date.UTC(2026, 0, 1);
    const timed = lines.filter((row) => typeof time[row] === 'number' && time[row]! >= from && time[row]! < to);
    expect(timed.length / lines.length).toBeGreaterThanOrEqual(0.99);
    // Orders written as `12` or `c-00012` point at the customer written `C-00012`.
    const ordersTable = demo.table('orders.csv');
    let mangled = 0;
    for (const row of lines) {
      const order = lineageOf(events, row).find((s) => s.table === 'orders.csv');
      if (!order) continue;
      const written = String(sourceCell(ordersTable, 'CustomerID', order.row));
      expect(joinKey(written, 'normalised')).toBe(joinKey(customerKey[row] ?? null, 'normalised'));
      if (written !== customerKey[row]) mangled++;
    }
    expect(mangled).toBeGreaterThan(0.1 * lines.length);
  });

  it('reads order totals in their own currency and they add up to the lines', () => {
    const { events } = warehouse.views;
    const kind = viewColumn(events, 'kind');
    const orderKey = viewColumn(events, 'order_key');
    const amount = viewColumn(events, 'amount');
    const currency = viewColumn(events, 'currency');
    const lineSum = new Map<string, number>();
    const incomplete = new Set<string>();
    kind.forEach((k, row) => {
      if (k !== 'order-line') return;
      const key = String(orderKey[row]);
      if (typeof amount[row] !== 'number') incomplete.add(key);
      else lineSum.set(key, (lineSum.get(key) ?? 0) + (amount[row] as number));
    });
    let checked = 0;
    let matched = 0;
    const currencies = new Map<string, number>();
    kind.forEach((k, row) => {
      if (k !== 'order') return;
      currencies.set(String(currency[row]), (currencies.get(String(currency[row])) ?? 0) + 1);
      const key = String(orderKey[row]);
      if (incomplete.has(key) || typeof amount[row] !== 'number') return;
      const eur = currency[row] === 'USD' ? (amount[row] as number) / demo.truth.usdPerEur : (amount[row] as number);
      checked++;
      if (Math.abs(eur - (lineSum.get(key) ?? 0)) <= 0.02) matched++;
    });
    expect(checked).toBeGreaterThan(4000);
    expect(matched / checked).toBeGreaterThanOrEqual(0.99);
    expect([...currencies.keys()].sort()).toEqual(['EUR', 'USD']);
    // Line prices carry no mark: they get the shop's currency, and the report says so.
    expect(warehouse.report.assumedCurrency.code).toBe('EUR');
    expect(warehouse.report.assumedCurrency.cells).toBeGreaterThan(10_000);
  });

  it('has every review with a 1..5 rating, its text, product and customer', () => {
    const { reviews, products } = warehouse.views;
    expect(reviews.rowCount).toBe(demo.table('reviews.ndjson').rowCount);
    const rating = viewColumn(reviews, 'rating');
    expect(rating.every((r) => typeof r === 'number' && Number.isInteger(r) && r >= 1 && r <= 5)).toBe(true);
    expect(new Set(rating).size).toBe(5);
    expect(viewColumn(reviews, 'text').filter((t) => typeof t === 'string' && t.length > 10).length).toBeGreaterThanOrEqual(0.99 * reviews.rowCount);
    const productKeys = new Set(viewColumn(products, 'product_key'));
    expect(viewColumn(reviews, 'product_key').filter((k) => productKeys.has(k)).length).toBeGreaterThanOrEqual(0.99 * reviews.rowCount);
    expect(viewColumn(reviews, 'customer_key').filter((k) => k !== null).length).toBeGreaterThanOrEqual(0.99 * reviews.rowCount);
    expect(viewColumn(reviews, 'time').every((t) => typeof t === 'number')).toBe(true);
  });

  it('has every search with its query, and clicks as events', () => {
    const { searches, events, products } = warehouse.views;
    expect(searches.rowCount).toBe(4000);
    expect(viewColumn(searches, 'query').filter((q) => typeof q === 'string' && q.length > 0).length).toBeGreaterThanOrEqual(0.99 * 4000);
    expect(viewColumn(searches, 'session').every((s) => typeof s === 'string' && s.startsWith('s-'))).toBe(true);
    const clicked = viewColumn(searches, 'product_key').filter((k) => k !== null);
    const written = column(demo.table('search_log.csv'), 'clicked_product').values.filter((v) => v !== null && v !== '');
    expect(clicked.length).toBe(written.length);
    const productKeys = new Set(viewColumn(products, 'product_key'));
    expect(clicked.every((k) => productKeys.has(k))).toBe(true);
    expect(rowsOfKind(events, 'search-click').length).toBe(clicked.length);
  });

  it("traces every view's rows back to source rows whose values match", () => {
    const { customers, products, events, reviews, searches } = warehouse.views;
    const checks: [WarehouseView, string, string, string][] = [
      [customers, 'customer_key', 'customers.csv', 'customer_id'],
      [customers, 'email', 'customers.csv', 'email'],
      [products, 'product_key', 'products.json', 'sku'],
      [products, 'title', 'products.json', 'title'],
      [reviews, 'review_key', 'reviews.ndjson', 'review_id'],
      [reviews, 'text', 'reviews.ndjson', 'text'],
      [searches, 'query', 'search_log.csv', 'query'],
      [events, 'product_key', 'order_lines.csv', 'product_sku'],
      [events, 'order_key', 'orders.csv', 'order_id'],
    ];
    for (const [view, viewName, tableName, sourceName] of checks) {
      const values = viewColumn(view, viewName);
      const table = demo.table(tableName);
      const rows = sample(values.flatMap((v, row) => (v === null ? [] : [row])), 200);
      let traced = 0;
      for (const row of rows) {
        const source = lineageOf(view, row).find((s) => s.table === tableName);
        if (!source) continue;
        traced++;
        expect(String(sourceCell(table, sourceName, source.row)).trim()).toBe(String(values[row]));
      }
      expect(traced, `${view.name}.${viewName}`).toBeGreaterThanOrEqual(view === events ? 50 : rows.length);
    }
    // Every row of every view has at least one source.
    for (const view of Object.values(warehouse.views)) {
      const { offsets } = view.lineage;
      expect(offsets.length).toBe(view.rowCount + 1);
      for (let row = 0; row < view.rowCount; row++) expect(offsets[row + 1]! > offsets[row]!).toBe(true);
    }
  });

  it('is structured-clone safe', () => {
    const clone = structuredClone(warehouse);
    expect(clone.views.events.rowCount).toBe(warehouse.views.events.rowCount);
    expect(lineageOf(clone.views.events, 100)).toEqual(lineageOf(warehouse.views.events, 100));
    expect(JSON.parse(JSON.stringify(warehouse.views.products.columns))).toEqual(warehouse.views.products.columns);
  });
});
