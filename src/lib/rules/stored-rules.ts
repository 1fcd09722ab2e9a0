import { boughtTogether } from './bought-together';
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
  return boughtTogether(rules, [item], limit);
}

/** Every item that starts a rule, by name. */
export function ruleItems(rules: readonly StoredRule[]): string[] {
  return [...new Set(rules.flatMap((r) => r.antecedent))].sort();
}
