import { byItem, byUser, itemPopularity } from './interactions';
import { fitBiases } from './popularity';
import { createTick } from '../jobs/tick';
import { topK } from './top-k';
import type { Csr, Interactions, PredictRating, RunOptions, ScoreUser } from './types';

// Item-kNN, the neighbourhood baseline. For each item, its `neighbours` most similar items:
//   implicit   cosine over co-occurrence, co(i,j) / (sqrt(n_i n_j) + shrinkage): the shrinkage
//              term keeps pairs seen together once from looking as similar as pairs seen 50 times;
//   explicit   Pearson over the residuals r - (mu + b_u + b_i) of co-rating users, times
//              co/(co + shrinkage) (Koren's "KNNBaseline" similarity).
// Co-occurrences are counted item by item into one dense scratch row, so memory stays at the
// neighbour lists (items x neighbours), never items x items.

export interface KnnConfig {
  /** Neighbours kept per item. */
  neighbours: number;
  /** Shrinkage of similarities supported by few users. */
  shrinkage: number;
  /** Rated neighbours used for one rating prediction. */
  predictNeighbours: number;
  /** Added to the sum of similarities a prediction divides by: with weak neighbours it stays near the baseline. */
  predictDamping: number;
}

export const knnDefaults: KnnConfig = { neighbours: 100, shrinkage: 10, predictNeighbours: 40, predictDamping: 1 };

/** Each item's neighbours, most similar first. */
export interface ItemNeighbours {
  offsets: Int32Array;
  index: Int32Array;
  similarity: Float32Array;
  /** Users who interacted with both items: the "customers also bought" count. */
  together: Float32Array;
}

export async function itemNeighbours(train: Interactions, config: KnnConfig, mode: 'implicit' | 'explicit', run: RunOptions = {}): Promise<ItemNeighbours> {
  const items = train.itemIds.length;
  const users: Csr = byUser(train);
  const itemUsers: Csr = byItem(train);
  const residual = new Float32Array(train.user.length);
  if (mode === 'explicit' && train.rating) {
    const { mu, userBias, itemBias } = fitBiases(train);
    for (let r = 0; r < residual.length; r++) residual[r] = train.rating[r]! - mu - userBias[train.user[r]!]! - itemBias[train.item[r]!]!;
  }
  const together = new Float32Array(items);
  const cross = new Float64Array(items); // sum of residual_i * residual_j
  const ownSquares = new Float64Array(items); // sum of residual_i^2 over co-raters
  const otherSquares = new Float64Array(items); // sum of residual_j^2 over co-raters
  const similarityScratch = new Float32Array(items);
  const touched = new Int32Array(items);
  const offsets = new Int32Array(items + 1);
  const lists: { index: Int32Array; similarity: Float32Array; together: Float32Array }[] = [];
  const tick = createTick(run);
  for (let i = 0; i < items; i++) {
    if (i % 256 === 0) await tick(i, items, 'Finding each item’s neighbours');
    let n = 0;
    const ni = itemUsers.offsets[i + 1]! - itemUsers.offsets[i]!;
    for (let p = itemUsers.offsets[i]!; p < itemUsers.offsets[i + 1]!; p++) {
      const u = itemUsers.index[p]!;
      const ri = residual[itemUsers.row[p]!]!;
      for (let q = users.offsets[u]!; q < users.offsets[u + 1]!; q++) {
        const j = users.index[q]!;
        if (j === i) continue;
        if (together[j] === 0) touched[n++] = j;
        together[j]! += 1;
        const rj = residual[users.row[q]!]!;
        cross[j]! += ri * rj;
        ownSquares[j]! += ri * ri;
        otherSquares[j]! += rj * rj;
      }
    }
    // Similarities of the touched items only, in a compact row: never a pass over the catalogue.
    const candidates = similarityScratch.subarray(0, n);
    for (let t = 0; t < n; t++) {
      const j = touched[t]!;
      const co = together[j]!;
      if (mode === 'implicit') {
        const nj = itemUsers.offsets[j + 1]! - itemUsers.offsets[j]!;
        candidates[t] = co / (Math.sqrt(ni * nj) + config.shrinkage);
      } else {
        const norm = Math.sqrt(ownSquares[j]! * otherSquares[j]!);
        candidates[t] = norm > 0 ? ((cross[j]! / norm) * co) / (co + config.shrinkage) : 0;
      }
    }
    const best = topK(candidates, config.neighbours); // positions in `touched`, most similar first
    const index = Int32Array.from(best, (t) => touched[t]!);
    lists.push({ index, similarity: Float32Array.from(best, (t) => candidates[t]!), together: Float32Array.from(index, (j) => together[j]!) });
    offsets[i + 1] = offsets[i]! + best.length;
    for (let t = 0; t < n; t++) {
      const j = touched[t]!;
      together[j] = cross[j] = ownSquares[j] = otherSquares[j] = 0;
    }
  }
  const total = offsets[items]!;
  const out: ItemNeighbours = { offsets, index: new Int32Array(total), similarity: new Float32Array(total), together: new Float32Array(total) };
  lists.forEach((list, i) => {
    out.index.set(list.index, offsets[i]!);
    out.similarity.set(list.similarity, offsets[i]!);
    out.together.set(list.together, offsets[i]!);
  });
  return out;
}

