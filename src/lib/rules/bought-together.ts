import type { AssociationRule } from './association-rules';

// "Frequently bought together": the items that rules add to a cart. A rule applies when its
// whole antecedent is in the cart; each item it would add (not already in the cart) is scored
// by the strongest applicable rule, by lift and then confidence, the rule kept as the reason.

export interface Suggestion {
  item: number;
  confidence: number;
  lift: number;
  /** The rule that suggests it. */
  rule: AssociationRule;
}

export function boughtTogether(rules: readonly AssociationRule[], cart: readonly number[], limit = 5): Suggestion[] {
  const inCart = new Set(cart);
  const best = new Map<number, Suggestion>();
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
  return [...best.values()].sort((a, b) => b.lift - a.lift || b.confidence - a.confidence || a.item - b.item).slice(0, limit);
}
