import { byItem, byUser } from './interactions';
import { gram, scoreRows } from './linalg';
import { createTick } from '../jobs/tick';
import { normalArray, seededRandom } from './random';
import { fitTextMap, projectText, randomTextMap, textRidge } from './text-prior';
import type { Csr, Interactions, ItemText, RunOptions, ScoreUser } from './types';

// Implicit-feedback matrix factorisation by alternating least squares (Hu, Koren & Volinsky
// 2008): every (user, item) cell is a preference p in {0, 1} with confidence c = 1 + alpha·count
// where observed, and weight w_i = popularity_i^beta (mean 1) where missing (eALS, He et al.
// 2016: a popular item the user skipped says more than an obscure one; beta 0 is plain ALS),
//   min  sum_observed c_ui (1 - x_u·y_i)^2 + sum_missing w_i (x_u·y_i)^2 + lambda (|x_u|^2 + |y_i|^2)   [+ mu |y_i - t_iᵀP|^2]
// Each half-step solves one k x k system per user (or item) by a few steps of conjugate
// gradient warm-started from the previous factors (Takács, Pilászy & Tikk 2011): the matrix
// A = YᵀWY + sum_i (c_i - w_i) y_i y_iᵀ + lambda I is never formed; A·v costs O(k² + n_u k).
// The bracketed term is the text prior (text-prior.ts), on when item text is given.
// Pure typed-array loops: no tfjs, so it runs the same in a worker, the page and Node.

export interface AlsConfig {
  factors: number; // k, the width of user and item vectors
  regularization: number; // lambda on every vector
  alpha: number; // confidence slope: c = 1 + alpha·(rows merged into the pair)
  epochs: number; // user half-step + item half-step = one epoch
  cgSteps: number; // conjugate-gradient steps per vector per half-step
  textWeight: number; // mu, the pull of items with text towards t P (0: text ignored)
  textRidge: number; // rho of the ridge fit of P
  popularityWeighting: number; // beta: a missing cell of item i weighs popularity_i^beta (mean 1), as in eALS; 0 = uniform
  seed: number; // initial factors
}

export const alsDefaults: AlsConfig = { factors: 64, regularization: 20, alpha: 10, epochs: 12, cgSteps: 3, textWeight: 5, textRidge: 1, popularityWeighting: 0.5, seed: 1 };

export interface FactorModel {
  factors: number;
  /** [users, k] */
  userFactors: Float32Array;
  /** [items, k] */
  itemFactors: Float32Array;
  /** The text map P [D, k] when text was used. */
  textMap: Float64Array | null;
}

interface Prior {
  weight: number;
  /** The owner's prior vector into `out`; false when it has none. */
  target(owner: number, out: Float64Array): boolean;
}

/** Solves every owner's vector in `mine` given the other side's `theirs`. */
function halfStep(rows: Csr, confidence: Float32Array, mine: Float32Array, theirs: Float32Array, config: AlsConfig, prior: Prior | null, missingWeight: { mine: Float32Array | null; theirs: Float32Array | null }): void {
  const k = config.factors;
  const g = gram(theirs, k, missingWeight.theirs); // sum of w y yᵀ over every cell: all cells count as missing first
  const [x, b, r, p, ap, target] = [new Float64Array(k), new Float64Array(k), new Float64Array(k), new Float64Array(k), new Float64Array(k), new Float64Array(k)];
  const owners = rows.offsets.length - 1;
  for (let o = 0; o < owners; o++) {
    const [from, to] = [rows.offsets[o]!, rows.offsets[o + 1]!];
    const hasPrior = prior !== null && prior.target(o, target);
    if (from === to) {
      // Nothing observed: only the prior speaks (a cold item gets its text image), else zero.
      for (let a = 0; a < k; a++) mine[o * k + a] = hasPrior ? target[a]! : 0;
      continue;
    }
    const extra = config.regularization + (hasPrior ? prior.weight : 0);
    const own = missingWeight.mine ? missingWeight.mine[o]! : 1;
    // A v = own·G v + sum (c - w)(y·v) y + (lambda + mu) v, w the weight of the cell as missing
    const multiply = (v: Float64Array, out: Float64Array) => {
      for (let a = 0; a < k; a++) {
        let s = 0;
        for (let c = 0; c < k; c++) s += g[a * k + c]! * v[c]!;
        out[a] = own * s + extra * v[a]!;
      }
      for (let q = from; q < to; q++) {
        const j = rows.index[q]!;
        const y = j * k;
        let dot = 0;
        for (let a = 0; a < k; a++) dot += theirs[y + a]! * v[a]!;
        const w = (confidence[rows.row[q]!]! - own * (missingWeight.theirs ? missingWeight.theirs[j]! : 1)) * dot;
        for (let a = 0; a < k; a++) out[a]! += w * theirs[y + a]!;
      }
    };
    for (let a = 0; a < k; a++) {
      x[a] = mine[o * k + a]!;
      b[a] = hasPrior ? prior.weight * target[a]! : 0;
    }
    for (let q = from; q < to; q++) {
      const y = rows.index[q]! * k;
      const c = confidence[rows.row[q]!]!;
      for (let a = 0; a < k; a++) b[a]! += c * theirs[y + a]!;
    }
    multiply(x, ap);
    let rr = 0;
    for (let a = 0; a < k; a++) {
      r[a] = b[a]! - ap[a]!;
      p[a] = r[a]!;
      rr += r[a]! * r[a]!;
    }
    for (let step = 0; step < config.cgSteps && rr > 1e-12; step++) {
      multiply(p, ap);
      let pap = 0;
      for (let a = 0; a < k; a++) pap += p[a]! * ap[a]!;
      const alpha = rr / pap;
      let next = 0;
      for (let a = 0; a < k; a++) {
        x[a]! += alpha * p[a]!;
        r[a]! -= alpha * ap[a]!;
        next += r[a]! * r[a]!;
      }
      for (let a = 0; a < k; a++) p[a] = r[a]! + (next / rr) * p[a]!;
      rr = next;
    }
    for (let a = 0; a < k; a++) mine[o * k + a] = x[a]!;
  }
}

