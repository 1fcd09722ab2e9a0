import type { StoredRule } from './rules-job';

// Browsing stored rules (item names, as the Discover page holds them): filter, sort, and
// "frequently bought together" for one item, without going back to the worker.

export interface StoredRuleFilter {
  /** Case-insensitive part of an item name on either side; '' for any. */
  item: string;
  minLift: number;
  minConfidence: number;
  sortBy: 'lift' | 'confidence' | 'support';
}

export function filterStoredRules(rules: readonly StoredRule[], { item, minLift, minConfidence, sortBy }: StoredRuleFilter): StoredRule[] {
  const needle = item.trim().toLowerCase();
  const mentions = (r: StoredRule) => !needle || [...r.antecedent, ...r.consequent].some((name) => name.toLowerCase().includes(needle));
  return rules.filter((r) => r.lift >= minLift && r.confidence >= minConfidence && mentions(r)).sort((a, b) => b[sortBy] - a[sortBy]);
}

/** Items bought with `item`: each other item once, with the strongest rule item -> … that adds it. */
export function boughtWith(rules: readonly StoredRule[], item: string, limit = 5): { item: string; rule: StoredRule }[] {
  const best = new Map<string, StoredRule>();
  for (const rule of rules) {
    if (rule.antecedent.length !== 1 || rule.antecedent[0] !== item) continue;
    for (const other of rule.consequent) {
      const current = best.get(other);
      if (!current || rule.lift > current.lift) best.set(other, rule);
    }
  }
  return [...best].map(([other, rule]) => ({ item: other, rule })).sort((a, b) => b.rule.lift - a.rule.lift || b.rule.confidence - a.rule.confidence).slice(0, limit);
}

/** Every item that starts a rule, by name. */
export function ruleItems(rules: readonly StoredRule[]): string[] {
  return [...new Set(rules.flatMap((r) => r.antecedent))].sort();
}
