// The planted patterns (bundles, seasonality, anomaly week, segment preferences) must be visible to the
// plain analyses a user would run on the files.
import { describe, expect, it } from 'vitest';
import { demoMainCategories } from '../../../src/lib/demo';
import { defaultShop, normaliseCustomerId, parseAnyDate, rows } from './shop-fixture';

describe('planted patterns', () => {
  const parsed = defaultShop();
  const { truth } = parsed.shop;
  const orders = [...new Map(rows(parsed, 'orders.csv').map((o) => [o.order_id ?? '', o])).values()];
  const lines = rows(parsed, 'order_lines.csv');
  const basket = new Map<string, Set<string>>();
  for (const l of lines) {
    if (l.product_sku === '') continue;
    const set = basket.get(l.order_id ?? '') ?? new Set<string>();
    set.add(l.product_sku ?? '');
    basket.set(l.order_id ?? '', set);
  }
  const baskets = [...basket.values()];
  const countWith = (skus: string[]): number => baskets.filter((b) => skus.every((s) => b.has(s))).length;

  it('plants 2-3 bundles whose items are bought together far above chance', () => {
    expect(truth.bundles.length).toBeGreaterThanOrEqual(2);
    expect(truth.bundles.length).toBeLessThanOrEqual(3);
    const n = baskets.length;
    for (const { skus } of truth.bundles) {
      const together = countWith(skus);
      expect(together / n).toBeGreaterThan(0.02); // support
      const [a = '', b = ''] = skus;
      const lift = (countWith([a, b]) / n) / ((countWith([a]) / n) * (countWith([b]) / n));
      expect(lift).toBeGreaterThan(5);
      expect(countWith([a, b]) / countWith([a])).toBeGreaterThan(0.3); // confidence a -> b
    }
  });

  it('makes bundle pairs the most frequent product pairs', () => {
    const pairCounts = new Map<string, number>();
    for (const b of baskets) {
      const skus = [...b].sort();
      for (let i = 0; i < skus.length; i++) {
        for (let j = i + 1; j < skus.length; j++) {
          const key = `${skus[i]}|${skus[j]}`;
          pairCounts.set(key, (pairCounts.get(key) ?? 0) + 1);
        }
      }
    }
    const bundlePairs = new Set(truth.bundles.flatMap(({ skus }) =>
      skus.flatMap((a, i) => skus.slice(i + 1).map((b) => [a, b].sort().join('|')))));
    const top = [...pairCounts].sort((x, y) => y[1] - x[1]).slice(0, bundlePairs.size);
    for (const [pair] of top) expect(bundlePairs.has(pair)).toBe(true);
  });

  const days = orders.map((o) => parseAnyDate(o.order_date ?? ''));

  it('has weekly and yearly seasonality', () => {
    const byWeekday = new Array<number>(7).fill(0);
    const byMonth = new Array<number>(13).fill(0);
    for (const d of days) {
      byWeekday[new Date(`${d}T00:00:00Z`).getUTCDay()]! += 1; // 0 = Sunday
      byMonth[Number(d.slice(5, 7))]! += 1;
    }
    expect(byWeekday[0]! / byWeekday[2]!).toBeGreaterThan(1.2); // Sunday vs Tuesday
    expect(truth.seasonality.peakMonth).toBe(12);
    expect(byMonth.indexOf(Math.max(...byMonth))).toBe(12);
    expect(byMonth[12]! / byMonth[7]!).toBeGreaterThan(1.5);
    expect(truth.seasonality.weekdayWeights).toHaveLength(7);
  });

  it('has one anomalous week', () => {
    const { start, end, multiplier } = truth.seasonality.anomalyWeek;
    expect(new Date(`${start}T00:00:00Z`).getUTCDay()).toBe(1); // a Monday
    expect(multiplier).toBeGreaterThan(1);
    const inWeek = days.filter((d) => d >= start && d <= end).length;
    // Compare with the eight weeks around it.
    const startMs = Date.parse(`${start}T00:00:00Z`);
    const weekCounts: number[] = [];
    for (const offset of [-4, -3, -2, -1, 1, 2, 3, 4]) {
      const from = new Date(startMs + offset * 7 * 86_400_000).toISOString().slice(0, 10);
      const to = new Date(startMs + (offset * 7 + 6) * 86_400_000).toISOString().slice(0, 10);
      weekCounts.push(days.filter((d) => d >= from && d <= to).length);
    }
    const meanAround = weekCounts.reduce((a, b) => a + b, 0) / weekCounts.length;
    expect(inWeek).toBeGreaterThan(2 * meanAround);
    expect(inWeek).toBeGreaterThan(Math.max(...weekCounts));
  });

  it('gives segments their own category preferences', () => {
    const customerOf = new Map(orders.map((o) => [o.order_id ?? '', normaliseCustomerId(o.CustomerID ?? '')]));
    const mainOf = new Map(parsed.products.map((p) => [String(p['sku']), (p['category'] as { main: string }).main]));
    const counts = new Map<string, Map<string, number>>();
    for (const l of lines) {
      const segment = truth.segments.byCustomer[customerOf.get(l.order_id ?? '') ?? ''];
      const main = mainOf.get(l.product_sku ?? '');
      if (segment === undefined || main === undefined) continue;
      const m = counts.get(segment) ?? new Map<string, number>();
      m.set(main, (m.get(main) ?? 0) + 1);
      counts.set(segment, m);
    }
    for (const [segment, prefs] of Object.entries(truth.segments.preferences)) {
      const observed = counts.get(segment);
      expect(observed).toBeDefined();
      const total = [...(observed?.values() ?? [])].reduce((a, b) => a + b, 0);
      for (const main of demoMainCategories) {
        const share = (observed?.get(main) ?? 0) / total;
        expect(Math.abs(share - prefs[main])).toBeLessThan(0.08);
      }
    }
    expect(Object.keys(truth.segments.byCustomer)).toHaveLength(rows(parsed, 'customers.csv').length);
  });
});
