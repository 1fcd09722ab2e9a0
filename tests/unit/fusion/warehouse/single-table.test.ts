// Warehouses without a customer or product table: a ratings table alone (InstEval's students
// `s` rating lecturers `d`), orders that name their customer themselves, and what a rating
// column does and does not make a review.
import { describe, expect, it } from 'vitest';
import { buildWarehouse, lineageOf, planRebuild, viewColumn } from '../../../../src/lib/fusion/warehouse';
import { relationship, smallTable } from './fixtures';

const ratings = smallTable('ratings.csv', {
  s: { role: 'customer-id', type: 'integer', values: [1, 1, 2, 3, 2, 1] },
  d: { role: 'product-id', type: 'integer', values: [1002, 1050, 1002, 2001, 1050, 2001] },
  studage: { role: 'none', type: 'integer', values: [2, 2, 4, 6, 4, 2] },
  y: { role: 'rating', type: 'integer', values: [5, 2, 4, 3, 1, ' '] },
});

describe('a ratings table alone', () => {
  const warehouse = buildWarehouse([ratings], []);
  const { customers, products, events, reviews } = warehouse.views;

  it('keys every event and review by the table’s own ids', () => {
    expect(events.rowCount).toBe(6);
    expect(viewColumn(events, 'kind')).toEqual(Array(6).fill('review'));
    expect(viewColumn(events, 'customer_key')).toEqual(['1', '1', '2', '3', '2', '1']);
    expect(viewColumn(events, 'product_key')).toEqual(['1002', '1050', '1002', '2001', '1050', '2001']);
    expect(viewColumn(reviews, 'customer_key')).toEqual(['1', '1', '2', '3', '2', '1']);
    expect(viewColumn(reviews, 'product_key')).toEqual(['1002', '1050', '1002', '2001', '1050', '2001']);
    expect(viewColumn(reviews, 'rating')).toEqual([5, 2, 4, 3, 1, null]);
  });

  it('builds customers and products from the distinct ids, with lineage to the rows naming them', () => {
    expect(viewColumn(customers, 'customer_key')).toEqual(['1', '2', '3']);
    expect(viewColumn(products, 'product_key')).toEqual(['1002', '1050', '2001']);
    expect(customers.columns.map((c) => c.name)).toEqual(['customer_key', 'name', 'email', 'country', 'city', 'first_seen']);
    expect(products.columns.map((c) => c.name)).toEqual(['product_key', 'title', 'category', 'price', 'description', 'currency']);
    expect(lineageOf(customers, 0)).toEqual([0, 1, 5].map((row) => ({ table: 'ratings.csv', tableId: 'ratings.csv', row })));
    expect(lineageOf(products, 2).map((s) => s.row)).toEqual([3, 5]);
    expect(warehouse.report.views.customers.tables).toEqual(['ratings.csv']);
  });

  it('says where the keys came from, and has no home table', () => {
    expect(warehouse.report.homes).toEqual({ customer: null, product: null });
    expect(warehouse.report.notes).toContain('The customers view lists the distinct customer-id values of ratings.csv.');
    expect(warehouse.report.notes).toContain('The products view lists the distinct product-id values of ratings.csv.');
  });

  it('gives a customer the earliest time of their facts as first_seen', () => {
    const timed = smallTable('ratings.csv', { ...Object.fromEntries(ratings.columns.map((c) => [c.name, c])), at: { role: 'event-time', type: 'date', values: ['2024-03-02', '2024-03-01', '2024-05-01', '', '2024-04-01', '2024-02-01'] } });
    const built = buildWarehouse([timed], []);
    expect(viewColumn(built.views.customers, 'first_seen')).toEqual([Date.UTC(2024, 1, 1), Date.UTC(2024, 3, 1), null]);
  });

  it('rebuilds customers and products when the ratings change', () => {
    const first = buildWarehouse([ratings], [], { versions: { 'ratings.csv': 'v1' } });
    expect(planRebuild(first.manifest, [ratings], [], { versions: { 'ratings.csv': 'v1' } }).rebuild).toEqual([]);
    expect(planRebuild(first.manifest, [ratings], [], { versions: { 'ratings.csv': 'v2' } }).rebuild).toEqual(['customers', 'products', 'events', 'reviews']);
  });
});

