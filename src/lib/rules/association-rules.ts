import type { FrequentItemset } from './fp-growth';

// Association rules A -> C from frequent itemsets: for every itemset S of two or more items,
// every split into a non-empty antecedent A and consequent C = S − A. Every subset of a
// frequent itemset is frequent (and so mined), so each count a measure needs is at hand.
//
//   support     P(A ∪ C)                      how common the whole rule is
//   confidence  P(C | A) = n(A ∪ C) / n(A)    how often C comes along when A is bought
//   lift        confidence / P(C)             > 1: together more often than chance
//   leverage    P(A ∪ C) − P(A)·P(C)          the same gap as a difference in shares
//   conviction  (1 − P(C)) / (1 − confidence) how much more often A would be seen without C
//                                             were they independent; ∞ when confidence is 1

export interface AssociationRule {
  /** Item ids, ascending. */
  antecedent: number[];
  /** Item ids, ascending. */
  consequent: number[];
  /** Baskets holding every item of the rule. */
  count: number;
  support: number;
  confidence: number;
  lift: number;
  leverage: number;
  /** Infinity when confidence is 1. */
  conviction: number;
}

export const ruleMeasures = ['lift', 'confidence', 'support', 'leverage', 'conviction'] as const;
export type RuleMeasure = (typeof ruleMeasures)[number];

export interface RuleFilter {
  minConfidence: number;
  minLift: number;
}

const keyOf = (items: readonly number[]): string => items.join(',');

/** Every rule of the itemsets that passes the filter, over `basketTotal` baskets, unsorted. */
export function associationRules(itemsets: readonly FrequentItemset[], basketTotal: number, filter: RuleFilter): AssociationRule[] {
  const countOf = new Map(itemsets.map((s) => [keyOf(s.items), s.count]));
  const rules: AssociationRule[] = [];
  for (const { items, count } of itemsets) {
    const k = items.length;
    if (k < 2) continue;
    // Each mask in 1 .. 2^k − 2 picks a non-empty proper subset as the antecedent.
    for (let mask = 1; mask < (1 << k) - 1; mask++) {
      const antecedent = items.filter((_, i) => (mask >> i) & 1);
      const consequent = items.filter((_, i) => !((mask >> i) & 1));
      const nA = countOf.get(keyOf(antecedent));
      const nC = countOf.get(keyOf(consequent));
      if (nA === undefined || nC === undefined) continue; // only when itemsets were cut at maxItemsets
      const support = count / basketTotal;
      const confidence = count / nA;
      const pC = nC / basketTotal;
      const lift = confidence / pC;
      if (confidence < filter.minConfidence || lift < filter.minLift) continue;
      const leverage = support - (nA / basketTotal) * pC;
      const conviction = confidence >= 1 ? Infinity : (1 - pC) / (1 - confidence);
      rules.push({ antecedent, consequent, count, support, confidence, lift, leverage, conviction });
    }
  }
  return rules;
}

/** Rules best first by `measure`; ties by confidence, then support, then the items, so the order is stable. */
export function sortRules(rules: readonly AssociationRule[], measure: RuleMeasure): AssociationRule[] {
  return [...rules].sort(
    (a, b) => b[measure] - a[measure] || b.confidence - a.confidence || b.support - a.support || keyOf(a.antecedent).localeCompare(keyOf(b.antecedent)) || keyOf(a.consequent).localeCompare(keyOf(b.consequent)),
  );
}

/** Rules whose items include all of `items` (e.g. every rule about one product). */
export function rulesWith(rules: readonly AssociationRule[], items: readonly number[]): AssociationRule[] {
  return rules.filter((r) => items.every((i) => r.antecedent.includes(i) || r.consequent.includes(i)));
}
