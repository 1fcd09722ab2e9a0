import { describe, expect, it } from 'vitest';
import { basketsFromPairs, fpGrowth } from '../../../src/lib/rules';
import { aprioriItemsets } from './apriori-oracle';

// FP-Growth against brute-force Apriori on small random baskets: the same itemsets with the
// same counts, across support thresholds, size limits and skewed item frequencies.

function randomBaskets(seed: number, baskets: number, items: number): number[][] {
  let state = seed >>> 0;
  const next = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 4294967296);
  return Array.from({ length: baskets }, () => {
    const size = 1 + Math.floor(next() * 6);
    // Squaring skews toward low ids: a few common items, a long tail, as in real shops.
    return [...new Set(Array.from({ length: size }, () => Math.floor(next() ** 2 * items)))];
  });
}

function asBaskets(raw: number[][]) {
  const rows = raw.flatMap((b, i) => b.map((item) => [`b${i}`, String(item)] as const));
  const baskets = basketsFromPairs(rows.map((r) => r[0]), rows.map((r) => r[1]));
  return { baskets, name: (id: number) => Number(baskets.items[id]) };
}

describe('fpGrowth', () => {
  for (const [seed, minCount, maxSize] of [[1, 3, 4], [2, 5, 3], [3, 2, 5], [4, 8, 2], [5, 1, 3]] as const) {
    it(`finds exactly Apriori's itemsets and counts (seed ${seed}, min count ${minCount}, max size ${maxSize})`, () => {
      const raw = randomBaskets(seed, 60, 12);
      const { baskets, name } = asBaskets(raw);
      const mined = fpGrowth(baskets, { minCount, maxSize, maxItemsets: 1e6 });
      const ours = new Map(mined.map((s) => [s.items.map(name).sort((a, b) => a - b).join(','), s.count]));
      const expected = aprioriItemsets(raw, minCount, maxSize);
      expect(expected.size).toBeGreaterThan(10);
      expect(ours.size).toBe(mined.length); // no itemset emitted twice
      expect(ours).toEqual(expected);
    });
  }

  it('refuses to run away when the support is too low for the data', () => {
    const { baskets } = asBaskets(randomBaskets(7, 60, 12));
    expect(() => fpGrowth(baskets, { minCount: 1, maxSize: 6, maxItemsets: 50 })).toThrow(/minimum support is too low/);
  });
});
