// Product search: BM25 (MiniSearch) with typo tolerance, dense retrieval over sentence vectors,
// reciprocal rank fusion, and evaluation on a search log. Pure exports only, no tfjs: the
// encoder's fine-tuning on (query, clicked product) pairs is in contrastive-tuning.ts, which
// callers load with the ML runtime.
export { catalogueFromColumns, rowsByKey, documentText, keyText, type Catalogue } from './catalogue';
export { topRows, emptyRanking, type Ranking } from './ranking';
export { bm25Index, bm25Defaults, type Bm25Config, type Bm25Index } from './bm25';
export { vectorIndex, cosineScores, searchVectors, normalise, type VectorIndex } from './dense';
export { reciprocalRankFusion, fusionDefaults, type FusionConfig } from './reciprocal-rank-fusion';
export { reciprocalRank, ndcgAt, recallAt, scoreRankings, searchMetrics, type Judgement, type SearchMetric, type SearchScores } from './metrics';
export { judgeSearchLog, splitQueries, normaliseQuery, type JudgedLog } from './search-log';
export { hybridSearch, rankJudged, compareRetrievers, hybridDefaults, retrievers, type HybridConfig, type Retriever } from './hybrid-search';
export { searchInputs, catalogueColumns, foundBy, retrieverLabels, retrieverDescriptions, tuningGain, formatGain, sampleJudgements, baseSearchEncoder, searchEvalDefaults, type SearchColumns, type SearchIndexSpec, type SearchEvalParams, type SearchFinding, type SearchExample, type StoredHit, type LiveHit, type SearchAnswer, type SearchInputs, type SearchTable } from './search-finding';
