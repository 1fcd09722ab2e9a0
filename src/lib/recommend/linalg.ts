// Small dense linear algebra for factor models: k x k systems (k = factors, 16..128) solved per
// user or item, and one D x D ridge system for the text map. Row-major Float64Array matrices.

/** In place: the lower Cholesky factor of the symmetric positive-definite `a` [n, n]. */
export function cholesky(a: Float64Array, n: number): void {
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j]!;
    for (let k = 0; k < j; k++) d -= a[j * n + k]! * a[j * n + k]!;
    const root = Math.sqrt(Math.max(d, 1e-12));
    a[j * n + j] = root;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j]!;
      for (let k = 0; k < j; k++) s -= a[i * n + k]! * a[j * n + k]!;
      a[i * n + j] = s / root;
    }
    for (let i = 0; i < j; i++) a[i * n + j] = 0;
  }
}

/** In place: solves L Lᵀ x = b for x, `l` from cholesky(). */
export function choleskySolve(l: Float64Array, n: number, b: Float64Array): void {
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i * n + k]! * b[k]!;
    b[i] = s / l[i * n + i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k * n + i]! * b[k]!;
    b[i] = s / l[i * n + i]!;
  }
}

/** Gram matrix Fᵀ W F [k, k] of the rows of `factors` [rows, k], W = diag(weights) or I. */
export function gram(factors: Float32Array, k: number, weights: Float32Array | null = null): Float64Array {
  const g = new Float64Array(k * k);
  const rows = factors.length / k;
  for (let r = 0; r < rows; r++) {
    const o = r * k;
    const w = weights ? weights[r]! : 1;
    for (let a = 0; a < k; a++) {
      const fa = w * factors[o + a]!;
      if (fa === 0) continue;
      for (let b = a; b < k; b++) g[a * k + b]! += fa * factors[o + b]!;
    }
  }
  for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) g[a * k + b] = g[b * k + a]!;
  return g;
}

/** Row `row` of `factors` dotted with `v` (both width k). */
export function rowDot(factors: Float32Array, row: number, v: ArrayLike<number>, k: number): number {
  let s = 0;
  const o = row * k;
  for (let a = 0; a < k; a++) s += factors[o + a]! * v[a]!;
  return s;
}

/**
 * out[i] = factors[i] · v for every row: a user's scores over the catalogue, the hot loop of
 * ranking. Four partial sums let the CPU overlap the multiply-adds (~1.4x over one sum).
 */
export function scoreRows(factors: Float32Array, v: Float32Array, k: number, out: Float32Array): void {
  const rows = out.length;
  const k4 = k - (k % 4);
  for (let i = 0, o = 0; i < rows; i++, o += k) {
    let [s0, s1, s2, s3] = [0, 0, 0, 0];
    for (let a = 0; a < k4; a += 4) {
      s0 += factors[o + a]! * v[a]!;
      s1 += factors[o + a + 1]! * v[a + 1]!;
      s2 += factors[o + a + 2]! * v[a + 2]!;
      s3 += factors[o + a + 3]! * v[a + 3]!;
    }
    for (let a = k4; a < k; a++) s0 += factors[o + a]! * v[a]!;
    out[i] = s0 + s1 + s2 + s3;
  }
}
