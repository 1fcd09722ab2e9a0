// Limited-memory BFGS for smooth convex objectives (the baseline's logistic regression): a
// quasi-Newton direction from the last few steps (two-loop recursion, Nocedal & Wright alg. 7.4)
// and a backtracking line search with the Armijo condition. Float64 throughout: the objective is
// a sum over many rows, and float32 stalls the line search near the optimum.

/** Writes the gradient at x into `gradient` and returns the objective's value there. */
export type Objective = (x: Float64Array, gradient: Float64Array) => number;

export interface LbfgsConfig {
  iterations: number; // at most this many line searches
  memory: number; // (step, gradient change) pairs kept for the direction
  tolerance: number; // stop when the objective improves by less than this, relatively
  gradientTolerance: number; // or when the gradient's largest entry is below this
}

export const lbfgsDefaults: LbfgsConfig = { iterations: 200, memory: 10, tolerance: 1e-7, gradientTolerance: 1e-6 };

export interface LbfgsResult {
  x: Float64Array;
  value: number;
  iterations: number;
}

const dot = (a: Float64Array, b: Float64Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
};

const maxAbs = (a: Float64Array) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] as number));
  return m;
};

export function minimiseLbfgs(objective: Objective, start: Float64Array, config: Partial<LbfgsConfig> = {}): LbfgsResult {
  const c = { ...lbfgsDefaults, ...config };
  const n = start.length;
  const x = Float64Array.from(start);
  const gradient = new Float64Array(n);
  let value = objective(x, gradient);
  const steps: Float64Array[] = []; // s_k = x_{k+1} − x_k
  const changes: Float64Array[] = []; // y_k = g_{k+1} − g_k
  const rhos: number[] = []; // 1 / (y_k · s_k)
  const direction = new Float64Array(n);
  const nextX = new Float64Array(n);
  const nextGradient = new Float64Array(n);
  let iteration = 0;
  for (; iteration < c.iterations && maxAbs(gradient) > c.gradientTolerance; iteration++) {
    // Two-loop recursion: direction = −H·g, with H scaled by the latest curvature estimate.
    direction.set(gradient);
    const alphas = new Array<number>(steps.length);
    for (let k = steps.length - 1; k >= 0; k--) {
      const alpha = (rhos[k] as number) * dot(steps[k] as Float64Array, direction);
      alphas[k] = alpha;
      const y = changes[k] as Float64Array;
      for (let i = 0; i < n; i++) direction[i]! -= alpha * (y[i] as number);
    }
    const last = steps.length - 1;
    const scale = last >= 0 ? 1 / ((rhos[last] as number) * dot(changes[last] as Float64Array, changes[last] as Float64Array)) : 1 / Math.max(1, Math.sqrt(dot(gradient, gradient)));
    for (let i = 0; i < n; i++) direction[i]! *= scale;
    for (let k = 0; k < steps.length; k++) {
      const beta = (rhos[k] as number) * dot(changes[k] as Float64Array, direction);
      const s = steps[k] as Float64Array;
      for (let i = 0; i < n; i++) direction[i]! += s[i]! * ((alphas[k] as number) - beta);
    }
    for (let i = 0; i < n; i++) direction[i] = -direction[i]!;
    let slope = dot(direction, gradient);
    if (slope >= 0) {
      // Not a descent direction (curvature went bad): restart from steepest descent.
      steps.length = changes.length = rhos.length = 0;
      for (let i = 0; i < n; i++) direction[i] = -gradient[i]!;
      slope = -dot(gradient, gradient);
    }

    // Backtracking line search: halve until the Armijo condition holds.
    let stepSize = 1;
    let nextValue = Infinity;
    for (let tries = 0; tries < 40; tries++, stepSize /= 2) {
      for (let i = 0; i < n; i++) nextX[i] = x[i]! + stepSize * direction[i]!;
      nextValue = objective(nextX, nextGradient);
      if (nextValue <= value + 1e-4 * stepSize * slope) break;
    }
    if (!(nextValue < value)) break; // no progress possible at float64 precision

    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = nextX[i]! - x[i]!;
      y[i] = nextGradient[i]! - gradient[i]!;
    }
    const curvature = dot(y, s);
    if (curvature > 1e-12) {
      steps.push(s);
      changes.push(y);
      rhos.push(1 / curvature);
      if (steps.length > c.memory) [steps.shift(), changes.shift(), rhos.shift()];
    }
    const improvement = (value - nextValue) / Math.max(1, Math.abs(value));
    x.set(nextX);
    gradient.set(nextGradient);
    value = nextValue;
    if (improvement < c.tolerance) {
      iteration++;
      break;
    }
  }
  return { x, value, iterations: iteration };
}
