import { describe, expect, it } from 'vitest';
import { demoTables } from './demo-tables';

describe('demo shop as fusion tables', () => {
  it('reads every demo file with types and roles', async () => {
    const { tables, table } = await demoTables();
    expect(tables.map((t) => t.name).sort()).toEqual(['customers.csv', 'order_lines.csv', 'orders.csv', 'products.json', 'reviews.ndjson', 'search_log.csv', 'supplier_catalogue.csv']);
    const orders = table('orders.csv');
    const customerId = orders.columns.find((c) => c.name === 'CustomerID');
    expect(customerId?.role).toBe('customer-id');
    expect(customerId?.values.length).toBe(orders.rowCount);
  });
});
