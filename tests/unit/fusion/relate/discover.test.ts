import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../src/lib/errors';
import { describeRelationship, discoverRelationships, relateOptions } from '../../../../src/lib/fusion/relate';
import { column, randomInts, range, table } from './fixtures';

const pick = randomInts(11);
const customerId = (n: number): string => `C-${String(n).padStart(5, '0')}`;

const customers = table('customers.csv', [
  column('customer_id', 'identifier', 'customer-id', range(300, (i) => customerId(i + 1))),
  column('name', 'text', 'name', range(300, (i) => `Person ${i}`)),
]);
// Orders write customer ids three ways; quantities and stars are small integers that fit
// inside every dense range of ids.
const orders = table('orders.csv', [
  column('order_id', 'identifier', 'order-id', range(2000, (i) => `O-${100_000 + i}`)),
  column('CustomerID', 'identifier', 'customer-id', range(2000, () => {
    const n = 1 + pick(300);
    const style = pick(3);
    return style === 0 ? customerId(n) : style === 1 ? customerId(n).toLowerCase() : String(n);
  })),
  column('quantity', 'integer', 'quantity', range(2000, () => 1 + pick(5))),
  column('stars', 'integer', 'rating', range(2000, () => 1 + pick(5))),
  column('helpful_votes', 'integer', 'none', range(2000, () => pick(40))),
]);
// A lookup table keyed by plain numbers 1..50.
const items = table('items.csv', [
  column('item_no', 'integer', 'none', range(50, (i) => i + 1)),
  column('label', 'text', 'title', range(50, (i) => `Item ${i}`)),
]);
const reviews = table('reviews.csv', [
  column('rating', 'integer', 'rating', range(500, () => 1 + pick(5))),
  column('order', 'identifier', 'order-id', range(500, () => `O-${100_000 + pick(2000)}`)),
]);
const profiles = table('profiles.csv', [
  column('customer_id', 'identifier', 'customer-id', range(200, (i) => customerId(i + 51))),
]);

describe('discoverRelationships', () => {
  const found = discoverRelationships([customers, orders, items, reviews, profiles]);
  const byId = new Map(found.map((r) => [r.id, r]));

  it('links orders to customers through normalised ids, many to one', () => {
    const r = byId.get('orders.csv/CustomerID -> customers.csv/customer_id');
    expect(r).toMatchObject({ cardinality: 'n:1', keyMatch: 'normalised', containment: 1, reverseContainment: 1, status: 'suggested' });
    expect(r!.score).toBeGreaterThan(0.8);
    expect(r!.examples.length).toBe(3);
    expect(r!.examples[0]!.from).not.toBe(r!.examples[0]!.to);
    expect(r!.evidence[0]).toMatch(/^100% of orders\.csv\/CustomerID values appear in customers\.csv\/customer_id after ignoring case, id prefixes and leading zeros; \d+% as written\.$/);
  });

  it('links an exact foreign key and a one-to-one extension table', () => {
    expect(byId.get('reviews.csv/order -> orders.csv/order_id')).toMatchObject({ cardinality: 'n:1', keyMatch: 'exact', containment: 1 });
    expect(byId.get('profiles.csv/customer_id -> customers.csv/customer_id')).toMatchObject({ cardinality: '1:1', keyMatch: 'exact', containment: 1 });
  });

  // Not orders -> profiles either: CustomerID lies two thirds inside profiles only because
  // profiles is a subset of customers, which holds all of it.
  it('suggests nothing else: small integers fit inside dense ids only by coincidence', () => {
    expect([...byId.keys()].sort()).toEqual([
      'orders.csv/CustomerID -> customers.csv/customer_id',
      'profiles.csv/customer_id -> customers.csv/customer_id',
      'reviews.csv/order -> orders.csv/order_id',
    ]);
    const quantities = discoverRelationships([orders, items, reviews], { minScore: 0.1 });
    expect(quantities.filter((r) => /quantity|stars|rating|helpful/.test(r.id))).toEqual([]);
  });

  it('ranks best first and is deterministic', () => {
    expect(found.map((r) => r.score)).toEqual([...found.map((r) => r.score)].sort((a, b) => b - a));
    expect(discoverRelationships([customers, orders, items, reviews, profiles])).toEqual(found);
  });

  it('finds sequential integer keys when the names agree, and not when they do not', () => {
    const members = table('members.csv', [column('member_id', 'integer', 'customer-id', range(300, (i) => i + 1))]);
    const payments = table('payments.csv', [
      column('member_id', 'integer', 'customer-id', range(3000, () => String(1 + pick(300)))),
      column('units', 'integer', 'quantity', range(3000, () => String(1 + pick(40)))),
    ]);
    const links = discoverRelationships([members, payments]);
    expect(links.map((r) => [r.id, r.cardinality, r.keyMatch])).toEqual([['payments.csv/member_id -> members.csv/member_id', 'n:1', 'exact']]);
    expect(links[0]!.evidence.some((s) => s.includes('by coincidence'))).toBe(true);
  });

  it('keeps ids with different prefixes apart', () => {
    const products = table('products.csv', [column('sku', 'identifier', 'product-id', range(300, (i) => `P-${String(i + 1).padStart(4, '0')}`))]);
    const links = discoverRelationships([customers, products, orders], { minScore: 0.01 });
    expect(links.filter((r) => /customer/i.test(r.from.column) && r.to.table === 'products.csv')).toEqual([]);
    expect(links.filter((r) => r.from.table === 'products.csv')).toEqual([]);
  });
});

describe('describeRelationship', () => {
  it('measures a pair the user drew, as drawn, without thresholds', () => {
    const r = describeRelationship([orders, items], { table: 'orders.csv', column: 'quantity' }, { table: 'items.csv', column: 'item_no' });
    expect(r).toMatchObject({ id: 'orders.csv/quantity -> items.csv/item_no', containment: 1, cardinality: 'n:1', keyMatch: 'exact', status: 'confirmed' });
    expect(r.score).toBeLessThan(0.2);
    expect(r.evidence.join(' ')).toContain('by coincidence');
  });

  it('says which column it could not find', () => {
    try {
      describeRelationship([orders], { table: 'orders.csv', column: 'nope' }, { table: 'orders.csv', column: 'order_id' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('not-found');
    }
  });
});

describe('relateOptions', () => {
  it('refuses unknown keys and wrong types', () => {
    expect(relateOptions({ minScore: 0.3 }).minScore).toBe(0.3);
    expect(() => relateOptions({ minScroe: 0.3 } as never)).toThrow(AppError);
    expect(() => relateOptions({ fuzzy: 'yes' } as never)).toThrow(/must be a boolean/);
  });
});
