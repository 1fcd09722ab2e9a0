import type { Bm25Index } from './bm25';
import { searchVectors, type VectorIndex } from './dense';
import { scoreRankings, type Judgement, type SearchScores } from './metrics';
import type { Ranking } from './ranking';
import { fusionDefaults, reciprocalRankFusion, type FusionConfig } from './reciprocal-rank-fusion';

// One query through both retrievers and their fusion, and the same over a judged log with the
// three side by side. Query vectors come from the caller (the sentence encoder runs on tfjs,
// which this module does not load).

export const retrievers = ['bm25', 'dense', 'hybrid'] as const;
export type Retriever = (typeof retrievers)[number];

export interface HybridConfig {
  depth: number; // rows each retriever returns (and the fused list keeps)
  k: number; // reciprocal rank fusion's offset
  weights: readonly [number, number]; // BM25's and dense's weight in the fusion
}

export const hybridDefaults: HybridConfig = { depth: 100, k: fusionDefaults.k, weights: [1, 1] };

export function hybridSearch(query: string, queryVector: Float32Array, bm25: Bm25Index, docs: VectorIndex, overrides: Partial<HybridConfig> = {}): Record<Retriever, Ranking> {
  const { depth, k, weights } = { ...hybridDefaults, ...overrides };
  const keyword = bm25.search(query, depth);
  const dense = searchVectors(docs, queryVector, depth);
  const hybrid = reciprocalRankFusion([keyword, dense], { k, weights, depth } satisfies FusionConfig);
  return { bm25: keyword, dense, hybrid };
}

/** Each retriever's ranking of each judged query; queryVectors[i] embeds judgements[i].query. */
export function rankJudged(judgements: readonly Judgement[], queryVectors: readonly Float32Array[], bm25: Bm25Index, docs: VectorIndex, overrides: Partial<HybridConfig> = {}): Record<Retriever, Int32Array[]> {
  const ranked: Record<Retriever, Int32Array[]> = { bm25: [], dense: [], hybrid: [] };
  judgements.forEach((j, i) => {
    const found = hybridSearch(j.query, queryVectors[i] as Float32Array, bm25, docs, overrides);
    for (const r of retrievers) ranked[r].push(found[r].rows);
  });
  return ranked;
}

/** MRR, NDCG@10 and Recall@10 of each retriever over the judged queries. */
export function compareRetrievers(judgements: readonly Judgement[], queryVectors: readonly Float32Array[], bm25: Bm25Index, docs: VectorIndex, overrides: Partial<HybridConfig> = {}): Record<Retriever, SearchScores> {
  const ranked = rankJudged(judgements, queryVectors, bm25, docs, overrides);
  return { bm25: scoreRankings(ranked.bm25, judgements), dense: scoreRankings(ranked.dense, judgements), hybrid: scoreRankings(ranked.hybrid, judgements) };
}
