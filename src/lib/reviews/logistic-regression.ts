import { minimiseLbfgs, type LbfgsConfig } from './lbfgs';

// Multinomial logistic regression on sparse rows (TF-IDF), the baseline's classifier:
//   p(k | x) = softmax_k(x·W[:, k] + b[k])
//   loss(W, b) = Σ_i w_i · −log p(y_i | x_i) / Σ_i w_i + λ/2 · ‖W‖²     (the bias is not decayed)
// fitted on the whole batch by L-BFGS; the problem is convex, so no learning rate to tune and
// the same data gives the same model. λ = 1 / (C · N), C as in scikit-learn's LogisticRegression.

/** Compressed sparse rows: row i's entries are indices/values[offsets[i] .. offsets[i+1]). */
export interface SparseRows {
  rows: number;
  /** Feature count (D). */
  columns: number;
  offsets: Int32Array;
  indices: Int32Array;
  values: Float32Array;
}

export interface LogisticConfig {
  /** Inverse regularisation strength, per row (scikit-learn's C): larger fits the data harder. */
  c: number;
  iterations: number; // L-BFGS iterations at most
}

export const logisticDefaults: LogisticConfig = { c: 10, iterations: 200 };

export interface LogisticModel {
  classCount: number;
  featureCount: number;
  /** Feature-major [D, K]: weights[j·K + k]. */
  weights: Float32Array;
  /** [K] */
  bias: Float32Array;
}

/** Softmax of logits[0..K) in place. */
function softmaxInPlace(logits: Float64Array): void {
  let max = -Infinity;
  for (let k = 0; k < logits.length; k++) max = Math.max(max, logits[k] as number);
  let sum = 0;
  for (let k = 0; k < logits.length; k++) sum += logits[k] = Math.exp((logits[k] as number) - max);
  for (let k = 0; k < logits.length; k++) logits[k]! /= sum;
}

/** Parameters as one vector: W [D, K] then b [K]. */
function lossAndGradient(x: SparseRows, targets: ArrayLike<number>, rowWeights: Float64Array, K: number, lambda: number) {
  const D = x.columns;
  const biasAt = D * K;
  const p = new Float64Array(K);
  const totalWeight = rowWeights.reduce((s, w) => s + w, 0) || 1;
  return (theta: Float64Array, gradient: Float64Array): number => {
    gradient.fill(0);
    let loss = 0;
    for (let i = 0; i < x.rows; i++) {
      const w = (rowWeights[i] as number) / totalWeight;
      if (w === 0) continue;
      const [start, end] = [x.offsets[i] as number, x.offsets[i + 1] as number];
      for (let k = 0; k < K; k++) p[k] = theta[biasAt + k] as number;
      for (let e = start; e < end; e++) {
        const base = (x.indices[e] as number) * K;
        const v = x.values[e] as number;
        for (let k = 0; k < K; k++) p[k]! += v * (theta[base + k] as number);
      }
      softmaxInPlace(p);
      const y = targets[i] as number;
      loss -= w * Math.log(Math.max(p[y] as number, 1e-300));
      p[y]! -= 1; // p − onehot: the logits' gradient
      for (let k = 0; k < K; k++) gradient[biasAt + k]! += w * (p[k] as number);
      for (let e = start; e < end; e++) {
        const base = (x.indices[e] as number) * K;
        const v = w * (x.values[e] as number);
        for (let k = 0; k < K; k++) gradient[base + k]! += v * (p[k] as number);
      }
    }
    let norm = 0;
    for (let j = 0; j < biasAt; j++) {
      norm += (theta[j] as number) ** 2;
      gradient[j]! += lambda * (theta[j] as number);
    }
    return loss + (lambda / 2) * norm;
  };
}

/**
 * Fits W and b to class indices `targets` (one per row). `rowWeights` (default 1 each) weigh the
 * rows' losses, e.g. to balance classes. `start` warm-starts from a fit with another C.
 */
export function fitLogistic(x: SparseRows, targets: ArrayLike<number>, classCount: number, config: Partial<LogisticConfig> = {}, rowWeights?: Float64Array, start?: LogisticModel, lbfgs: Partial<LbfgsConfig> = {}): LogisticModel {
  const c = { ...logisticDefaults, ...config };
  const K = classCount;
  const D = x.columns;
  const weights = rowWeights ?? new Float64Array(x.rows).fill(1);
  const theta = new Float64Array(D * K + K);
  if (start) {
    theta.set(start.weights);
    theta.set(start.bias, D * K);
  }
  const { x: fitted } = minimiseLbfgs(lossAndGradient(x, targets, weights, K, 1 / (c.c * Math.max(1, x.rows))), theta, { iterations: c.iterations, ...lbfgs });
  return { classCount: K, featureCount: D, weights: Float32Array.from(fitted.subarray(0, D * K)), bias: Float32Array.from(fitted.subarray(D * K)) };
}

/** Class probabilities, row-major [N, K]. */
export function predictLogistic(model: LogisticModel, x: SparseRows): Float32Array {
  const K = model.classCount;
  const out = new Float32Array(x.rows * K);
  const p = new Float64Array(K);
  for (let i = 0; i < x.rows; i++) {
    for (let k = 0; k < K; k++) p[k] = model.bias[k] as number;
    for (let e = x.offsets[i] as number; e < (x.offsets[i + 1] as number); e++) {
      const base = (x.indices[e] as number) * K;
      const v = x.values[e] as number;
      for (let k = 0; k < K; k++) p[k]! += v * (model.weights[base + k] as number);
    }
    softmaxInPlace(p);
    out.set(p, i * K);
  }
  return out;
}

/** Mean −log p(true class) over rows: how the baseline picks C on validation rows. */
export function logLoss(probabilities: ArrayLike<number>, targets: ArrayLike<number>, classCount: number): number {
  let total = 0;
  for (let i = 0; i < targets.length; i++) total -= Math.log(Math.max(probabilities[i * classCount + (targets[i] as number)] as number, 1e-15));
  return total / Math.max(1, targets.length);
}
