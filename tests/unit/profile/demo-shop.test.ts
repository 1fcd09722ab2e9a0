import { describe, expect, it } from 'vitest';
import { assessQuality, bestRole, type ColumnProfile, type InferredType, type Role } from '../../../src/lib/profile';
import { profiledShop } from './demo-fixture';

// Hand-labelled meaning of every demo column: the answer key for type inference and roles.
const categorical = (names: string[]): Record<string, [InferredType, Role]> => Object.fromEntries(names.map((n) => [n, ['categorical', 'none']]));
const expected: Record<string, Record<string, [InferredType, Role]>> = {
  'customers.csv': {
    customer_id: ['identifier', 'customer-id'], name: ['text', 'name'], email: ['email', 'email'], phone: ['phone', 'none'],
    city: ['categorical', 'city'], country: ['categorical', 'country'], signup_date: ['date', 'event-time'],
    segment: ['categorical', 'category'], marketing_opt_in: ['boolean', 'none'],
  },
  'products.json': {
    sku: ['identifier', 'product-id'], title: ['text', 'title'], 'category.main': ['categorical', 'category'],
    'category.sub': ['categorical', 'category'], 'price.amount': ['decimal', 'price'], 'price.currency': ['categorical', 'none'],
    description: ['text', 'description'], active: ['boolean', 'none'], 'attributes.caffeinated': ['boolean', 'none'],
    'attributes.dishwasher_safe': ['boolean', 'none'], 'attributes.weight_g': ['integer', 'none'], 'attributes.capacity_ml': ['integer', 'none'],
    'attributes.count': ['integer', 'quantity'], 'attributes.dimensions_cm.w': ['integer', 'none'], 'attributes.dimensions_cm.h': ['integer', 'none'],
    'attributes.dimensions_cm.d': ['integer', 'none'],
    ...categorical(['origin', 'form', 'tags', 'grade', 'variety', 'roast', 'cocoa', 'flavour', 'kind', 'size', 'fruit', 'print', 'colour', 'sizes', 'style', 'material', 'blend', 'nut'].map((a) => `attributes.${a}`)),
  },
  'supplier_catalogue.csv': {
    supplier_item_no: ['identifier', 'product-id'], product_name: ['text', 'title'], pack_size: ['integer', 'quantity'],
    cost: ['decimal', 'price'], min_order_qty: ['integer', 'quantity'], notes: ['categorical', 'none'],
  },
  'orders.csv': {
    order_id: ['identifier', 'order-id'], CustomerID: ['identifier', 'customer-id'], order_date: ['date', 'event-time'],
    total: ['decimal', 'price'], status: ['categorical', 'none'], channel: ['categorical', 'none'],
  },
  'order_lines.csv': {
    order_id: ['identifier', 'order-id'], product_sku: ['identifier', 'product-id'], quantity: ['integer', 'quantity'], unit_price: ['decimal', 'price'],
  },
  'reviews.ndjson': {
    review_id: ['identifier', 'none'], product: ['identifier', 'product-id'], customer: ['identifier', 'customer-id'], stars: ['integer', 'rating'],
    title: ['text', 'title'], text: ['text', 'review-text'], created_at: ['datetime', 'event-time'], 'helpful.up': ['integer', 'none'],
    'helpful.down': ['integer', 'none'], verified_purchase: ['boolean', 'none'],
  },
  'search_log.csv': {
    timestamp: ['datetime', 'event-time'], session_id: ['identifier', 'none'], query: ['text', 'query-text'], clicked_product: ['identifier', 'product-id'],
  },
};

const { shop, files } = profiledShop();
const column = (file: string, name: string): ColumnProfile => {
  const found = files[file]?.profile.columns.find((c) => c.name === name);
  if (!found) throw new Error(`no ${file} ${name}`);
  return found;
};
const issuesOf = (file: string) => assessQuality(files[file]!.batch, files[file]!.profile, { now: Date.UTC(2030, 0, 1) });

