import { AppError } from '../errors';
import { topRows, type Ranking } from './ranking';

// Dense retrieval: brute-force cosine similarity between a query vector and every document
// vector. Rows are L2-normalised once, when the index is built, so cosine is a dot product; the
// dot runs over one flat Float32Array [count, dim] with four accumulators (fewer dependent adds
// per step, so the JIT keeps the loop busy). Exact: about 13 ms of CPU per query over 10^4 rows
// of 512 on this project's (busy) machine (bench/search.ts), linear in rows; a catalogue far
// past 10^5 products would want an approximate index.

export interface VectorIndex {
  /** Width of each vector. */
  dim: number;
  /** Rows (documents). */
  count: number;
  /** [count, dim], each row of unit length (or all zeros, for a zero input). */
  rows: Float32Array;
}

/** Scales `v` to unit length in place; a zero vector stays zero. */
export function normalise(v: Float32Array): Float32Array {
  let sum = 0;
  for (let d = 0; d < v.length; d++) sum += (v[d] as number) * (v[d] as number);
  if (sum > 0) {
    const inv = 1 / Math.sqrt(sum);
    for (let d = 0; d < v.length; d++) v[d] = (v[d] as number) * inv;
  }
  return v;
}

/** Copies the vectors into one normalised block. */
export function vectorIndex(vectors: readonly Float32Array[]): VectorIndex {
  const dim = vectors[0]?.length ?? 0;
  const rows = new Float32Array(vectors.length * dim);
  vectors.forEach((v, i) => {
    if (v.length !== dim) throw new AppError('internal', `Internal error: vector ${i} has ${v.length} dimensions, not ${dim}. Please report this.`);
    rows.set(v, i * dim);
    normalise(rows.subarray(i * dim, (i + 1) * dim));
  });
  return { dim, count: vectors.length, rows };
}

/** Cosine of the query with every row: [count]. */
export function cosineScores(index: VectorIndex, query: Float32Array): Float32Array {
  const { dim, count, rows } = index;
  if (query.length !== dim) throw new AppError('internal', `Internal error: the query vector has ${query.length} dimensions, the index ${dim}. Please report this.`);
  const q = normalise(Float32Array.from(query));
  const scores = new Float32Array(count);
  const tail = dim - (dim % 4);
  for (let r = 0, base = 0; r < count; r++, base += dim) {
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (let d = 0; d < tail; d += 4) {
      s0 += (rows[base + d] as number) * (q[d] as number);
      s1 += (rows[base + d + 1] as number) * (q[d + 1] as number);
      s2 += (rows[base + d + 2] as number) * (q[d + 2] as number);
      s3 += (rows[base + d + 3] as number) * (q[d + 3] as number);
    }
    for (let d = tail; d < dim; d++) s0 += (rows[base + d] as number) * (q[d] as number);
    scores[r] = s0 + s1 + s2 + s3;
  }
  return scores;
}

/** The `k` rows most similar to the query, best first. */
export function searchVectors(index: VectorIndex, query: Float32Array, k: number): Ranking {
  return topRows(cosineScores(index, query), k);
}
