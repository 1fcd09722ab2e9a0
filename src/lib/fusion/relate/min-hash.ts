// Bottom-k MinHash sketches (one hash function, the k smallest distinct hashes; Cohen & Kaplan
// 2007) for containment between columns of any size. Below its largest hash a sketch holds
// every hash of its set, so two sketches agree exactly on the hash range both cover: the share
// of A's hashes there that B also holds estimates |A ∩ B| / |A| without either set, and with k
// samples its standard error is about sqrt(c(1 - c) / k). Small sets keep all their hashes
// (`complete`), which makes the same estimator exact.

/** Plain data, so sketches can be built in a worker and sent on. */
export interface MinHashSketch {
  /** The smallest distinct hashes of the set, ascending; all of them when `complete`. */
  hashes: Uint32Array;
  /** True when `hashes` is the whole set (it had no more distinct values than were kept). */
  complete: boolean;
  /** Distinct values of the whole set. */
  distinct: number;
}

/** Hashes kept per sketch by default: about 1% standard error on a containment near 0.5. */
export const defaultSketchSize = 2048;

/** Sorts `hashes` in place and returns the prefix holding each distinct hash once. */
export function sortDistinct(hashes: Uint32Array): Uint32Array {
  hashes.sort();
  let n = 0;
  for (let i = 0; i < hashes.length; i++) {
    const h = hashes[i]!;
    if (n === 0 || h !== hashes[n - 1]) hashes[n++] = h;
  }
  return hashes.subarray(0, n);
}

/**
 * A sketch of a set given as hashes (any order, repeats allowed; the array is sorted in place).
 * Sets with at most `exactLimit` distinct hashes are kept whole, larger ones as their
 * `size` smallest.
 */
export function minHashSketch(hashes: Uint32Array, size = defaultSketchSize, exactLimit = size): MinHashSketch {
  const distinct = sortDistinct(hashes);
  const complete = distinct.length <= Math.max(size, exactLimit);
  // slice, not subarray: the caller's (possibly huge) buffer must not stay alive behind a sketch.
  return { hashes: distinct.slice(0, complete ? distinct.length : size), complete, distinct: distinct.length };
}

/** Largest hash below which the sketch is known to hold every hash of its set. */
function coverage(sketch: MinHashSketch): number {
  return sketch.complete ? Infinity : (sketch.hashes[sketch.hashes.length - 1] ?? Infinity);
}

export interface ContainmentEstimate {
  /** Estimated share of A's distinct values that are in B, 0..1. */
  containment: number;
  /** Hashes of A the estimate rests on; it is exact when both sketches are complete. */
  samples: number;
  exact: boolean;
}

/** Estimates the share of A's distinct values that B holds. */
export function sketchContainment(a: MinHashSketch, b: MinHashSketch): ContainmentEstimate {
  const limit = Math.min(coverage(a), coverage(b));
  const A = a.hashes;
  const B = b.hashes;
  let samples = 0;
  let hits = 0;
  let j = 0;
  for (let i = 0; i < A.length; i++) {
    const h = A[i]!;
    if (h > limit) break;
    samples++;
    while (j < B.length && B[j]! < h) j++;
    if (j < B.length && B[j] === h) hits++;
  }
  return { containment: samples === 0 ? 0 : hits / samples, samples, exact: a.complete && b.complete };
}

/** Whether the set holds `hash`: null when the hash lies beyond what the sketch covers. */
export function sketchHolds(sketch: MinHashSketch, hash: number): boolean | null {
  if (hash > coverage(sketch)) return null;
  const H = sketch.hashes;
  let lo = 0;
  let hi = H.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (H[mid]! < hash) lo = mid + 1;
    else hi = mid;
  }
  return H[lo] === hash;
}
