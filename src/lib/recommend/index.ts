// Recommenders: interactions as typed-array columns, the protocols and their figures, the
// baselines (popularity, item-kNN), matrix factorisation (biased MF, SVD++, implicit ALS), a
// text prior for cold items, SASRec, explanations and the final recommendations.
export * from './types';
export { buildInteractions, idReader, subset, byUser, byItem, itemPopularity, dedupePolicy, type InteractionColumns, type InteractionOptions, type BuildReport } from './interactions';
export { randomSplit, leaveLastOut, coldItemSplit, type Split, type ColdSplit } from './split';
export { pairedSe, ratingErrors, rankingFigures, popularityPercentiles, scoreFromPredictor, type RankingFigures, type RankingOptions } from './metrics';
export { topK } from './top-k';
export { popularityRanker, itemMeanPredictor, biasPredictor, fitBiases, globalMean } from './popularity';
export { itemNeighbours, knnRanker, knnPredictor, knnDefaults, type KnnConfig, type ItemNeighbours } from './item-knn';
export { trainAls, factorRanker, alsDefaults, type AlsConfig, type FactorModel } from './als';
export { trainMf, mfPredictor, mfRanker, mfDefaults, type MfConfig, type MfModel } from './biased-mf';
export { textRidge, fitTextMap, projectText, textCosine } from './text-prior';
export { textProfileRanker } from './text-knn';
export { fitRanker, fitPredictor, rankingModelNames, ratingModelNames, baselineNames, defaultSettings, type ModelSettings, type RankingModelName, type RatingModelName, type FittedRanker, type FittedPredictor } from './models';
export { coordinateSearch, type Grid, type SearchStep } from './tune';
export { evaluate, evaluateColdStart, evaluationDefaults, type EvaluationConfig, type EvaluationReport, type ColdStartReport } from './evaluate';
export { reasonsFor, alsoBought, similarItems, reasonSources, type Reason, type ReasonSource, type RelatedItem } from './explain';
export { buildRecommender, recommendAll, type Recommender, type RecommendationList, type RecommenderOptions } from './recommendations';
export { againstBaselines, againstPopularity, bestPerMetric, tunedSettings, findItems, findUsers, itemLabel, metricColumns, metricValue, protocolDescription, reasonText, type BaselineMargin, type BaselineVerdict, type Comparison, type MetricColumn, type RecommendFinding, type StoredEvaluation, type StoredItem, type StoredRecommendation, type StoredRelated, type StoredUser } from './stored-recommendations';
export { catalogueFor, customerLookup, defaultInputs, type RecommendInputs } from './input-defaults';
export type { RecommendConfig, RecommendParams, RecommendResult } from './recommend-job';
// SASRec (tfjs) is not exported here, so that importing the domain never loads tfjs:
// import it from './sasrec' and './sasrec-train' where a tfjs backend is running.
