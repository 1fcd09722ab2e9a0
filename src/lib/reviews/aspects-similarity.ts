// Aspects by meaning, for sentences no keyword matched ("it showed up two weeks late", typos
// like "delivreed"). Each aspect gets a prototype vector: the mean of the sentences its keywords
// matched alone (the data's own examples), or, with too few of those, its description's vector.
// A sentence takes the nearest prototype when it is similar enough and clearly more similar to it
// than to the corpus as a whole: generic sentences ("Already ordered more.", "Long-time customer
// here.") sit near the corpus centroid and near every prototype, and would otherwise be
// assigned to whichever aspect is closest by a hair.
import { unitRows } from './topics-kmeans';

export interface SimilarityOptions {
  /** Least cosine similarity to the prototype. */
  minSimilarity: number;
  /** Least excess of that similarity over the similarity to the corpus centroid. */
  minMargin: number;
  /** Fewest keyword-only sentences for a prototype from examples (else the description). */
  minExamples: number;
}

function dotRow(X: Float32Array, i: number, v: Float32Array, d: number): number {
  let s = 0;
  for (let t = 0; t < d; t++) s += (X[i * d + t] as number) * (v[t] as number);
  return s;
}

function normalise(v: Float64Array | Float32Array): Float32Array {
  let norm = 0;
  for (const x of v) norm += x * x;
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  return Float32Array.from(v, (x) => x * scale);
}

/**
 * The aspect of each sentence without keyword hits, by similarity; -1 where none fits (and for
 * sentences with hits). `descriptions[a]` may be missing (discovered aspects have none).
 */
export function similarAspects(sentenceVectors: readonly Float32Array[], hits: readonly ReadonlySet<number>[], aspectCount: number, descriptions: readonly (Float32Array | undefined)[], o: SimilarityOptions): Int32Array {
  const S = sentenceVectors.length;
  const d = sentenceVectors[0]?.length ?? 0;
  const X = unitRows(sentenceVectors); // [S, d]
  const sums = Array.from({ length: aspectCount }, () => new Float64Array(d));
  const counts = new Int32Array(aspectCount);
  const all = new Float64Array(d);
  for (let s = 0; s < S; s++) {
    for (let t = 0; t < d; t++) all[t]! += X[s * d + t] as number;
    const h = hits[s] as ReadonlySet<number>;
    if (h.size !== 1) continue;
    const [a] = h as Set<number>;
    counts[a as number]!++;
    const sum = sums[a as number] as Float64Array;
    for (let t = 0; t < d; t++) sum[t]! += X[s * d + t] as number;
  }
  const prototypes = sums.map((sum, a) => ((counts[a] as number) >= o.minExamples ? normalise(sum) : descriptions[a] ? normalise(descriptions[a] as Float32Array) : null));
  const centroid = normalise(all);
  const assigned = new Int32Array(S).fill(-1);
  for (let s = 0; s < S; s++) {
    if ((hits[s] as ReadonlySet<number>).size > 0) continue;
    let best = -1;
    let bestSim = -Infinity;
    prototypes.forEach((p, a) => {
      if (!p) return;
      const sim = dotRow(X, s, p, d);
      if (sim > bestSim) [best, bestSim] = [a, sim];
    });
    if (best >= 0 && bestSim >= o.minSimilarity && bestSim - dotRow(X, s, centroid, d) >= o.minMargin) assigned[s] = best;
  }
  return assigned;
}
