// Basket rules: FP-Growth frequent itemsets, association rules, "frequently bought together".
export { basketsFromPairs, basketsFromWide, basketCount, basketItems, type Baskets } from './baskets';
export { fpGrowth, type FrequentItemset, type FpGrowthConfig } from './fp-growth';
export { associationRules, sortRules, rulesWith, ruleMeasures, type AssociationRule, type RuleMeasure, type RuleFilter } from './association-rules';
export { boughtTogether, type Suggestion } from './bought-together';
export { mineRules, rulesConfig, rulesDefaults, type RulesConfig, type MinedRules } from './mine-rules';
export { filterStoredRules, boughtWith, ruleItems, type StoredRuleFilter } from './stored-rules';
export type { RulesParams, RulesFinding, StoredRule } from './rules-job';
