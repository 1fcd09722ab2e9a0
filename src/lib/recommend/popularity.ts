import { itemPopularity } from './interactions';
import type { Interactions, PredictRating, ScoreUser } from './types';

// The popularity baselines. Ranking: every user gets the items most users interacted with.
// Ratings: the item's mean rating, damped towards the global mean by `damping` pseudo-ratings
// so an item rated once by a fan is not predicted a 5.

export function popularityRanker(train: Interactions): ScoreUser {
  const popularity = itemPopularity(train);
  return (_user, out) => out.set(popularity);
}

export function globalMean(train: Interactions): number {
  const ratings = train.rating;
  if (!ratings || ratings.length === 0) return 0;
  let sum = 0;
  for (let r = 0; r < ratings.length; r++) sum += ratings[r]!;
  return sum / ratings.length;
}

/** Damped item means [items]. */
export function itemMeans(train: Interactions, damping: number): Float32Array {
  const mu = globalMean(train);
  const sum = new Float64Array(train.itemIds.length);
  const count = new Float64Array(train.itemIds.length);
  const ratings = train.rating;
  if (ratings) {
    for (let r = 0; r < ratings.length; r++) {
      sum[train.item[r]!]! += ratings[r]!;
      count[train.item[r]!]! += 1;
    }
  }
  return Float32Array.from(sum, (s, i) => (s + damping * mu) / (count[i]! + damping));
}

export function itemMeanPredictor(train: Interactions, damping = 5): PredictRating {
  const means = itemMeans(train, damping);
  return (_user, item) => means[item]!;
}

/**
 * Baseline estimates mu + b_u + b_i (Koren 2008), fitted by a few rounds of damped means:
 * b_i = sum(r - mu - b_u) / (n_i + itemDamping), then b_u likewise. Biased MF and item-kNN start
 * from these; they are also reported as a baseline of their own ('biases').
 */
export function fitBiases(train: Interactions, { itemDamping = 10, userDamping = 10, rounds = 4 } = {}): { mu: number; userBias: Float32Array; itemBias: Float32Array } {
  const mu = globalMean(train);
  const userBias = new Float32Array(train.userIds.length);
  const itemBias = new Float32Array(train.itemIds.length);
  const ratings = train.rating;
  if (!ratings) return { mu, userBias, itemBias };
  const sum = new Float64Array(Math.max(userBias.length, itemBias.length));
  const count = new Float64Array(sum.length);
  for (let round = 0; round < rounds; round++) {
    sum.fill(0), count.fill(0);
    for (let r = 0; r < ratings.length; r++) {
      sum[train.item[r]!]! += ratings[r]! - mu - userBias[train.user[r]!]!;
      count[train.item[r]!]! += 1;
    }
    for (let i = 0; i < itemBias.length; i++) itemBias[i] = sum[i]! / (count[i]! + itemDamping);
    sum.fill(0), count.fill(0);
    for (let r = 0; r < ratings.length; r++) {
      sum[train.user[r]!]! += ratings[r]! - mu - itemBias[train.item[r]!]!;
      count[train.user[r]!]! += 1;
    }
    for (let u = 0; u < userBias.length; u++) userBias[u] = sum[u]! / (count[u]! + userDamping);
  }
  return { mu, userBias, itemBias };
}

export function biasPredictor(train: Interactions): PredictRating {
  const { mu, userBias, itemBias } = fitBiases(train);
  return (user, item) => mu + userBias[user]! + itemBias[item]!;
}
