// Spherical k-means (k-means on unit vectors under cosine similarity) with k-means++ seeding, and
// the silhouette of a clustering, for topics.ts. Rows live in one row-major [n, d] Float32Array.
//
// With unit rows the cosine distance 1 − x·y is linear in y, so the mean distance from a row to a
// cluster is 1 − x·(sum of the cluster's rows)/count: the exact silhouette costs O(n·k·d), not the
// O(n²·d) of pairwise distances, and needs no sampling.
import { Rng } from '../ml/train/rng';

/** Rows copied into one [n, d] array, each scaled to unit length (an all-zero row stays zero). */
export function unitRows(rows: readonly Float32Array[]): Float32Array {
  const d = rows[0]?.length ?? 0;
  const X = new Float32Array(rows.length * d);
  rows.forEach((row, i) => {
    let norm = 0;
    for (let j = 0; j < d; j++) norm += (row[j] as number) ** 2;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let j = 0; j < d; j++) X[i * d + j] = (row[j] as number) * scale;
  });
  return X;
}

/** x_i · c_j for row i of X [n, d] and row j of C [k, d]. */
function dot(X: Float32Array, i: number, C: Float32Array, j: number, d: number): number {
  let s = 0;
  const a = i * d;
  const b = j * d;
  for (let t = 0; t < d; t++) s += (X[a + t] as number) * (C[b + t] as number);
  return s;
}

export interface KMeansResult {
  /** Cluster of each row. */
  assignment: Int32Array;
  /** Unit-length centroids [k, d]. */
  centroids: Float32Array;
  /** Cosine similarity of each row to its centroid. */
  similarity: Float32Array;
  /** Sum of `similarity`: what k-means maximises. */
  objective: number;
  iterations: number;
}

/** k-means++: the first centre uniformly, each next one with probability ∝ (cosine distance to the nearest centre)². */
function seedCentroids(X: Float32Array, n: number, d: number, k: number, rng: Rng): Float32Array {
  const C = new Float32Array(k * d);
  const nearest = new Float64Array(n).fill(Infinity);
  let pick = rng.int(n);
  for (let c = 0; c < k; c++) {
    C.set(X.subarray(pick * d, (pick + 1) * d), c * d);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const distance = Math.max(0, 1 - dot(X, i, C, c, d));
      if (distance < (nearest[i] as number)) nearest[i] = distance;
      total += (nearest[i] as number) ** 2;
    }
    if (total <= 0) {
      pick = rng.int(n); // every row sits on a centre already: any row will do
      continue;
    }
    let target = rng.next() * total;
    pick = n - 1;
    for (let i = 0; i < n; i++) {
      target -= (nearest[i] as number) ** 2;
      if (target <= 0) {
        pick = i;
        break;
      }
    }
  }
  return C;
}

/** Each centroid := the normalised sum of its rows. Returns the rows per cluster. */
function updateCentroids(X: Float32Array, n: number, d: number, k: number, assignment: Int32Array, C: Float32Array): Int32Array {
  const counts = new Int32Array(k);
  C.fill(0);
  for (let i = 0; i < n; i++) {
    const c = assignment[i] as number;
    counts[c]!++;
    for (let t = 0; t < d; t++) C[c * d + t]! += X[i * d + t] as number;
  }
  for (let c = 0; c < k; c++) {
    let norm = 0;
    for (let t = 0; t < d; t++) norm += (C[c * d + t] as number) ** 2;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let t = 0; t < d; t++) C[c * d + t] = (C[c * d + t] as number) * scale;
  }
  return counts;
}

/** One run of spherical k-means from k-means++ seeds; k must be in [1, n]. */
export function sphericalKMeans(X: Float32Array, n: number, d: number, k: number, rng: Rng, maxIterations = 50): KMeansResult {
  const C = seedCentroids(X, n, d, k, rng);
  const assignment = new Int32Array(n).fill(-1);
  const similarity = new Float32Array(n);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    let moved = 0;
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestSim = -Infinity;
      for (let c = 0; c < k; c++) {
        const s = dot(X, i, C, c, d);
        if (s > bestSim) [best, bestSim] = [c, s];
      }
      if (assignment[i] !== best) moved++;
      assignment[i] = best;
      similarity[i] = bestSim;
    }
    const counts = updateCentroids(X, n, d, k, assignment, C);
    // An emptied cluster takes the row its centroid fits worst (from a cluster that can spare
    // one), so k clusters survive.
    let refilled = false;
    for (let c = 0; c < k; c++) {
      if (counts[c] !== 0) continue;
      let worst = -1;
      for (let i = 0; i < n; i++) if ((counts[assignment[i] as number] as number) > 1 && (worst < 0 || (similarity[i] as number) < (similarity[worst] as number))) worst = i;
      if (worst < 0) break;
      counts[assignment[worst] as number]!--;
      counts[c]!++;
      assignment[worst] = c;
      refilled = true;
      moved++;
    }
    if (refilled) updateCentroids(X, n, d, k, assignment, C);
    if (moved <= n / 1000) break; // converged, up to a row or so in a thousand
  }
  let objective = 0;
  for (let i = 0; i < n; i++) objective += similarity[i] = dot(X, i, C, assignment[i] as number, d);
  return { assignment, centroids: C, similarity, objective, iterations };
}

/** Mean silhouette over all rows, cosine distance; a row alone in its cluster scores 0. In [-1, 1]. */
export function silhouette(X: Float32Array, n: number, d: number, assignment: Int32Array, k: number): number {
  if (k < 2 || n < 2) return 0;
  const sums = new Float64Array(k * d); // [k, d]
  const counts = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    const c = assignment[i] as number;
    counts[c]!++;
    for (let t = 0; t < d; t++) sums[c * d + t]! += X[i * d + t] as number;
  }
  let total = 0;
  const toCluster = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const own = assignment[i] as number;
    if ((counts[own] as number) < 2) continue;
    let self = 0;
    for (let t = 0; t < d; t++) self += (X[i * d + t] as number) ** 2;
    toCluster.fill(0);
    for (let t = 0; t < d; t++) {
      const x = X[i * d + t] as number;
      for (let c = 0; c < k; c++) toCluster[c]! += x * (sums[c * d + t] as number);
    }
    const a = 1 - ((toCluster[own] as number) - self) / ((counts[own] as number) - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && (counts[c] as number) > 0) b = Math.min(b, 1 - (toCluster[c] as number) / (counts[c] as number));
    if (Number.isFinite(b)) total += (b - a) / Math.max(a, b, 1e-12);
  }
  return total / n;
}
