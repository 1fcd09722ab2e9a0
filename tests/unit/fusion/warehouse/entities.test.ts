// Entity resolution's answers applied: duplicate customers merged into one, and a supplier
// catalogue (joined to products only by a fuzzy relationship) linked into the products view.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildWarehouse, lineageOf, viewColumn, type Warehouse } from '../../../../src/lib/fusion/warehouse';
import { demoTables, type DemoTables } from '../demo-tables';
import { column, confirmedFromTruth, customerMerge, supplierLink } from './fixtures';

let demo: DemoTables;
let plain: Warehouse;
let merged: Warehouse;

beforeAll(async () => {
  demo = await demoTables();
  const relationships = confirmedFromTruth(demo.truth);
  plain = buildWarehouse(demo.tables, relationships);
  merged = buildWarehouse(demo.tables, relationships, {
    entities: [
      customerMerge(demo.truth, demo.table('customers.csv')),
      supplierLink(demo.truth, demo.table('supplier_catalogue.csv'), demo.table('products.json')),
    ],
  });
});

describe('warehouse with entity resolution', () => {
  it('merges each duplicate customer group into one row whose lineage lists every row', () => {
    const groups = demo.truth.duplicateCustomers;
    const folded = groups.reduce((n, g) => n + g.length - 1, 0);
    const { customers } = merged.views;
    expect(customers.rowCount).toBe(2000 - folded);
    const keys = viewColumn(customers, 'customer_key');
    const ids = column(demo.table('customers.csv'), 'customer_id').values;
    for (const group of groups) {
      // The original registration names the merged customer; its copies are gone as keys.
      const row = keys.indexOf(group[0]!);
      expect(row).toBeGreaterThanOrEqual(0);
      for (const copy of group.slice(1)) expect(keys).not.toContain(copy);
      expect(lineageOf(customers, row).map((s) => ids[s.row]).sort()).toEqual([...group].sort());
    }
    expect(merged.report.mergedRows).toContainEqual({ table: 'customers.csv', rows: folded });
  });

  it("points facts at any duplicate's id to the merged customer", () => {
    const copyToOriginal = new Map(demo.truth.duplicateCustomers.flatMap((g) => g.slice(1).map((id) => [id, g[0]!] as const)));
    const before = viewColumn(plain.views.events, 'customer_key');
    const after = viewColumn(merged.views.events, 'customer_key');
    expect(after.length).toBe(before.length);
    let moved = 0;
    before.forEach((key, row) => {
      const original = copyToOriginal.get(String(key));
      if (original) {
        expect(after[row]).toBe(original);
        moved++;
      } else {
        expect(after[row]).toBe(key);
      }
    });
    expect(moved).toBeGreaterThan(0);
    const mergedKeys = new Set(viewColumn(merged.views.customers, 'customer_key'));
    expect(viewColumn(merged.views.reviews, 'customer_key').every((k) => k === null || mergedKeys.has(k))).toBe(true);
  });

  it('links supplier rows into products: their cost as a number, with lineage', () => {
    const { products } = merged.views;
    expect(products.rowCount).toBe(400);
    const names = products.columns.map((c) => c.name);
    expect(names).toContain('supplier_catalogue.cost');
    expect(names).toContain('supplier_catalogue.cost.currency');
    const cost = viewColumn(products, 'supplier_catalogue.cost');
    const keys = viewColumn(products, 'product_key');
    const matchedSkus = new Set(demo.truth.supplierMatches.filter((s): s is string => s !== null));
    const withCost = keys.filter((_, row) => typeof cost[row] === 'number');
    expect(new Set(withCost)).toEqual(matchedSkus);
    expect(new Set(viewColumn(products, 'supplier_catalogue.cost.currency').filter((c) => c !== null))).toEqual(new Set(['EUR', 'USD']));
    // Costs are 38..62% of the shop price per unit of the trade pack: parse, currency and link all right.
    const price = viewColumn(products, 'price');
    const pack = viewColumn(products, 'supplier_catalogue.pack_size');
    const currency = viewColumn(products, 'supplier_catalogue.cost.currency');
    const share = keys.flatMap((_, row) => {
      if (typeof cost[row] !== 'number') return [];
      const eur = (cost[row] as number) / (currency[row] === 'USD' ? demo.truth.usdPerEur : 1);
      return [eur / ((price[row] as number) * Number(pack[row]))];
    });
    expect(share.filter((x) => x >= 0.37 && x <= 0.63).length).toBe(share.length);
    // The linked row is in the lineage after the product's own row.
    const row = keys.indexOf([...matchedSkus][0]!);
    const sources = lineageOf(products, row);
    expect(sources[0]).toMatchObject({ table: 'products.json' });
    const linked = sources.find((s) => s.table === 'supplier_catalogue.csv');
    expect(linked).toBeDefined();
    expect(demo.truth.supplierMatches[linked!.row]).toBe(keys[row]);
    expect(column(demo.table('supplier_catalogue.csv'), 'supplier_item_no').values[linked!.row]).toBe(viewColumn(products, 'supplier_catalogue.supplier_item_no')[row]);
    expect(merged.report.notes.some((n) => n.includes('fuzzy'))).toBe(false);
    expect(merged.report.views.products.tables).toEqual(['products.json', 'supplier_catalogue.csv']);
    expect(merged.report.views.products.relationships).toEqual(['supplier_catalogue.csv/product_name -> products.json/title']);
  });
});
