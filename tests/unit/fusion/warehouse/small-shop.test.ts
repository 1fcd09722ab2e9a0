// A hand-made shop small enough to check every cell: mixed money formats, a line table that
// takes its time and customer from its order, and what happens without a home table.
import { describe, expect, it } from 'vitest';
import { buildWarehouse, lineageOf, viewColumn } from '../../../../src/lib/fusion/warehouse';
import { relationship, smallTable } from './fixtures';

const customers = smallTable('customers', {
  id: { role: 'customer-id', values: ['C-001', 'C-002', 'C-002'] },
  name: { role: 'name', type: 'text', values: ['Ada', 'Bo', 'Bo'] },
});
const orders = smallTable('orders', {
  order: { role: 'order-id', values: ['O-1', 'O-2', 'O-3'] },
  customer: { role: 'customer-id', values: ['1', 'c-002', 'C-404'] },
  placed: { role: 'event-time', type: 'date', values: ['2024-03-14', '03/15/2024', '1710547200000'] },
  total: { role: 'price', type: 'decimal', values: ['€1.234,50', '$12.00', '7,5 €'] },
});
const lines = smallTable('lines', {
  order: { role: 'order-id', values: ['O-1', 'O-1', 'O-2', 'O-9'] },
  sku: { role: 'product-id', values: ['P-1', 'P-2', 'P-1', 'P-1'] },
  qty: { role: 'quantity', type: 'integer', values: ['2', '1', '3', '1'] },
  unit_price: { role: 'price', type: 'decimal', values: ['600.00', '34,50', '4.00', '1.00'] },
});
const products = smallTable('products', {
  sku: { role: 'product-id', values: ['P-1', 'P-2'] },
  title: { role: 'title', type: 'text', values: ['Mug', 'Kettle'] },
});
const tables = [customers, orders, lines, products];
const relationships = [
  relationship('orders', 'customer', 'customers', 'id', 'normalised'),
  relationship('lines', 'order', 'orders', 'order'),
  relationship('lines', 'sku', 'products', 'sku'),
];

describe('warehouse of a small shop', () => {
  const warehouse = buildWarehouse(tables, relationships, { currency: 'EUR' });
  const { events, customers: customerView } = warehouse.views;
  const cells = (name: string) => viewColumn(events, name);

  it('reads mixed money formats with their currency', () => {
    expect(cells('kind').slice(0, 3)).toEqual(['order', 'order', 'order']);
    expect(cells('amount').slice(0, 3)).toEqual([1234.5, 12, 7.5]);
    expect(cells('currency').slice(0, 3)).toEqual(['EUR', 'USD', 'EUR']);
  });

  it('gives order lines the time and customer of their order, joined by normalised ids', () => {
    expect(cells('kind').slice(3)).toEqual(['order-line', 'order-line', 'order-line', 'order-line']);
    expect(cells('customer_key').slice(3)).toEqual(['C-001', 'C-001', 'C-002', null]);
    expect(cells('time').slice(3)).toEqual([Date.UTC(2024, 2, 14), Date.UTC(2024, 2, 14), Date.UTC(2024, 2, 15), null]);
    expect(cells('amount').slice(3)).toEqual([1200, 34.5, 12, 1]);
    expect(cells('unit_price')[4]).toBe(34.5);
    expect(cells('order_key').slice(3)).toEqual(['O-1', 'O-1', 'O-2', 'O-9']);
    expect(lineageOf(events, 3)).toEqual([{ table: 'lines', tableId: 'lines', row: 0 }, { table: 'orders', tableId: 'orders', row: 0 }]);
  });

  it('folds a repeated customer row and reports the keys that found nothing', () => {
    expect(customerView.rowCount).toBe(2);
    expect(lineageOf(customerView, 1).map((s) => s.row)).toEqual([1, 2]);
    const unresolved = warehouse.report.links.filter((l) => l.unresolved > 0);
    expect(unresolved.map((l) => [l.relationship, l.unresolved, l.examples])).toEqual([
      ['orders/customer -> customers/id', 1, ['404']],
      ['lines/order -> orders/order', 1, ['O-9']],
    ]);
  });

  it('ignores relationships that are not confirmed, and says what is missing', () => {
    const suggested = relationships.map((r) => ({ ...r, status: 'suggested' as const }));
    const bare = buildWarehouse(tables, suggested);
    // Lines without a confirmed product link are no facts; orders still are.
    expect(viewColumn(bare.views.events, 'kind')).toEqual(['order', 'order', 'order']);
    // With no customers table to join, orders keep the customer ids they were written with.
    expect(viewColumn(bare.views.events, 'customer_key')).toEqual(['1', 'c-002', 'C-404']);
    // With a repeated row and no confirmed link into it, `customers.id` is no longer sure to be a key.
    expect(bare.report.homes.customer).toBeNull();
    expect(bare.report.notes).toContain('No customer table found: no table has a unique customer-id column.');
    expect(bare.report.notes.some((n) => n.startsWith('lines was not used'))).toBe(true);
  });

  it('keeps the views and their columns when a home table is missing', () => {
    const noProducts = buildWarehouse([customers, orders, lines], relationships.filter((r) => r.to.table !== 'products'));
    expect(noProducts.views.products.rowCount).toBe(0);
    expect(noProducts.views.products.columns.map((c) => c.name)).toEqual(['product_key', 'title', 'category', 'price', 'description', 'currency']);
    expect(noProducts.report.notes).toContain('No product table found: no table has a unique product-id column.');
  });
});
