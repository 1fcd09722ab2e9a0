import { describe, expect, it } from 'vitest';
import { boughtWith, filterStoredRules, ruleItems, type StoredRule } from '../../../src/lib/rules';

// Browsing stored rules on the Discover page: filters, sort, and "bought together".

const rule = (antecedent: string[], consequent: string[], lift: number, confidence = 0.5, support = 0.01): StoredRule => ({ antecedent, consequent, count: 10, support, confidence, lift, leverage: 0, conviction: null });

const rules = [
  rule(['tea'], ['cups'], 4, 0.4),
  rule(['tea'], ['cups', 'kettle'], 6, 0.2),
  rule(['tea'], ['kettle'], 3, 0.6),
  rule(['beans'], ['grinder'], 9, 0.3, 0.02),
  rule(['tea', 'cups'], ['kettle'], 2, 0.7),
];

describe('stored rules', () => {
  it('filters by an item on either side, lift and confidence, and sorts', () => {
    expect(filterStoredRules(rules, { item: 'KETTLE', minLift: 0, minConfidence: 0, sortBy: 'lift' }).map((r) => r.lift)).toEqual([6, 3, 2]);
    expect(filterStoredRules(rules, { item: '', minLift: 3.5, minConfidence: 0, sortBy: 'confidence' }).map((r) => r.lift)).toEqual([4, 9, 6]);
    expect(filterStoredRules(rules, { item: '', minLift: 0, minConfidence: 0.5, sortBy: 'support' }).map((r) => r.lift)).toEqual([3, 2]);
  });

  it('lists each item bought with one item once, by its strongest rule (a two-item consequent serves both)', () => {
    const together = boughtWith(rules, 'tea');
    expect(together.map((t) => [t.item, t.rule.lift])).toEqual([['cups', 6], ['kettle', 6]]);
    expect(boughtWith(rules, 'grinder')).toEqual([]);
    expect(ruleItems(rules)).toEqual(['beans', 'cups', 'tea']);
  });
});
