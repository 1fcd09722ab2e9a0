import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { AdamW, clipByGlobalNorm, lrAt, type Grads } from '../../../../src/lib/ml/train';

// AdamW, clipping and the schedule against hand-computed values.

/** AdamW by hand, one scalar at a time (the reference oracle). */
function adamwRef(p: number, grads: number[], lrs: number[], decay: number, { beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8 } = {}): number {
  let [m, v] = [0, 0];
  grads.forEach((g, i) => {
    const t = i + 1;
    m = beta1 * m + (1 - beta1) * g;
    v = beta2 * v + (1 - beta2) * g * g;
    const update = m / (1 - beta1 ** t) / (Math.sqrt(v / (1 - beta2 ** t)) + epsilon);
    p = p - (lrs[i] as number) * (update + decay * p);
  });
  return p;
}

describe.each(['cpu', 'wasm'])('optimizer on %s', (backend) => {
  beforeAll(async () => {
    expect(await tf.setBackend(backend)).toBe(true);
  });

  it('AdamW matches a hand-computed update, decaying matrices but not vectors', async () => {
    const kernel = tf.variable(tf.tensor2d([[0.5, -1], [2, 0.25]]));
    const bias = tf.variable(tf.tensor1d([0.1, -0.3]));
    const optimizer = new AdamW(new Map<string, tf.Variable>([['k', kernel], ['b', bias]]), { beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0.1 });
    const kernelGrads = [[0.2, -0.4, 1, 0.05], [-0.1, 0.3, 0.5, -2]];
    const biasGrads = [[1, -1], [0.5, 0.25]];
    const lrs = [0.01, 0.02];
    for (let s = 0; s < 2; s++) {
      optimizer.lr = lrs[s] as number;
      const grads: Grads = { k: tf.tensor2d(kernelGrads[s]!, [2, 2]), b: tf.tensor1d(biasGrads[s]!) };
      optimizer.apply(grads);
      tf.dispose(Object.values(grads));
    }
    const k = Array.from(await kernel.data());
    const b = Array.from(await bias.data());
    [0.5, -1, 2, 0.25].forEach((p0, i) => expect(k[i]).toBeCloseTo(adamwRef(p0, kernelGrads.map((g) => g[i]!), lrs, 0.1), 6));
    [0.1, -0.3].forEach((p0, i) => expect(b[i]).toBeCloseTo(adamwRef(p0, biasGrads.map((g) => g[i]!), lrs, 0), 6));
    // state round-trips by name
    const state = await optimizer.exportState();
    expect(state.step).toBe(2);
    expect(Object.keys(state.moments).sort()).toEqual(['b.m', 'b.v', 'k.m', 'k.v']);
    optimizer.dispose();
    tf.dispose([kernel, bias]);
  });

  it('clips by the global norm, and leaves small gradients alone', async () => {
    const grads: Grads = { a: tf.tensor1d([3, 0]), b: tf.tensor2d([[0, 4]]) }; // norm 5
    const { grads: clipped, norm } = clipByGlobalNorm(grads, 1);
    expect((await norm.data())[0]).toBeCloseTo(5, 5);
    expect(Array.from(await clipped.a!.data())).toEqual([expect.closeTo(0.6, 5), 0]);
    expect(Array.from(await clipped.b!.data())).toEqual([0, expect.closeTo(0.8, 5)]);
    const loose = clipByGlobalNorm(grads, 10);
    expect(Array.from(await loose.grads.a!.data())).toEqual([expect.closeTo(3, 5), 0]);
    tf.dispose([...Object.values(grads), ...Object.values(clipped), norm, ...Object.values(loose.grads), loose.norm]);
  });
});

describe('learning-rate schedule', () => {
  const base = { lr: 1, minLr: 0.1, warmup: 4, steps: 14 } as const;
  it('warms up linearly, then decays linearly or along a cosine to minLr', () => {
    expect([0, 1, 2, 3].map((s) => lrAt(s, { ...base, decay: 'linear' }))).toEqual([0.25, 0.5, 0.75, 1]);
    expect(lrAt(4, { ...base, decay: 'linear' })).toBeCloseTo(1, 12);
    expect(lrAt(9, { ...base, decay: 'linear' })).toBeCloseTo(0.55, 12);
    expect(lrAt(9, { ...base, decay: 'cosine' })).toBeCloseTo(0.55, 12); // half way: cos = 0 as well
    expect(lrAt(6, { ...base, decay: 'cosine' })).toBeCloseTo(0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * 0.2)), 12);
    expect(lrAt(14, { ...base, decay: 'cosine' })).toBe(0.1);
    expect(lrAt(99, { ...base, decay: 'linear' })).toBe(0.1);
  });
});
