import { ratingErrors, rankingFigures, popularityPercentiles } from './metrics';
import type { Split } from './split';
import type { Interactions, PredictRating, ScoreUser } from './types';

// Hyperparameters are chosen on a validation split carved from the TRAINING data (the same
// protocol applied again inside train), never on the test split: a greedy coordinate search
// over a few values per setting, step by step in the order given. A step is a grid (one
// setting changed at a time), or a function of the best so far that lists candidate changes
// (a finer look around the chosen value, or two settings moved together). Each
// fit is scored by NDCG@k (ranking) or minus RMSE (ratings); a setting seen before is never
// fitted twice, so the fits are at most the grid's values plus one. The winner is refitted on
// the whole training split by the caller.

export type Grid<C> = { [K in keyof C]?: readonly C[K][] };

/** One step of the search: a grid, or the changes to try around the best so far. */
export type SearchStep<C> = Grid<C> | ((best: C) => Partial<C>[]);

export interface SearchResult<C> {
  best: C;
  score: number;
  /** Settings fitted and scored, the start included. */
  fits: number;
}

export async function coordinateSearch<C extends object>(start: C, steps: Grid<C> | readonly SearchStep<C>[], score: (config: C) => Promise<number>): Promise<SearchResult<C>> {
  const seen = new Map<string, number>();
  const scored = async (config: C) => {
    const key = JSON.stringify(config);
    if (!seen.has(key)) seen.set(key, await score(config));
    return seen.get(key)!;
  };
  let best = start;
  let bestScore = await scored(start);
  for (const step of Array.isArray(steps) ? steps : [steps]) {
    const from = best;
    const changes = typeof step === 'function' ? step(from) : (Object.keys(step) as (keyof C)[]).flatMap((key) => ((step[key] ?? []) as readonly C[keyof C][]).map((value) => ({ [key]: value }) as Partial<C>));
    for (const change of changes) {
      // A grid moves one setting of the best so far; a function's candidates all start from `from`.
      const candidate = { ...(typeof step === 'function' ? from : best), ...change };
      const s = await scored(candidate);
      if (s > bestScore) [best, bestScore] = [candidate, s];
    }
  }
  return { best, score: bestScore, fits: seen.size };
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
