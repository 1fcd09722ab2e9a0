// Ranking quality against clicks. A judgement is one distinct query with the products clicked
// for it and how often (graded relevance: the click count is the gain).
//
//   MRR        mean over queries of 1 / rank of the first clicked product (0 if not ranked)
//   NDCG@10    Σ_{i≤10} gain_i / log2(i + 1), divided by the same sum for the ideal order
//   Recall@10  share of the query's distinct clicked products found in the top 10

export interface Judgement {
  /** The query, normalised (see normaliseQuery). */
  query: string;
  /** Clicked catalogue rows. */
  rows: Int32Array;
  /** Clicks on each of `rows`. */
  gains: Float32Array;
}

export const searchMetrics = ['mrr', 'ndcg@10', 'recall@10'] as const;
export type SearchMetric = (typeof searchMetrics)[number];
export type SearchScores = Record<SearchMetric, number>;

function gainOf(judgement: Judgement, row: number): number {
  const i = judgement.rows.indexOf(row);
  return i === -1 ? 0 : (judgement.gains[i] as number);
}

export function reciprocalRank(ranked: Int32Array, judgement: Judgement): number {
  for (let i = 0; i < ranked.length; i++) if (judgement.rows.includes(ranked[i] as number)) return 1 / (i + 1);
  return 0;
}

export function ndcgAt(ranked: Int32Array, judgement: Judgement, k: number): number {
  let dcg = 0;
  for (let i = 0; i < Math.min(k, ranked.length); i++) dcg += gainOf(judgement, ranked[i] as number) / Math.log2(i + 2);
  const ideal = Float32Array.from(judgement.gains).sort().reverse();
  let idcg = 0;
  for (let i = 0; i < Math.min(k, ideal.length); i++) idcg += (ideal[i] as number) / Math.log2(i + 2);
  return idcg > 0 ? dcg / idcg : 0;
}

export function recallAt(ranked: Int32Array, judgement: Judgement, k: number): number {
  if (judgement.rows.length === 0) return 0;
  const top = ranked.subarray(0, k);
  let found = 0;
  for (const row of judgement.rows) if (top.includes(row)) found++;
  return found / judgement.rows.length;
}

/** Means over the queries; rankings[i] answers judgements[i]. */
export function scoreRankings(rankings: readonly Int32Array[], judgements: readonly Judgement[]): SearchScores {
  const n = Math.max(1, judgements.length);
  let [mrr, ndcg, recall] = [0, 0, 0];
  judgements.forEach((j, i) => {
    const ranked = rankings[i] ?? new Int32Array(0);
    mrr += reciprocalRank(ranked, j);
    ndcg += ndcgAt(ranked, j, 10);
    recall += recallAt(ranked, j, 10);
  });
  return { mrr: mrr / n, 'ndcg@10': ndcg / n, 'recall@10': recall / n };
}
