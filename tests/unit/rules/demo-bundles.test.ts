import { describe, expect, it } from 'vitest';
import { generateDemoShop } from '../../../src/lib/demo';
import { basketsFromPairs, mineRules } from '../../../src/lib/rules';

// The demo shop plants bundles (bought together on purpose) into its orders; market-basket
// analysis must find them: the strongest item-to-item rules are exactly the planted pairs.

describe('planted demo bundles', () => {
  it('come out as the top rules by lift', () => {
    const shop = generateDemoShop({ seed: 7, scale: 0.5 });
    const lines = shop.files.find((f) => f.name === 'order_lines.csv')!.text.trim().split('\n').slice(1).map((l) => l.split(','));
    const baskets = basketsFromPairs(lines.map((l) => l[0]!), lines.map((l) => l[1]!));
    const { rules } = mineRules(baskets, { minSupport: 0.004, minConfidence: 0.1, minLift: 1, maxSize: 2 });
    const planted = new Set(shop.truth.bundles.flatMap((b) => b.skus.flatMap((a) => b.skus.filter((c) => c !== a).map((c) => `${a}->${c}`))));
    expect(planted.size).toBeGreaterThanOrEqual(6);
    const top = rules.slice(0, planted.size).map((r) => `${baskets.items[r.antecedent[0]!]}->${baskets.items[r.consequent[0]!]}`);
    expect(new Set(top)).toEqual(planted);
    // ...and with a clear margin over the best unplanted rule.
    expect(rules[planted.size - 1]!.lift).toBeGreaterThan(3 * (rules[planted.size]?.lift ?? 1));
  });
});