describe('orders that name their customer, without a customers table', () => {
  const orders = smallTable('orders', {
    order: { role: 'order-id', values: ['O-1', 'O-2', 'O-3'] },
    customer: { role: 'customer-id', values: ['C-7', 'C-8', 'C-7'] },
    placed: { role: 'event-time', type: 'date', values: ['2024-03-14', '2024-03-15', '2024-03-16'] },
  });
  const lines = smallTable('lines', {
    order: { role: 'order-id', values: ['O-1', 'O-1', 'O-3'] },
    sku: { role: 'product-id', values: ['P-1', 'P-2', 'P-1'] },
  });
  const products = smallTable('products', {
    sku: { role: 'product-id', values: ['P-1', 'P-2'] },
    title: { role: 'title', type: 'text', values: ['Mug', 'Kettle'] },
  });
  const warehouse = buildWarehouse([orders, lines, products], [relationship('lines', 'order', 'orders', 'order'), relationship('lines', 'sku', 'products', 'sku')]);
  const { events, customers } = warehouse.views;

  it('gives lines the customer id of their order', () => {
    expect(viewColumn(events, 'kind')).toEqual(['order', 'order', 'order', 'order-line', 'order-line', 'order-line']);
    expect(viewColumn(events, 'customer_key')).toEqual(['C-7', 'C-8', 'C-7', 'C-7', 'C-7', 'C-7']);
    expect(viewColumn(events, 'product_key').slice(3)).toEqual(['P-1', 'P-2', 'P-1']);
  });

  it('lists each customer once, with lineage to the order rows that name them', () => {
    expect(viewColumn(customers, 'customer_key')).toEqual(['C-7', 'C-8']);
    expect(viewColumn(customers, 'first_seen')).toEqual([Date.UTC(2024, 2, 14), Date.UTC(2024, 2, 15)]);
    expect(lineageOf(customers, 0)).toEqual([0, 2].map((row) => ({ table: 'orders', tableId: 'orders', row })));
    // The products table is still the products view's home.
    expect(warehouse.report.homes.product).toEqual({ table: 'products', column: 'sku' });
    expect(viewColumn(warehouse.views.products, 'title')).toEqual(['Mug', 'Kettle']);
  });
});

describe('what a rating column makes of a table', () => {
  it('leaves a catalogue with average stars a product home', () => {
    const catalogue = smallTable('catalogue', {
      sku: { role: 'product-id', values: ['P-1', 'P-2'] },
      title: { role: 'title', type: 'text', values: ['Mug', 'Kettle'] },
      stars: { role: 'rating', type: 'float', values: [4.5, 3.9] },
    });
    const reviews = smallTable('reviews', {
      sku: { role: 'product-id', values: ['P-2', 'P-2'] },
      text: { role: 'review-text', type: 'text', values: ['Boils fast', 'Loud'] },
    });
    const built = buildWarehouse([catalogue, reviews], [relationship('reviews', 'sku', 'catalogue', 'sku')]);
    expect(built.report.homes.product).toEqual({ table: 'catalogue', column: 'sku' });
    expect(built.report.facts).toEqual([{ table: 'reviews', kind: 'review' }]);
    expect(viewColumn(built.views.products, 'stars')).toEqual([4.5, 3.9]);
  });

  it('makes no reviews of scores that name no customer or product', () => {
    const survey = smallTable('survey', { respondent: { values: ['r1', 'r2'] }, score: { role: 'rating', type: 'integer', values: [3, 5] } });
    const built = buildWarehouse([survey], []);
    expect(built.report.facts).toEqual([]);
    expect(built.views.reviews.rowCount).toBe(0);
    expect(built.report.notes.some((n) => n.startsWith('survey was not used'))).toBe(true);
  });
});
