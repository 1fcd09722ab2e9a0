import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { robustClassifyParams } from '../../../src/lib/reviews/robustness';
import { fineTuneClassifier } from '../../../src/lib/reviews/text-classifier';
import { readPackageFile } from '../ml/models/package-files';
import { reviews } from '../ml/train/sentiment';

beforeAll(async () => {
  expect(await tf.setBackend('wasm')).toBe(true);
});

describe('robustness options', () => {
  it('map to classifyTable parameters; the defaults are the plain run', () => {
    expect(robustClassifyParams(60)).toEqual({ fineTune: { steps: 60 }, augment: null, seeds: 1 });
    expect(robustClassifyParams(20, { augmentRate: 0.1, dropout: 0.2, weightDecay: 0.05, seeds: 9 })).toEqual({
      fineTune: { steps: 20, dropout: 0.2, weightDecay: 0.05 }, augment: { rate: 0.1, copies: 1, seed: 1 }, seeds: 5,
    });
  });

  it('dropout and weight decay change what fine-tuning learns (same seed, same data)', { timeout: 120_000 }, async () => {
    const all = reviews(48, 3);
    const set = { texts: all.map((r) => r.text), targets: Int32Array.from(all, (r) => (r.label === 'positive' ? 1 : 0)) };
    const none = { texts: [], targets: new Int32Array(0) };
    const probabilities = async (config: { dropout?: number; weightDecay?: number }) => {
      // No validation rows: the last weights are kept, so every step counts.
      const classifier = await fineTuneClassifier(readPackageFile, set, none, 2, { steps: 4, batchSize: 8, lr: 5e-3, probeHead: false, ...config });
      try {
        return await classifier.predict(set.texts.slice(0, 8));
      } finally {
        classifier.dispose();
      }
    };
    const maxGap = (a: Float32Array, b: Float32Array) => Math.max(...Array.from(a, (x, i) => Math.abs(x - (b[i] as number))));
    const plain = await probabilities({});
    expect(maxGap(plain, await probabilities({}))).toBe(0); // deterministic
    expect(maxGap(plain, await probabilities({ dropout: 0.5 }))).toBeGreaterThan(1e-4);
    expect(maxGap(plain, await probabilities({ weightDecay: 0.5 }))).toBeGreaterThan(1e-6);
  });
});
