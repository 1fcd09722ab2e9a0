import type { Ranking } from './ranking';

// Hybrid retrieval by reciprocal rank fusion (Cormack, Clarke & Büttcher 2009): a row's fused
// score is Σ_i w_i / (k + rank_i), rank 1-based, over the rankings that hold it. Only ranks are
// used, so BM25's unbounded scores and cosine's [−1, 1] need no calibration against each
// other; k (60 in the paper) flattens the advantage of the very first places.

export interface FusionConfig {
  k: number; // rank offset: larger k, flatter weighting of the top places
  weights: readonly number[] | null; // one weight per ranking; null: all 1
  depth: number; // length of the fused ranking
}

export const fusionDefaults: FusionConfig = { k: 60, weights: null, depth: 100 };

export function reciprocalRankFusion(rankings: readonly Ranking[], overrides: Partial<FusionConfig> = {}): Ranking {
  const { k, weights, depth } = { ...fusionDefaults, ...overrides };
  const fused = new Map<number, number>();
  rankings.forEach((ranking, i) => {
    const w = weights?.[i] ?? 1;
    ranking.rows.forEach((row, r) => fused.set(row, (fused.get(row) ?? 0) + w / (k + r + 1)));
  });
  const order = [...fused].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, depth);
  return { rows: Int32Array.from(order, (e) => e[0]), scores: Float32Array.from(order, (e) => e[1]) };
}
