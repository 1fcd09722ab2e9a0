import { argmaxRows } from './metrics';

// Which unlabelled reviews the user should label next, and which predictions are sure enough to
// be used as labels. Uncertainty from the current model's probabilities [N, K]: the margin
// between the top two classes, or the entropy. Picking only the most uncertain rows tends to
// pick near-duplicates (ten copies of the same ambiguous sentence teach one thing), so among the
// most uncertain candidates each next pick is the one least similar to those already picked,
// weighed against its uncertainty.

export const uncertaintyKinds = ['margin', 'entropy'] as const;
export type UncertaintyKind = (typeof uncertaintyKinds)[number];

/** Per row, higher = less sure: 1 − (p1 − p2) for margin, entropy / ln K for entropy; both in [0, 1]. */
export function uncertainty(probabilities: ArrayLike<number>, classCount: number, kind: UncertaintyKind = 'margin'): Float64Array {
  const K = classCount;
  const N = Math.floor(probabilities.length / K);
  const out = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    if (kind === 'margin') {
      let [first, second] = [-Infinity, -Infinity];
      for (let k = 0; k < K; k++) {
        const p = probabilities[i * K + k] as number;
        if (p > first) [first, second] = [p, first];
        else if (p > second) second = p;
      }
      out[i] = 1 - (first - (K > 1 ? second : 0));
    } else {
      let h = 0;
      for (let k = 0; k < K; k++) {
        const p = probabilities[i * K + k] as number;
        if (p > 0) h -= p * Math.log(p);
      }
      out[i] = K > 1 ? h / Math.log(K) : 0;
    }
  }
  return out;
}

export interface PickOptions {
  kind: UncertaintyKind;
  /** Rows not to offer (already labelled). */
  exclude?: ArrayLike<number>;
  /** Row vectors [N, D] (sentence embeddings) for the diversity term; without them, pure uncertainty. */
  vectors?: Float32Array;
  /** How much similarity to an earlier pick costs, in units of uncertainty (0: none). */
  diversity: number;
  /** Candidates considered: the `poolFactor × count` most uncertain rows. */
  poolFactor: number;
}

export const pickDefaults: PickOptions = { kind: 'margin', diversity: 0.5, poolFactor: 5 };

/** Row indices to label next, most useful first. */
export function pickForLabelling(probabilities: ArrayLike<number>, classCount: number, count: number, options: Partial<PickOptions> = {}): Int32Array {
  const o = { ...pickDefaults, ...options };
  const scores = uncertainty(probabilities, classCount, o.kind);
  const excluded = new Set(Array.from(o.exclude ?? []));
  // Most uncertain first; ties by row number, so the same input gives the same picks.
  const pool = Array.from(scores.keys()).filter((i) => !excluded.has(i)).sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b).slice(0, Math.max(count, Math.ceil(count * o.poolFactor)));
  if (!o.vectors || o.diversity === 0) return Int32Array.from(pool.slice(0, count));
  const vectors = o.vectors;
  const D = vectors.length / scores.length;
  const norms = new Float64Array(scores.length);
  for (const i of pool) {
    let s = 0;
    for (let d = 0; d < D; d++) s += (vectors[i * D + d] as number) ** 2;
    norms[i] = Math.sqrt(s) || 1;
  }
  const cosine = (i: number, j: number) => {
    let s = 0;
    for (let d = 0; d < D; d++) s += (vectors[i * D + d] as number) * (vectors[j * D + d] as number);
    return s / ((norms[i] as number) * (norms[j] as number));
  };
  const closest = new Float64Array(scores.length).fill(-1); // each candidate's largest similarity to a pick so far
  const picked: number[] = [];
  const left = new Set(pool);
  while (picked.length < count && left.size > 0) {
    let best = -1;
    let bestValue = -Infinity;
    for (const i of left) {
      const value = (scores[i] as number) - o.diversity * Math.max(0, closest[i] as number);
      if (value > bestValue) [best, bestValue] = [i, value];
    }
    picked.push(best);
    left.delete(best);
    for (const i of left) closest[i] = Math.max(closest[i] as number, cosine(i, best));
  }
  return Int32Array.from(picked);
}

export interface PseudoLabels {
  rows: Int32Array;
  targets: Int32Array;
  confidence: Float32Array;
}

/**
 * Predictions sure enough to train on: top probability ≥ threshold, at most `maxPerClass` per
 * class (the surest first), so one easy class does not drown the others.
 */
export function pseudoLabels(probabilities: ArrayLike<number>, classCount: number, options: { threshold: number; maxPerClass?: number; exclude?: ArrayLike<number> }): PseudoLabels {
  const K = classCount;
  const N = Math.floor(probabilities.length / K);
  const excluded = new Set(Array.from(options.exclude ?? []));
  const byClass: { row: number; p: number }[][] = Array.from({ length: K }, () => []);
  const calls = argmaxRows(probabilities, K);
  for (let i = 0; i < N; i++) {
    if (excluded.has(i)) continue;
    const best = calls[i] as number;
    const p = probabilities[i * K + best] as number;
    if (p >= options.threshold) byClass[best]!.push({ row: i, p });
  }
  const chosen = byClass.flatMap((list, k) => list.sort((a, b) => b.p - a.p || a.row - b.row).slice(0, options.maxPerClass ?? Infinity).map((e) => ({ ...e, k })));
  chosen.sort((a, b) => a.row - b.row);
  return { rows: Int32Array.from(chosen, (e) => e.row), targets: Int32Array.from(chosen, (e) => e.k), confidence: Float32Array.from(chosen, (e) => e.p) };
}