describe('the demo shop, profiled', () => {
  it('infers the labelled type and role of (nearly) every column', () => {
    const misses: string[] = [];
    let total = 0;
    let typeHits = 0;
    let roleHits = 0;
    for (const [file, columns] of Object.entries(expected)) {
      expect(files[file]!.profile.columns.map((c) => c.name).sort()).toEqual(Object.keys(columns).sort());
      for (const [name, [type, role]] of Object.entries(columns)) {
        const p = column(file, name);
        total++;
        if (p.inference.type === type) typeHits++;
        else misses.push(`${file} ${name}: type ${p.inference.type}, expected ${type}`);
        if (bestRole(p) === role) roleHits++;
        else misses.push(`${file} ${name}: role ${bestRole(p)}, expected ${role}`);
      }
    }
    expect(misses).toEqual([]);
    expect(typeHits / total).toBe(1);
    expect(roleHits / total).toBe(1);
  });

  it('reads customer ids as identifiers with the customer-id role', () => {
    const id = column('customers.csv', 'customer_id');
    expect(id.inference.type).toBe('identifier');
    expect(bestRole(id)).toBe('customer-id');
    expect(id.distinct).toEqual({ value: 2000, exact: true });
    expect(id.patterns[0]).toEqual({ value: 'A-99999', count: 2000 });
    const ref = column('orders.csv', 'CustomerID');
    expect([ref.inference.type, bestRole(ref)]).toEqual(['identifier', 'customer-id']);
  });

  it('reads signup_date as a date in three formats and flags them', () => {
    const signup = column('customers.csv', 'signup_date');
    expect(signup.inference.type).toBe('date');
    expect(signup.formats.map((f) => f.value).sort()).toEqual(['D MMM YYYY', 'MM/DD/YYYY', 'YYYY-MM-DD']);
    expect(signup.invalid.count).toBe(0);
    const issue = issuesOf('customers.csv').find((i) => i.id === 'inconsistent-formats:signup_date');
    expect(issue?.fix).toEqual({ op: 'parse-dates', column: 'signup_date', dayFirst: false, epoch: false });
  });

  it('parses order totals written five ways, and epoch-ms order dates', () => {
    const total = column('orders.csv', 'total');
    expect(total.inference.type).toBe('decimal');
    expect(total.numeric!.currencies.map((c) => c.value)).toEqual(['EUR', 'USD']);
    expect(total.numeric!.count).toBe(total.count - total.missing);
    expect(total.invalid.count).toBe(0);
    const date = column('orders.csv', 'order_date');
    expect(date.inference.parse.epoch).toBe(true);
    expect(date.formats.map((f) => f.value)).toContain('epoch-ms');
    expect(date.invalid.count).toBe(0);
    expect(date.dates!.min.slice(0, 4)).toBe('2023');
    const issues = issuesOf('orders.csv').map((i) => i.id);
    expect(issues).toEqual(expect.arrayContaining(['inconsistent-formats:total', 'mixed-currencies:total', 'inconsistent-formats:order_date', 'inconsistent-categories:status']));
  });

  it('finds the planted duplicate order rows exactly', () => {
    const duplicates = issuesOf('orders.csv').find((i) => i.kind === 'duplicate-rows');
    expect(duplicates?.count).toBe(shop.truth.duplicateOrderRows.length);
  });

  it('reads review stars as ratings and review text as review text', () => {
    const stars = column('reviews.ndjson', 'stars');
    expect([stars.inference.type, bestRole(stars)]).toEqual(['integer', 'rating']);
    expect(stars.numeric).toMatchObject({ min: 1, max: 5 });
    expect(stars.numeric!.histogram.map((b) => b.lower)).toEqual([1, 2, 3, 4, 5]);
    const text = column('reviews.ndjson', 'text');
    expect([text.inference.type, bestRole(text)]).toEqual(['text', 'review-text']);
  });

  it('notices the catalogue prices stored as text', () => {
    const issue = issuesOf('products.json').find((i) => i.id === 'mixed-types:price.amount');
    expect(issue?.count).toBeGreaterThan(0);
    expect(issue?.fix).toMatchObject({ op: 'normalize-currency', column: 'price.amount' });
  });

  it('flags the case and space variants the export introduced', () => {
    const ids = issuesOf('customers.csv').map((i) => i.id);
    expect(ids).toEqual(expect.arrayContaining(['inconsistent-categories:country', 'inconsistent-categories:segment', 'stray-whitespace:name']));
  });
});
