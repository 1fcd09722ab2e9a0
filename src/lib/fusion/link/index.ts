// Entity resolution for fusion: link two tables, or dedupe one, without a shared clean key.
export * from './types';
export { comparison, linkSettings, defaultSettings } from './settings';
export { chooseComparisons, chooseBlocking } from './choose-comparisons';
export { normaliseValue, tokensOf, qgramsOf } from './normalise';
export { jaro, jaroWinkler } from './jaro-winkler';
export { jaccardSorted, cosineSparse, embeddingCosine, numericCloseness, dateCloseness } from './similarity';
export { levelLabels, levelCount, missingLevel, exactLevel } from './compare-field';
export { patternCounts, runEm, initialM, posteriorOf, type PatternCounts, type EmOptions, type EmFit } from './em';
export { trainModel, estimateLambda, type TrainOptions } from './train-model';
export { scorePairs, explainPair, type OneMatchPerLeftRow, probabilityOf, priorWeight, levelWeight, termFrequencyWeight } from './score';
export { linkTables, type LinkResult, type LinkState } from './link-tables';
export { linkNewRecords, type IncrementalResult } from './incremental';
export { pickPairsToLabel, updateWithLabels } from './active-learning';
export { clusterPairs, bestMatchPerRow } from './cluster';
export { thresholdCurve, thresholdPoint, type ThresholdPoint } from './threshold-curve';
export { goldenRecord, mergeRules, type MergeRule, type FieldMerge, type GoldenRecord, type SideColumns } from './golden-record';
