import { describe, expect, it } from 'vitest';
import { basketsFromPairs, basketsFromWide, boughtTogether, mineRules, rulesConfig, rulesWith } from '../../../src/lib/rules';

// Rule measures on a hand-counted example, both basket layouts, filters and sorting, and
// "frequently bought together" from the rules.

// Ten baskets. n(beans) = 6, n(grinder) = 4, n(beans, grinder) = 4, n(filters) = 5,
// n(beans, filters) = 3, n(grinder, filters) = 2, n(beans, grinder, filters) = 2, mug in 3.
const orders: string[][] = [
  ['beans', 'grinder', 'filters'], ['beans', 'grinder', 'filters'], ['beans', 'grinder'], ['beans', 'grinder', 'mug'],
  ['beans', 'filters'], ['beans'], ['filters', 'mug'], ['filters'], ['mug'], ['tea'],
];
const long = orders.flatMap((items, o) => items.map((item) => [`O-${o}`, item] as const));
const baskets = basketsFromPairs(long.map((r) => r[0]), long.map((r) => r[1]));
const id = (name: string) => baskets.items.indexOf(name);
const names = (ids: number[]) => ids.map((i) => baskets.items[i]).sort();

describe('basket rules', () => {
  it('computes support, confidence, lift, leverage and conviction', () => {
    const mined = mineRules(baskets, { minSupport: 0.2, minConfidence: 0, minLift: 0, maxSize: 3 });
    expect(mined).toMatchObject({ baskets: 10, minCount: 2 });
    const rule = (a: string[], c: string[]) => mined.rules.find((r) => names(r.antecedent).join() === [...a].sort().join() && names(r.consequent).join() === [...c].sort().join());
    // grinder -> beans: every grinder basket has beans.
    expect(rule(['grinder'], ['beans'])).toMatchObject({ count: 4, support: 0.4, confidence: 1, conviction: Infinity });
    expect(rule(['grinder'], ['beans'])!.lift).toBeCloseTo(1 / 0.6, 10);
    expect(rule(['grinder'], ['beans'])!.leverage).toBeCloseTo(0.4 - 0.4 * 0.6, 10);
    // beans -> filters: 3/6, lift 0.5/0.5 = 1, conviction (1 − 0.5)/(1 − 0.5) = 1.
    expect(rule(['beans'], ['filters'])).toMatchObject({ count: 3, confidence: 0.5, lift: 1, conviction: 1 });
    // beans + grinder -> filters: 2/4; filters -> beans + grinder: 2/5, lift 0.4/0.4 = 1.
    expect(rule(['beans', 'grinder'], ['filters'])!.confidence).toBeCloseTo(0.5, 10);
    expect(rule(['filters'], ['beans', 'grinder'])!.lift).toBeCloseTo(1, 10);
    // tea is in one basket only: below the support, in no rule.
    expect(rulesWith(mined.rules, [id('tea')])).toHaveLength(0);
  });

  it('filters by confidence and lift and sorts by the chosen measure', () => {
    const byLift = mineRules(baskets, { minSupport: 0.2, minConfidence: 0.6, minLift: 1.01 }).rules;
    expect(byLift.length).toBeGreaterThan(0);
    for (const r of byLift) expect(r.confidence >= 0.6 && r.lift >= 1.01).toBe(true);
    for (let i = 1; i < byLift.length; i++) expect(byLift[i - 1]!.lift).toBeGreaterThanOrEqual(byLift[i]!.lift);
    const bySupport = mineRules(baskets, { minSupport: 0.2, minConfidence: 0, minLift: 0, sortBy: 'support' }).rules;
    for (let i = 1; i < bySupport.length; i++) expect(bySupport[i - 1]!.support).toBeGreaterThanOrEqual(bySupport[i]!.support);
    expect(() => rulesConfig({ minSupport: 0 })).toThrow(/minimum support/);
    expect(() => rulesConfig({ maxSize: 1 })).toThrow(/maximum itemset size/);
    expect(() => rulesConfig({ bogus: 1 } as never)).toThrow(/unknown key/);
  });

  it('reads a wide 0/1 table as the same baskets, ignoring non-boolean columns', () => {
    const items = ['beans', 'grinder', 'filters', 'mug', 'tea'];
    const columns = [
      { name: 'respondent', values: orders.map((_, o) => `R${o}`) },
      ...items.map((item) => ({ name: item, values: orders.map((b) => (b.includes(item) ? 1 : 0)) })),
    ];
    const { baskets: wide, ignored } = basketsFromWide(columns);
    expect(ignored).toEqual(['respondent']);
    const a = mineRules(baskets, { minSupport: 0.2, minConfidence: 0, minLift: 0 });
    const b = mineRules(wide, { minSupport: 0.2, minConfidence: 0, minLift: 0 });
    const render = (m: typeof a, itemNames: string[]) => m.rules.map((r) => `${r.antecedent.map((i) => itemNames[i]).sort()}->${r.consequent.map((i) => itemNames[i]).sort()}:${r.count}`).sort();
    expect(render(b, wide.items)).toEqual(render(a, baskets.items));
    expect(() => basketsFromWide([{ name: 'id', values: ['a', 'b'] }])).toThrow(/not a wide basket table/);
  });

  it('suggests what is frequently bought together with a cart, with the rule as the reason', () => {
    const { rules } = mineRules(baskets, { minSupport: 0.2, minConfidence: 0.3, minLift: 1 });
    const forGrinder = boughtTogether(rules, [id('grinder')]);
    expect(forGrinder[0]).toMatchObject({ item: id('beans'), confidence: 1 });
    expect(forGrinder.map((s) => s.item)).not.toContain(id('grinder'));
    // With beans and grinder in the cart, beans is no longer suggested.
    expect(boughtTogether(rules, [id('grinder'), id('beans')]).map((s) => s.item)).not.toContain(id('beans'));
    expect(boughtTogether(rules, [id('tea')])).toEqual([]);
  });
});
