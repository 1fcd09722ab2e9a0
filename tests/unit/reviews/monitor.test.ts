import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/lib/ml/train/rng';
import { monitorSentiment } from '../../../src/lib/reviews/monitor';
import { binomialUpperTail, normalUpperTail, poissonUpperTail, twoProportionZ, wilsonInterval } from '../../../src/lib/reviews/monitor-stats';

// Monitoring on generated reviews over two years: 6 products at a 15% negative rate, December
// twice as busy (at the same rate), and optionally a planted spike: 25 extra reviews of P2 in
// May 2024, 80% negative. The spike must be found, at the product and its category; without it,
// and through the busy Decembers, nothing may alert.

function generated(spike: boolean, seed: number) {
  const rng = new Rng(seed);
  const times: string[] = [];
  const negative: number[] = [];
  const product: string[] = [];
  const category: string[] = [];
  const add = (p: number, ms: number, rate: number) => {
    times.push(new Date(ms).toISOString());
    negative.push(rng.next() < rate ? 1 : 0);
    product.push(`P${p}`);
    category.push(p <= 3 ? 'Coffee' : 'Tea');
  };
  for (let m = 0; m < 24; m++) {
    const start = Date.UTC(2023, m, 1);
    const perProduct = m % 12 === 11 ? 16 : 8;
    for (let p = 1; p <= 6; p++) for (let i = 0; i < perProduct; i++) add(p, start + rng.int(27) * 86_400_000 + rng.int(86_400_000), 0.15);
    if (spike && m === 16) for (let i = 0; i < 25; i++) add(2, start + rng.int(27) * 86_400_000, 0.8);
  }
  return { times, negative, product, category };
}

describe('monitor', () => {
  it('finds the planted spike (P2 in 2024-05) at the product and the category', () => {
    const result = monitorSentiment(generated(true, 1));
    console.log(`monitor: ${result.alerts.length} alerts; ${result.alerts.map((a) => `${a.level} ${a.group} ${a.period} ${a.negatives}/${a.reviews} vs ${(a.baselineRate * 100).toFixed(0)}% z ${a.z.toFixed(1)} p ${a.pValue.toExponential(1)}`).join('; ')}`);
    expect(result.periods).toHaveLength(24);
    expect(result.periods[16]).toBe('2024-05');
    const top = result.alerts[0]!;
    expect([top.level, top.group, top.period]).toEqual(['product', 'P2', '2024-05']);
    expect(top.rate).toBeGreaterThan(0.5);
    expect(top.baselineRate).toBeLessThan(0.25);
    expect(top.z).toBeGreaterThan(5);
    expect(result.alerts.every((a) => a.period === '2024-05')).toBe(true);
    expect(result.alerts.map((a) => `${a.level}:${a.group}`).sort()).toContain('category:Coffee');
    expect(result.alerts.some((a) => a.level === 'product' && a.group !== 'P2')).toBe(false);
  });

  it('raises no alert without a spike, busy Decembers included (three seeds)', () => {
    for (const seed of [2, 3, 4]) expect(monitorSentiment(generated(false, seed)).alerts).toEqual([]);
  });

  it('builds series with counts and intervals, and weekly buckets that start on Mondays', () => {
    const data = generated(false, 5);
    const result = monitorSentiment(data);
    const all = result.series.find((s) => s.level === 'all')!;
    expect(all.reviews.reduce((s, x) => s + x, 0)).toBe(data.times.length);
    expect(all.reviews[11]).toBe(96); // December 2023: 6 products × 16
    for (let b = 0; b < 24; b++) {
      const rate = all.negatives[b]! / all.reviews[b]!;
      expect(all.low[b]).toBeLessThanOrEqual(rate);
      expect(all.high[b]).toBeGreaterThanOrEqual(rate);
    }
    expect(result.series.filter((s) => s.level === 'product')).toHaveLength(6);
    const weekly = monitorSentiment({ times: ['2024-02-07T10:00:00Z', 1707609600000 /* Sun 2024-02-11 */, '2024-02-12', null, 'not a date'], negative: [1, 0, 0, 1, 1] }, { period: 'week' });
    expect(weekly.periods).toEqual(['2024-02-05', '2024-02-12']);
    expect(Array.from(weekly.series[0]!.reviews)).toEqual([2, 1]);
    expect(weekly.skipped).toBe(2);
    expect(() => monitorSentiment({ times: ['2024-01-01'], negative: [] })).toThrow(/one negative value per review/);
    expect(() => monitorSentiment(data, { period: 'day' as never })).toThrow(/period/);
  });
});

describe('monitor statistics', () => {
  const choose = (n: number, k: number): number => (k === 0 ? 1 : (choose(n, k - 1) * (n - k + 1)) / k);
  it('binomial and Poisson tails match direct sums', () => {
    for (const [k, n, p] of [[3, 10, 0.2], [0, 5, 0.5], [12, 40, 0.1], [40, 40, 0.9]] as const) {
      let direct = 0;
      for (let i = k; i <= n; i++) direct += choose(n, i) * p ** i * (1 - p) ** (n - i);
      expect(binomialUpperTail(k, n, p)).toBeCloseTo(direct, 10);
    }
    let direct = 0;
    for (let i = 0; i < 7; i++) direct += (Math.exp(-2.5) * 2.5 ** i) / [1, 1, 2, 6, 24, 120, 720][i]!;
    expect(poissonUpperTail(7, 2.5)).toBeCloseTo(1 - direct, 10);
  });

  it('normal tail, Wilson interval and two-proportion z match known values', () => {
    expect(normalUpperTail(1.96)).toBeCloseTo(0.025, 4);
    expect(normalUpperTail(0)).toBeCloseTo(0.5, 7);
    expect(normalUpperTail(-1)).toBeCloseTo(0.841345, 5);
    const w = wilsonInterval(0, 10);
    expect(w.low).toBe(0);
    expect(w.high).toBeCloseTo(0.2775, 4);
    expect(twoProportionZ(30, 100, 20, 100)).toBeCloseTo(1.6330, 3);
  });
});
