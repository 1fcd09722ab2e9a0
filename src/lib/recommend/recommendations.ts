import { AppError } from '../errors';
import { reasonsFor, type Reason } from './explain';
import { byUser, itemPopularity } from './interactions';
import { itemNeighbours, knnDefaults, type ItemNeighbours } from './item-knn';
import { defaultSettings, fitCost, fitPredictor, fitRanker, rankingModelNames, ratingModelNames, type ModelSettings, type RankingModelName, type RatingModelName } from './models';
import { phasedProgress } from './progress';
import { createTick } from '../jobs/tick';
import { scoreFromPredictor } from './metrics';
import { topK } from './top-k';
import type { Interactions, ItemText, Protocol, RunOptions, ScoreUser } from './types';

// The deliverable: a model refitted on ALL interactions, each user's top-k among the items
// they have not interacted with yet, and the reasons for each. The co-occurrence neighbours
// behind reasons, "customers also bought" and similar items come from item-kNN on the same data.

export interface RecommendationList {
  user: number;
  items: Int32Array;
  scores: Float32Array;
  reasons: Reason[][];
}

export interface Recommender {
  model: string;
  neighbours: ItemNeighbours;
  /** Distinct customers per item, for "customers also bought" shares. */
  customers: Float32Array;
  notes: Record<string, string | number>;
  recommend(user: number, k: number): RecommendationList;
}

export interface RecommenderOptions extends RunOptions {
  text?: ItemText | null | undefined;
  settings?: ModelSettings | undefined;
  tune?: boolean | undefined;
  seed?: number | undefined;
  /** Rating models rank by predicted rating (random-80-20); ranking models otherwise. */
  protocol?: Protocol | undefined;
}

export async function buildRecommender(data: Interactions, model: string, options: RecommenderOptions = {}): Promise<Recommender> {
  const settings = options.settings ?? defaultSettings;
  // The bar fills over the fit, then the neighbours (about one pass over the data).
  const phase = phasedProgress(options.onProgress, [fitCost(model, options.tune ?? false), 1]);
  const fit = { text: options.text, tune: options.tune, seed: options.seed, signal: options.signal, onProgress: phase(0) };
  let score: ScoreUser;
  let notes: Record<string, string | number>;
  if (options.protocol === 'random-80-20') {
    if (!(ratingModelNames as readonly string[]).includes(model)) throw new AppError('input-malformed', `"${model}" is not a rating model; use one of ${ratingModelNames.join(', ')}.`);
    const fitted = await fitPredictor(model as RatingModelName, data, settings, fit);
    [score, notes] = [fitted.score ?? scoreFromPredictor(fitted.predict), fitted.notes];
  } else {
    if (!(rankingModelNames as readonly string[]).includes(model)) throw new AppError('input-malformed', `"${model}" is not a ranking model; use one of ${rankingModelNames.join(', ')}.`);
    ({ score, notes } = await fitRanker(model as RankingModelName, data, settings, fit));
  }
  const neighbours = await itemNeighbours(data, { ...knnDefaults, ...settings.knn }, 'implicit', { signal: options.signal, onProgress: phase(1) });
  const users = byUser(data);
  const text = options.text ?? null;
  const scores = new Float32Array(data.itemIds.length);
  return {
    model,
    neighbours,
    customers: itemPopularity(data),
    notes,
    recommend(user, k) {
      score(user, scores);
      const own = users.index.subarray(users.offsets[user]!, users.offsets[user + 1]!);
      for (const j of own) scores[j] = -Infinity;
      const items = topK(scores, k);
      return { user, items, scores: Float32Array.from(items, (i) => scores[i]!), reasons: Array.from(items, (i) => reasonsFor(i, own, neighbours, text)) };
    },
  };
}

/** Top-k lists for every user (or the given ones), yielding to the event loop as it goes. */
export async function recommendAll(recommender: Recommender, users: Iterable<number>, k: number, run: RunOptions = {}): Promise<RecommendationList[]> {
  const all = [...users];
  const tick = createTick(run);
  const lists: RecommendationList[] = [];
  for (const [n, u] of all.entries()) {
    if (n % 256 === 0) await tick(n, all.length, 'Recommending');
    lists.push(recommender.recommend(u, k));
  }
  return lists;
}
