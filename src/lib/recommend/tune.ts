import { ratingErrors, rankingFigures, popularityPercentiles } from './metrics';
import type { Split } from './split';
import type { Interactions, PredictRating, ScoreUser } from './types';

// Hyperparameters are chosen on a validation split carved from the TRAINING data (the same
// protocol applied again inside train), never on the test split: a greedy coordinate search
// over a few values per setting, in the order given. Each fit is scored by NDCG@k (ranking) or
// minus RMSE (ratings); the winner is refitted on the whole training split by the caller.

export type Grid<C> = { [K in keyof C]?: readonly C[K][] };

export interface SearchResult<C> {
  best: C;
  score: number;
  fits: number;
}

export async function coordinateSearch<C extends object>(start: C, grid: Grid<C>, score: (config: C) => Promise<number>): Promise<SearchResult<C>> {
  let best = start;
  let bestScore = await score(start);
  let fits = 1;
  for (const key of Object.keys(grid) as (keyof C)[]) {
    for (const value of grid[key] ?? []) {
      if (value === best[key]) continue;
      const candidate = { ...best, [key]: value };
      const s = await score(candidate);
      fits++;
      if (s > bestScore) [best, bestScore] = [candidate, s];
    }
  }
  return { best, score: bestScore, fits };
}

/** NDCG@k of a ranker fitted on `split.train`, over the full catalogue. */
export async function validationNdcg(split: Split, k: number, fit: (train: Interactions) => Promise<ScoreUser>): Promise<number> {
  const score = await fit(split.train);
  const figures = await rankingFigures(score, split.train, split.test, { k, percentiles: popularityPercentiles(split.train) });
  return figures.ndcg;
}

/** Minus the RMSE of a predictor fitted on `split.train`. */
export async function validationRmse(split: Split, fit: (train: Interactions) => Promise<PredictRating>): Promise<number> {
  return -ratingErrors(await fit(split.train), split.test).rmse;
}
