import { byUser } from './interactions';
import { fitBiases } from './popularity';
import { createTick } from '../jobs/tick';
import { normalArray, seededRandom } from './random';
import { fitTextMap, projectText, textRidge, type TextRidge } from './text-prior';
import { scoreRows } from './linalg';
import type { Interactions, ItemText, PredictRating, RunOptions, ScoreUser } from './types';

// Explicit matrix factorisation by SGD (Funk; Koren, Bell & Volinsky 2009):
//   r(u,i) = mu + b_u + b_i + q_iᵀ(p_u + |N(u)|^-1/2 sum_{j in N(u)} y_j)
// The bracketed implicit term is SVD++ (`implicit: true`): a user is also described by which
// items they rated. Its y gradients are summed over a user's ratings and applied once per user
// (the usual fast approximation), so an epoch costs O(ratings·k), not O(ratings·|N(u)|·k).
// Biases start from the damped-means baseline. With item text, q_i is pulled towards tᵀP as in
// als.ts (cold items then predict mu + b_u + (tᵀP)ᵀp_u).
// Pure typed-array loops, no tfjs.

export interface MfConfig {
  factors: number; // k
  lr: number; // SGD step
  regularization: number; // L2 on p, q, y
  biasDamping: number; // L2 on b_u (b_i) over the whole objective, like the baseline's damping: each step uses damping / n_u
  biasRate: number; // the biases' step as a multiple of lr; 0 keeps them at the damped-means baseline
  epochs: number; // passes over the ratings
  decay: number; // lr is multiplied by this after each epoch
  implicit: boolean; // SVD++
  textWeight: number; // pull of q_i towards tᵀP (0: text ignored)
  initStd: number; // standard deviation of the initial factors
  seed: number; // order of the ratings and initial factors
}

export const mfDefaults: MfConfig = { factors: 32, lr: 0.007, regularization: 0.05, biasDamping: 10, biasRate: 1, epochs: 30, decay: 0.95, implicit: false, textWeight: 0.05, initStd: 0.1, seed: 1 };

export interface MfModel {
  mu: number;
  userBias: Float32Array;
  itemBias: Float32Array;
  userFactors: Float32Array; // [users, k] (p_u)
  itemFactors: Float32Array; // [items, k] (q_i)
  /** p_u plus the SVD++ implicit sum, the vector items are scored against. */
  userVectors: Float32Array;
  factors: number;
}

export interface MfTrainOptions extends RunOptions {
  text?: ItemText | null;
  /** Called after each epoch with the model so far; return true to stop (early stopping). */
  afterEpoch?: (epoch: number, model: MfModel) => boolean;
}

function userVectors(model: MfModel, train: Interactions, implicitFactors: Float32Array | null): void {
  const k = model.factors;
  model.userVectors.set(model.userFactors);
  if (!implicitFactors) return;
  const users = byUser(train);
  for (let u = 0; u < train.userIds.length; u++) {
    const n = users.offsets[u + 1]! - users.offsets[u]!;
    if (n === 0) continue;
    const scale = 1 / Math.sqrt(n);
    for (let p = users.offsets[u]!; p < users.offsets[u + 1]!; p++) {
      const j = users.index[p]! * k;
      for (let a = 0; a < k; a++) model.userVectors[u * k + a]! += scale * implicitFactors[j + a]!;
    }
  }
}

