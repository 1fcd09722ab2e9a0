// Similarities of prepared values, each in 0..1. Token and q-gram sets arrive as sorted id arrays
// (see prepare.ts), so overlap and cosine are a single merge with no allocation.

/** Jaccard index of two sorted, duplicate-free id arrays. */
export function jaccardSorted(x: Int32Array, y: Int32Array): number {
  if (x.length === 0 || y.length === 0) return 0;
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < x.length && j < y.length) {
    const a = x[i]!;
    const b = y[j]!;
    if (a === b) { shared++; i++; j++; } else if (a < b) i++; else j++;
  }
  return shared / (x.length + y.length - shared);
}

/** Cosine of two sparse vectors (sorted ids, weights already scaled to unit length). */
export function cosineSparse(xIds: Int32Array, xWeights: Float32Array, yIds: Int32Array, yWeights: Float32Array): number {
  let i = 0;
  let j = 0;
  let dot = 0;
  while (i < xIds.length && j < yIds.length) {
    const a = xIds[i]!;
    const b = yIds[j]!;
    if (a === b) { dot += xWeights[i]! * yWeights[j]!; i++; j++; } else if (a < b) i++; else j++;
  }
  return Math.min(1, dot);
}

/** Cosine of two dense embeddings, mapped from -1..1 to 0..1 only by clamping (encoders rarely go negative). */
export function embeddingCosine(x: Float32Array, y: Float32Array): number {
  let dot = 0;
  let xx = 0;
  let yy = 0;
  const n = Math.min(x.length, y.length);
  for (let k = 0; k < n; k++) {
    const a = x[k]!;
    const b = y[k]!;
    dot += a * b;
    xx += a * a;
    yy += b * b;
  }
  return xx === 0 || yy === 0 ? 0 : Math.max(0, dot / Math.sqrt(xx * yy));
}

/** 1 when equal, falling linearly to 0 at a relative difference of `scale` (0.1 = 10 %). */
export function numericCloseness(x: number, y: number, scale: number): number {
  if (x === y) return 1;
  const relative = Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y));
  return Math.max(0, 1 - relative / scale);
}

/** 1 on the same day, falling linearly to 0 at `scaleDays` apart. Inputs are in days. */
export function dateCloseness(xDays: number, yDays: number, scaleDays: number): number {
  return Math.max(0, 1 - Math.abs(xDays - yDays) / scaleDays);
}
