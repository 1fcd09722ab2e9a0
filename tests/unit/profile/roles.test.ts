import { describe, expect, it } from 'vitest';
import { inferType, nameTokens, suggestRoles, type Role } from '../../../src/lib/profile';
import type { CellValue } from '../../../src/lib/store';

function top(name: string, values: readonly CellValue[]): Role {
  const counts = new Map<string, number>();
  for (const v of values) if (v !== null) counts.set(String(v), (counts.get(String(v)) ?? 0) + 1);
  const topValues = [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count).slice(0, 10);
  return suggestRoles({ name, inference: inferType(name, values), topValues })[0]!.role;
}

const ids = (prefix: string, n = 50): string[] => Array.from({ length: n }, (_, i) => `${prefix}-${String(i + 1).padStart(5, '0')}`);

describe('nameTokens', () => {
  it('splits every casing convention', () => {
    expect(nameTokens('CustomerID')).toEqual(['customer', 'id']);
    expect(nameTokens('customer_id')).toEqual(['customer', 'id']);
    expect(nameTokens('customerid')).toEqual(['customer', 'id']);
    expect(nameTokens('custId')).toEqual(['cust', 'id']);
    expect(nameTokens('Unit Price (EUR)')).toEqual(['unit', 'price', 'eur']);
    expect(nameTokens('price.amount')).toEqual(['price', 'amount']);
    expect(nameTokens('HTTPStatusCode')).toEqual(['http', 'status', 'code']);
  });
});

describe('suggestRoles', () => {
  it('finds entity ids under many names', () => {
    for (const name of ['customer_id', 'CustomerID', 'cust', 'client_no', 'user_id', 'buyer', 'KundenNr', 'member_id']) {
      expect(top(name, ids('C')), name).toBe('customer-id');
    }
    for (const name of ['product_id', 'sku', 'SKU', 'item_no', 'ArticleNumber', 'asin', 'clicked_product']) {
      expect(top(name, ids('P')), name).toBe('product-id');
    }
    for (const name of ['order_id', 'OrderID', 'order', 'transaction_id', 'invoice_no']) {
      expect(top(name, ids('O')), name).toBe('order-id');
    }
  });

  it('does not take measures of an entity for its id', () => {
    expect(top('min_order_qty', ['1', '2', '5', '10', '2'])).toBe('quantity');
    expect(top('customer_name', ['Ann Lee', 'Bo Chan', 'Cy Diaz'])).toBe('name');
    expect(top('order_date', ['2023-01-06', '2023-01-07'])).toBe('event-time');
    expect(top('order_total', ['€12.50', '€3.99'])).toBe('price');
  });

  it('finds measures and texts', () => {
    expect(top('stars', ['1', '5', '4', '3', '5', '2'])).toBe('rating');
    expect(top('score', ['7', '10', '3', '8'])).toBe('rating');
    expect(top('qty', ['1', '2', '1', '3'])).toBe('quantity');
    expect(top('unit_price', ['12.50', '3.99'])).toBe('price');
    expect(top('Preis', ['12,50 €', '3,99 €'])).toBe('price');
    expect(top('amount', ['$5.00', '$7.25'])).toBe('price');
    expect(top('created_at', ['2023-01-21T19:44:59Z', '2023-01-22T08:00:00Z'])).toBe('event-time');
    const longText = Array.from({ length: 30 }, (_, i) => `The beans arrived fresh and the taste was lovely, batch ${i}.`);
    expect(top('review_text', longText)).toBe('review-text');
    expect(top('comment', longText)).toBe('review-text');
    expect(top('description', longText)).toBe('description');
    expect(top('search_term', ['coffee', 'green tea', 'mug 450ml', 'coffee'])).toBe('query-text');
    expect(top('category', ['Tea', 'Coffee', 'Tea', 'Snacks', 'Tea'])).toBe('category');
    expect(top('title', ['Great!', 'Perfect', 'Great!', 'Meh'])).toBe('title');
    expect(top('product_name', ['Kenya Coffee Beans 1kg', 'Green Tea 50g', 'Mug'])).toBe('title');
    expect(top('email', ['a@b.com', 'c@d.org'])).toBe('email');
    expect(top('full_name', ['Ann Lee', 'Bo Chan', 'Cy Diaz'])).toBe('name');
    expect(top('country', ['Germany', 'DE', 'France', 'Germany'])).toBe('country');
    expect(top('land', ['Deutschland', 'Österreich', 'Schweiz', 'Deutschland'])).toBe('country');
    expect(top('city', ['Berlin', 'Munich', 'Berlin'])).toBe('city');
  });

  it('suggests a rating only when the name says so, not for any small whole numbers', () => {
    // margarine purchases.csv: `choice` is the index (1..10) of the brand bought.
    const choice = Array.from({ length: 300 }, (_, i) => String(1 + ((i * 7) % 10)));
    const ranked = suggestRoles({ name: 'choice', inference: inferType('choice', choice), topValues: [] });
    expect(ranked[0]!.role).toBe('none');
    // Still offered as a runner-up, below none.
    expect(ranked.find((r) => r.role === 'rating')!.score).toBeLessThan(ranked[0]!.score);
    const stars = Array.from({ length: 300 }, (_, i) => String(1 + ((i * 3) % 5)));
    for (const name of ['stars', 'rating', 'review_score', 'Rating']) expect(top(name, stars), name).toBe('rating');
  });

  it('takes no money of a person for a price', () => {
    // margarine households.csv: `Income` in thousands of dollars.
    const income = Array.from({ length: 100 }, (_, i) => ['32.5', '17.5', '62.5', '8', '130'][i % 5]!);
    expect(top('Income', income)).toBe('none');
    expect(inferType('Income', income).type).toBe('float');
    expect(top('salary', ['$52,000.00', '$61,500.00', '$48,250.00'])).toBe('none');
    expect(top('annual_income', ['€32,500', '€41,000'])).toBe('none');
    expect(top('total', ['12.50', '3.99', '7.25'])).toBe('price');
    expect(top('cost', ['12.50', '3.99', '7.25'])).toBe('price');
  });

  it('does not take a class label for a title', () => {
    // SpamAssassin emails.csv: `label` is spam or ham.
    const labels = Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 'spam' : 'ham'));
    expect(top('label', labels)).toBe('none');
    expect(suggestRoles({ name: 'label', inference: inferType('label', labels), topValues: [] }).some((r) => r.role === 'title')).toBe(false);
    expect(top('headline', ['Great!', 'Perfect', 'Great!', 'Meh'])).toBe('title');
  });

  it('ranks with scores and reasons, and says none when nothing fits', () => {
    const ranked = suggestRoles({ name: 'customer_id', inference: inferType('customer_id', ids('C')), topValues: [] });
    expect(ranked[0]).toMatchObject({ role: 'customer-id', score: 1 });
    expect(ranked[0]!.because).toContain('customer');
    expect(ranked.some((r) => r.role === 'none')).toBe(true);
    expect(ranked.map((r) => r.score)).toEqual([...ranked.map((r) => r.score)].sort((a, b) => b - a));
    expect(top('session_id', ids('s'))).toBe('none');
    expect(top('status', ['delivered', 'returned', 'delivered'])).toBe('none');
  });
});