export async function trainMf(train: Interactions, overrides: Partial<MfConfig> = {}, options: MfTrainOptions = {}): Promise<MfModel> {
  const c = { ...mfDefaults, ...overrides };
  const k = c.factors;
  const random = seededRandom(c.seed);
  const ratings = train.rating ?? new Float32Array(train.user.length).fill(1);
  const { mu, userBias, itemBias } = fitBiases(train);
  const model: MfModel = {
    mu,
    userBias,
    itemBias,
    userFactors: normalArray(train.userIds.length * k, c.initStd, random),
    itemFactors: normalArray(train.itemIds.length * k, c.initStd, random),
    userVectors: new Float32Array(train.userIds.length * k),
    factors: k,
  };
  const implicitFactors = c.implicit ? new Float32Array(train.itemIds.length * k) : null;
  const users = byUser(train);
  const text = options.text && c.textWeight > 0 ? options.text : null;
  const itemCounts = new Float32Array(train.itemIds.length);
  for (let r = 0; r < train.item.length; r++) itemCounts[train.item[r]!]! += 1;
  const warm = Uint8Array.from(itemCounts, (n) => (n > 0 ? 1 : 0));
  const ridge: TextRidge | null = text && textRidge(text, warm, 1);
  const prior = text ? new Float32Array(train.itemIds.length * k) : null;
  // Users and items without ratings are never updated: zero, so they predict by biases alone.
  for (let u = 0; u < train.userIds.length; u++) if (users.offsets[u + 1] === users.offsets[u]) model.userFactors.fill(0, u * k, (u + 1) * k);
  for (let i = 0; i < train.itemIds.length; i++) if (!warm[i]) model.itemFactors.fill(0, i * k, (i + 1) * k);
  const order = Int32Array.from(train.userIds.keys());
  const [z, zGrad] = [new Float32Array(k), new Float32Array(k)];
  const tick = createTick(options);
  let lr = c.lr;
  for (let epoch = 0; epoch < c.epochs; epoch++) {
    await tick(epoch, c.epochs, c.implicit ? 'SVD++' : 'Biased MF');
    if (text && ridge && prior) {
      const map = fitTextMap(ridge, text, model.itemFactors, k);
      for (let i = 0; i < train.itemIds.length; i++) if (text.has[i]) projectText(text, map, i, k, prior, i * k);
    }
    // Users in a shuffled order, each user's ratings in a shuffled order.
    for (const u of random.shuffle(order)) {
      const [from, to] = [users.offsets[u]!, users.offsets[u + 1]!];
      if (from === to) continue;
      const scale = 1 / Math.sqrt(to - from);
      z.fill(0);
      zGrad.fill(0);
      if (implicitFactors) for (let p = from; p < to; p++) for (let a = 0; a < k; a++) z[a]! += scale * implicitFactors[users.index[p]! * k + a]!;
      const entries = random.shuffle(Int32Array.from({ length: to - from }, (_, n) => from + n));
      for (const p of entries) {
        const i = users.index[p]!;
        const [pu, qi] = [u * k, i * k];
        let dot = 0;
        for (let a = 0; a < k; a++) dot += model.itemFactors[qi + a]! * (model.userFactors[pu + a]! + z[a]!);
        const e = ratings[users.row[p]!]! - (mu + userBias[u]! + itemBias[i]! + dot);
        userBias[u]! += c.biasRate * lr * (e - (c.biasDamping / (to - from)) * userBias[u]!);
        itemBias[i]! += c.biasRate * lr * (e - (c.biasDamping / itemCounts[i]!) * itemBias[i]!);
        const hasPrior = prior !== null && text !== null && text.has[i] === 1;
        for (let a = 0; a < k; a++) {
          const puA = model.userFactors[pu + a]!;
          const qiA = model.itemFactors[qi + a]!;
          model.userFactors[pu + a] = puA + lr * (e * qiA - c.regularization * puA);
          const pull = hasPrior ? c.textWeight * (qiA - prior[qi + a]!) : 0;
          model.itemFactors[qi + a] = qiA + lr * (e * (puA + z[a]!) - c.regularization * qiA - pull);
          zGrad[a]! += e * scale * qiA;
        }
      }
      if (implicitFactors) {
        for (let p = from; p < to; p++) {
          const j = users.index[p]! * k;
          for (let a = 0; a < k; a++) implicitFactors[j + a]! += lr * (zGrad[a]! - c.regularization * implicitFactors[j + a]!);
        }
      }
    }
    lr *= c.decay;
    userVectors(model, train, implicitFactors);
    if (options.afterEpoch?.(epoch, model)) break;
  }
  userVectors(model, train, implicitFactors);
  if (text && ridge) {
    // Items nobody rated take their text image.
    const map = fitTextMap(ridge, text, model.itemFactors, k);
    for (let i = 0; i < train.itemIds.length; i++) if (!warm[i] && text.has[i]) projectText(text, map, i, k, model.itemFactors, i * k);
  }
  return model;
}

export function mfPredictor(model: MfModel): PredictRating {
  const k = model.factors;
  return (u, i) => {
    let dot = 0;
    for (let a = 0; a < k; a++) dot += model.userVectors[u * k + a]! * model.itemFactors[i * k + a]!;
    return model.mu + model.userBias[u]! + model.itemBias[i]! + dot;
  };
}

/** Predicted ratings over the whole catalogue for one user, for top-k lists. */
export function mfRanker(model: MfModel): ScoreUser {
  const k = model.factors;
  return (u, out) => {
    scoreRows(model.itemFactors, model.userVectors.subarray(u * k, (u + 1) * k), k, out);
    const base = model.mu + model.userBias[u]!;
    for (let i = 0; i < out.length; i++) out[i]! += base + model.itemBias[i]!;
  };
}
