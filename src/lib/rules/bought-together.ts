import type { AssociationRule } from './association-rules';

// "Frequently bought together": the items that rules add to a cart. A rule applies when its
// whole antecedent is in the cart; each item it would add (not already in the cart) is scored
// by the strongest applicable rule, by lift and then confidence, the rule kept as the reason.
// Items are ids (mined rules) or names (stored rules, as the Discover page holds them).

interface RuleOver<T> {
  antecedent: readonly T[];
  consequent: readonly T[];
  confidence: number;
  lift: number;
}

export interface Suggestion<T = number, R = AssociationRule> {
  item: T;
  confidence: number;
  lift: number;
  /** The rule that suggests it. */
  rule: R;
}

export function boughtTogether<T, R extends RuleOver<T>>(rules: readonly R[], cart: readonly T[], limit = 5): Suggestion<T, R>[] {
  const inCart = new Set(cart);
  const best = new Map<T, Suggestion<T, R>>();
  for (const rule of rules) {
    if (!rule.antecedent.every((i) => inCart.has(i))) continue;
    for (const item of rule.consequent) {
      if (inCart.has(item)) continue;
      const current = best.get(item);
      if (!current || rule.lift > current.lift || (rule.lift === current.lift && rule.confidence > current.confidence)) {
        best.set(item, { item, confidence: rule.confidence, lift: rule.lift, rule });
      }
    }
  }
  return [...best.values()].sort((a, b) => b.lift - a.lift || b.confidence - a.confidence || (a.item < b.item ? -1 : a.item > b.item ? 1 : 0)).slice(0, limit);
}