/**
 * Implicit item-kNN scores: the sum of similarities from the user's items to each item
 * (Deshpande & Karypis). A user whose items have no neighbours falls back to popularity, which
 * is added at a scale far below any similarity so it only orders otherwise tied items.
 */
export function knnRanker(train: Interactions, neighbours: ItemNeighbours): ScoreUser {
  const users = byUser(train);
  const popularity = itemPopularity(train);
  const maxPopularity = popularity.reduce((a, b) => Math.max(a, b), 1);
  const tieBreak = Float32Array.from(popularity, (p) => (1e-4 * p) / maxPopularity);
  return (user, out) => {
    out.set(tieBreak);
    for (let p = users.offsets[user]!; p < users.offsets[user + 1]!; p++) {
      const j = users.index[p]!;
      for (let q = neighbours.offsets[j]!; q < neighbours.offsets[j + 1]!; q++) {
        const s = neighbours.similarity[q]!;
        if (s > 0) out[neighbours.index[q]!]! += s;
      }
    }
  };
}

/**
 * Explicit item-kNN: r(u,i) = b_ui + sum_j s_ij (r_uj - b_uj) / (sum_j s_ij + damping) over the
 * `predictNeighbours` most similar items the user rated, b_ui = mu + b_u + b_i (the ratings
 * centred on damped user and item means). Predictions for one user in a row reuse a dense row
 * of that user's residuals.
 */
export function knnPredictor(train: Interactions, neighbours: ItemNeighbours, config: KnnConfig): PredictRating {
  const { mu, userBias, itemBias } = fitBiases(train);
  const users = byUser(train);
  const ratings = train.rating ?? new Float32Array(train.user.length);
  const residualRow = new Float32Array(train.itemIds.length).fill(Number.NaN);
  let current = -1;
  return (user, item) => {
    const base = mu + userBias[user]! + itemBias[item]!;
    if (user !== current) {
      if (current >= 0) for (let p = users.offsets[current]!; p < users.offsets[current + 1]!; p++) residualRow[users.index[p]!] = Number.NaN;
      current = user;
      for (let p = users.offsets[user]!; p < users.offsets[user + 1]!; p++) {
        const j = users.index[p]!;
        residualRow[j] = ratings[users.row[p]!]! - mu - userBias[user]! - itemBias[j]!;
      }
    }
    let [num, den, used] = [0, 0, 0];
    for (let q = neighbours.offsets[item]!; q < neighbours.offsets[item + 1]! && used < config.predictNeighbours; q++) {
      const residual = residualRow[neighbours.index[q]!]!;
      const s = neighbours.similarity[q]!;
      if (Number.isNaN(residual) || s <= 0) continue;
      num += s * residual;
      den += s;
      used++;
    }
    return den + config.predictDamping > 0 ? base + num / (den + config.predictDamping) : base;
  };
}
