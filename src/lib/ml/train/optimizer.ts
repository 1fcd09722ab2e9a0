import * as tf from '@tensorflow/tfjs-core';
import { exportWeights, importWeights, type NamedArrays, type Weights } from '../models';

// AdamW (Loshchilov & Hutter) with bias correction, and gradient clipping by global norm. The
// moments are tf.Variables named after their weight (`<name>.m`, `<name>.v`), so the optimizer
// state leaves and enters a checkpoint by name like the weights do.
//
//   m ← β1·m + (1 − β1)·g          v ← β2·v + (1 − β2)·g²
//   p ← p − lr·( m̂ / (√v̂ + ε) + λ·p ),   m̂ = m / (1 − β1^t),  v̂ = v / (1 − β2^t)
//
// The decay λ is decoupled from the gradient and, as in nanoGPT, applies only to matrices
// (kernels, embeddings): biases and LayerNorm parameters are not decayed.

/** Gradients by weight name. */
export type Grads = Record<string, tf.Tensor>;

export interface AdamWConfig {
  beta1: number;
  beta2: number;
  epsilon: number;
  /** Decoupled weight decay λ, on weights of rank ≥ 2 only. */
  weightDecay: number;
}

/** Plain, structured-cloneable optimizer state for a checkpoint. */
export interface OptimizerState {
  /** Steps taken so far (t of the bias correction). */
  step: number;
  /** `<name>.m` and `<name>.v` for every trained weight. */
  moments: NamedArrays;
}

export class AdamW {
  /** The moments, by name. */
  readonly moments: Weights = new Map();
  /** Steps taken so far. */
  step = 0;
  /** Learning rate of the next apply(); the train loop sets it from the schedule. */
  lr = 0;

  constructor(readonly params: Weights, readonly config: AdamWConfig) {
    for (const [name, p] of params) {
      for (const moment of ['m', 'v']) {
        const zeros = tf.zerosLike(p);
        this.moments.set(`${name}.${moment}`, tf.variable(zeros, false));
        zeros.dispose();
      }
    }
  }

  /** One update of every parameter that has a gradient in `grads`. */
  apply(grads: Grads): void {
    this.step += 1;
    const { beta1, beta2, epsilon, weightDecay } = this.config;
    const c1 = 1 - beta1 ** this.step;
    const c2 = 1 - beta2 ** this.step;
    for (const [name, p] of this.params) {
      const g = grads[name];
      if (!g) continue;
      const m = this.moments.get(`${name}.m`) as tf.Variable;
      const v = this.moments.get(`${name}.v`) as tf.Variable;
      const decay = p.rank >= 2 ? weightDecay : 0;
      tf.tidy(() => {
        m.assign(tf.add(tf.mul(m, beta1), tf.mul(g, 1 - beta1)));
        v.assign(tf.add(tf.mul(v, beta2), tf.mul(tf.square(g), 1 - beta2)));
        const update = tf.div(tf.div(m, c1), tf.add(tf.sqrt(tf.div(v, c2)), epsilon));
        p.assign(tf.sub(decay > 0 ? tf.mul(p, 1 - this.lr * decay) : p, tf.mul(update, this.lr)));
      });
    }
  }

  async exportState(): Promise<OptimizerState> {
    return { step: this.step, moments: await exportWeights(this.moments) };
  }

  importState(state: OptimizerState): void {
    importWeights(this.moments, state.moments, { complete: true });
    this.step = state.step;
  }

  dispose(): void {
    for (const moment of this.moments.values()) moment.dispose();
    this.moments.clear();
  }
}

/**
 * Scales every gradient by min(1, maxNorm / ‖g‖), ‖g‖ the norm of all gradients together.
 * Returns new tensors (the caller disposes the old) and the norm before clipping, as a scalar
 * so that nothing waits on the device unless someone reads it.
 */
export function clipByGlobalNorm(grads: Grads, maxNorm: number): { grads: Grads; norm: tf.Scalar } {
  return tf.tidy(() => {
    const squares = Object.values(grads).map((g) => tf.sum(tf.square(g)));
    const norm = tf.sqrt(squares.length > 0 ? tf.addN(squares) : tf.scalar(0)) as tf.Scalar;
    const scale = tf.minimum(1, tf.div(maxNorm, tf.add(norm, 1e-6)));
    const clipped: Grads = {};
    for (const [name, g] of Object.entries(grads)) clipped[name] = tf.mul(g, scale);
    return { grads: clipped, norm };
  });
}
