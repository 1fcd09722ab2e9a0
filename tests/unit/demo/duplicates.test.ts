import { describe, expect, it } from 'vitest';
import { defaultShop, parseAnyDate, rows, type Row } from './shop-fixture';

function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

const clean = (s: string | undefined): string => (s ?? '').trim().toLowerCase().replace(/\s+/g, ' ');

describe('duplicate customers', () => {
  const parsed = defaultShop();
  const byId = new Map(rows(parsed, 'customers.csv').map((r) => [r.customer_id ?? '', r]));
  const clusters = parsed.shop.truth.duplicateCustomers;

  it('plants about 3% re-registrations', () => {
    const extra = clusters.reduce((n, c) => n + c.length - 1, 0);
    expect(extra).toBe(Math.round(2000 * 0.03));
    expect(new Set(clusters.flat()).size).toBe(clusters.flat().length);
  });

  it('makes each cluster a near-duplicate: similar name, one shared contact detail, something changed', () => {
    for (const ids of clusters) {
      const [first, ...others] = ids.map((id) => byId.get(id)) as Row[];
      expect(first).toBeDefined();
      for (const other of others) {
        expect(levenshtein(clean(first?.name), clean(other.name))).toBeLessThanOrEqual(2);
        const shared = (['email', 'phone', 'city'] as const).filter(
          (k) => clean(first?.[k]) !== '' && clean(first?.[k]) === clean(other[k]),
        );
        expect(shared.length).toBeGreaterThanOrEqual(1);
        const changed = (['name', 'email', 'phone', 'city'] as const).some((k) => clean(first?.[k]) !== clean(other[k]));
        expect(changed).toBe(true);
        // The original registered first.
        expect(parseAnyDate(other.signup_date ?? '') >= parseAnyDate(first?.signup_date ?? '')).toBe(true);
      }
    }
  });

  it('keeps the same behavioural segment across a cluster', () => {
    const segments = parsed.shop.truth.segments.byCustomer;
    for (const ids of clusters) expect(new Set(ids.map((id) => segments[id])).size).toBe(1);
  });

  it('is not a trivial match: most pairs differ beyond case and spacing', () => {
    const pairs = clusters.map(([a, b]) => [byId.get(a ?? ''), byId.get(b ?? '')] as const);
    const differentName = pairs.filter(([a, b]) => clean(a?.name) !== clean(b?.name)).length;
    expect(differentName / pairs.length).toBeGreaterThan(0.5);
  });
});

describe('duplicate order rows', () => {
  it('repeats exactly the listed order rows, verbatim', () => {
    const parsed = defaultShop();
    const counts = new Map<string, { n: number; rows: Set<string> }>();
    for (const r of rows(parsed, 'orders.csv')) {
      const entry = counts.get(r.order_id ?? '') ?? { n: 0, rows: new Set<string>() };
      entry.n++;
      entry.rows.add(JSON.stringify(r));
      counts.set(r.order_id ?? '', entry);
    }
    const repeated = [...counts].filter(([, e]) => e.n > 1);
    expect(repeated.map(([id]) => id).sort()).toEqual([...parsed.shop.truth.duplicateOrderRows].sort());
    expect(repeated.length).toBeGreaterThan(5);
    for (const [, e] of repeated) expect(e.rows.size).toBe(1);
  });
});
