import { AppError } from '../errors';
import { associationRules, ruleMeasures, sortRules, type AssociationRule, type RuleMeasure } from './association-rules';
import { basketCount, type Baskets } from './baskets';
import { fpGrowth, type FrequentItemset } from './fp-growth';

// Market-basket analysis in one call: frequent itemsets by FP-Growth, then the rules among them,
// filtered and sorted. The configuration is one typed record with defaults, checked here once.

export interface RulesConfig {
  minSupport: number; // share of baskets an itemset must be in, (0, 1]
  minConfidence: number; // smallest P(consequent | antecedent) kept, [0, 1]
  minLift: number; // smallest lift kept; 1 keeps only items bought together more often than chance
  maxSize: number; // largest itemset (antecedent plus consequent)
  sortBy: RuleMeasure; // order of the rule list, best first
  maxItemsets: number; // stop with an error past this many itemsets (support set too low)
}

export const rulesDefaults: RulesConfig = {
  minSupport: 0.01,
  minConfidence: 0.1,
  minLift: 1,
  maxSize: 3,
  sortBy: 'lift',
  maxItemsets: 500_000,
};

/** Defaults, then `overrides`; unknown keys and bad values are refused. */
export function rulesConfig(overrides: Partial<RulesConfig> = {}): RulesConfig {
  const refuse = (message: string, key: string) => {
    throw new AppError('input-malformed', `Invalid rule settings: ${message}.`, { key });
  };
  for (const key of Object.keys(overrides)) if (!(key in rulesDefaults)) refuse(`unknown key "${key}"`, key);
  const c: RulesConfig = { ...rulesDefaults, ...overrides };
  if (!(c.minSupport > 0 && c.minSupport <= 1)) refuse('the minimum support must be in (0, 1]', 'minSupport');
  if (!(c.minConfidence >= 0 && c.minConfidence <= 1)) refuse('the minimum confidence must be in [0, 1]', 'minConfidence');
  if (!(c.minLift >= 0 && Number.isFinite(c.minLift))) refuse('the minimum lift must be a number ≥ 0', 'minLift');
  if (!Number.isInteger(c.maxSize) || c.maxSize < 2) refuse('the maximum itemset size must be an integer ≥ 2', 'maxSize');
  if (!Number.isInteger(c.maxItemsets) || c.maxItemsets < 1) refuse('the itemset limit must be a positive integer', 'maxItemsets');
  if (!ruleMeasures.includes(c.sortBy)) refuse(`rules sort by one of ${ruleMeasures.join(', ')}`, 'sortBy');
  return c;
}

export interface MinedRules {
  baskets: number;
  /** Baskets an itemset must be in: ⌈minSupport × baskets⌉, at least 1. */
  minCount: number;
  itemsets: FrequentItemset[];
  /** Sorted by config.sortBy. */
  rules: AssociationRule[];
  config: RulesConfig;
}

export function mineRules(baskets: Baskets, overrides: Partial<RulesConfig> = {}): MinedRules {
  const config = rulesConfig(overrides);
  const total = basketCount(baskets);
  if (total === 0) throw new AppError('input-malformed', 'There are no baskets: every row lacked a basket or an item.');
  // The small epsilon keeps 0.01 × 300 at 3, not 4 through floating-point error.
  const minCount = Math.max(1, Math.ceil(config.minSupport * total - 1e-9));
  const itemsets = fpGrowth(baskets, { minCount, maxSize: config.maxSize, maxItemsets: config.maxItemsets });
  const rules = sortRules(associationRules(itemsets, total, config), config.sortBy);
  return { baskets: total, minCount, itemsets, rules, config };
}