/** Per-item weight of a missing cell, popularity^beta scaled to mean 1; null for uniform (beta 0). */
function missingWeights(items: Csr, beta: number): Float32Array | null {
  if (beta === 0) return null;
  const n = items.offsets.length - 1;
  const raw = Float32Array.from({ length: n }, (_, i) => (items.offsets[i + 1]! - items.offsets[i]!) ** beta);
  const mean = raw.reduce((a, b) => a + b, 0) / Math.max(1, n);
  return raw.map((w) => (mean > 0 ? w / mean : 1));
}

export async function trainAls(train: Interactions, overrides: Partial<AlsConfig> = {}, text: ItemText | null = null, run: RunOptions = {}): Promise<FactorModel> {
  const config = { ...alsDefaults, ...overrides };
  const k = config.factors;
  const random = seededRandom(config.seed);
  const users = byUser(train);
  const items = byItem(train);
  const confidence = Float32Array.from(train.count, (n) => 1 + config.alpha * n);
  const weights = missingWeights(items, config.popularityWeighting);
  const userFactors = new Float32Array(train.userIds.length * k);
  const itemFactors = normalArray(train.itemIds.length * k, 0.1 / Math.sqrt(k), random);
  const useText = text !== null && config.textWeight > 0;
  let textMap: Float64Array | null = null;
  let itemPrior: Prior | null = null;
  if (useText) {
    const warm = Uint8Array.from({ length: train.itemIds.length }, (_, i) => (items.offsets[i + 1]! > items.offsets[i]! ? 1 : 0));
    const ridge = textRidge(text, warm, config.textRidge);
    textMap = randomTextMap(text, k, 0.1 / Math.sqrt(k), random);
    for (let i = 0; i < train.itemIds.length; i++) if (text.has[i]) projectText(text, textMap, i, k, itemFactors, i * k);
    const map = () => textMap as Float64Array;
    itemPrior = { weight: config.textWeight, target: (i, out) => (text.has[i] === 1 ? (projectText(text, map(), i, k, out), true) : false) };
    const tick = createTick(run);
    for (let epoch = 0; epoch < config.epochs; epoch++) {
      await tick(epoch, config.epochs, 'ALS with a text prior');
      halfStep(users, confidence, userFactors, itemFactors, config, null, { mine: null, theirs: weights });
      halfStep(items, confidence, itemFactors, userFactors, config, itemPrior, { mine: weights, theirs: null });
      textMap = fitTextMap(ridge, text, itemFactors, k);
    }
    // Cold items take the final map's image of their text.
    for (let i = 0; i < train.itemIds.length; i++) if (!warm[i] && text.has[i]) projectText(text, textMap, i, k, itemFactors, i * k);
    return { factors: k, userFactors, itemFactors, textMap };
  }
  const tick = createTick(run);
  for (let epoch = 0; epoch < config.epochs; epoch++) {
    await tick(epoch, config.epochs, 'ALS');
    halfStep(users, confidence, userFactors, itemFactors, config, null, { mine: null, theirs: weights });
    halfStep(items, confidence, itemFactors, userFactors, config, null, { mine: weights, theirs: null });
  }
  return { factors: k, userFactors, itemFactors, textMap };
}

/** Scores x_u · y_i over the catalogue. */
export function factorRanker(model: FactorModel): ScoreUser {
  const k = model.factors;
  const user = new Float32Array(k);
  return (u, out) => {
    user.set(model.userFactors.subarray(u * k, (u + 1) * k));
    scoreRows(model.itemFactors, user, k, out);
  };
}
