import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, expect, it } from 'vitest';
import type { ReviewProgress } from '../../../src/lib/reviews/progress';
import { evaluateClassifier } from '../../../src/lib/reviews/metrics';
import { fineTuneClassifier, tokenWindows } from '../../../src/lib/reviews/text-classifier';
import { speedUpWasmTransposedMatMul } from '../../../src/lib/ml/wasm-matmul';
import { readPackageFile } from '../ml/models/package-files';
import { reviews } from '../ml/train/sentiment';

// The fine-tuning wrapper on WASM, small: a linear probe for the head, a few LoRA steps with
// early stopping, class probabilities out, and no tensor left behind.

beforeAll(async () => {
  expect(await tf.setBackend('wasm')).toBe(true);
});

it('transposed matMuls on WASM give the same values and gradients after the speed-up', () => {
  const a = tf.randomNormal([2, 5, 7], 0, 1, 'float32', 1);
  const b = tf.randomNormal([2, 6, 7], 0, 1, 'float32', 2);
  const c = tf.randomNormal([2, 5, 6], 0, 1, 'float32', 3);
  const f = (x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(tf.matMul(x, y, false, true), c)); // [2, 5, 7]·[2, 6, 7]ᵀ -> [2, 5, 6]
  const products = () => [tf.matMul(a, b, false, true), tf.matMul(a, c, true, false), ...tf.grads(f)([a, b])]; // aᵀ·c: [2, 7, 5]·[2, 5, 6] -> [2, 7, 6]
  const before = products();
  speedUpWasmTransposedMatMul();
  const after = products();
  before.forEach((t, i) => expect(tf.tidy(() => tf.max(tf.abs(tf.sub(t, after[i]!))).dataSync()[0])).toBeLessThan(1e-5));
  tf.dispose([a, b, c, ...before, ...after]);
});

it('reads a long text as evenly spread windows', () => {
  const tokens = Array.from({ length: 10 }, (_, i) => i);
  expect(tokenWindows(tokens, 4, 1)).toEqual([[0, 1, 2, 3]]);
  expect(tokenWindows(tokens, 4, 3)).toEqual([[0, 1, 2, 3], [3, 4, 5, 6], [6, 7, 8, 9]]);
  expect(tokenWindows(tokens, 4, 9)).toEqual([[0, 1, 2, 3], [3, 4, 5, 6], [6, 7, 8, 9]]); // ceil(10 / 4) windows at most
  expect(tokenWindows([1, 2], 4, 5)).toEqual([[1, 2]]);
});

it('probe + LoRA fine-tuning classifies held-out reviews, and leaks nothing', async () => {
  const all = reviews(120, 11);
  const set = (rows: typeof all) => ({ texts: rows.map((r) => r.text), targets: Int32Array.from(rows, (r) => (r.label === 'positive' ? 1 : 0)) });
  const [train, validation, test] = [set(all.slice(0, 72)), set(all.slice(72, 90)), set(all.slice(90))];
  const before = tf.memory().numTensors;
  const progress: ReviewProgress[] = [];
  const classifier = await fineTuneClassifier(readPackageFile, train, validation, 2, { steps: 6, batchSize: 8, evalEvery: 3, patience: 2, windows: 2 }, { onProgress: (p) => progress.push(p) });
  const probabilities = await classifier.predict(test.texts);
  const figures = evaluateClassifier(test.targets, probabilities, 2);
  console.log(`text classifier: accuracy ${figures.accuracy.toFixed(3)}, AUC ${figures.auc?.toFixed(3)}, ${JSON.stringify(classifier.summary)}`);
  expect(figures.accuracy).toBeGreaterThan(0.85);
  expect(figures.auc).toBeGreaterThan(0.9);
  for (let i = 0; i < test.texts.length; i++) expect(probabilities[2 * i]! + probabilities[2 * i + 1]!).toBeCloseTo(1, 5);
  expect(classifier.summary.probeC).not.toBeNull();
  expect(classifier.summary.steps).toBeGreaterThan(0);
  expect(classifier.summary.trainedParameters).toBe(Object.values(await classifier.exportTrained()).reduce((n, w) => n + w.values.length, 0));
  // One bar over embedding and training: it only moves forward, and training fills its end.
  const done = progress.map((p) => p.done);
  expect(done).toEqual([...done].sort((a, b) => a - b));
  expect(progress.some((p) => p.message.startsWith('Embedding'))).toBe(true);
  const training = progress.filter((p) => p.message.startsWith('Fine-tuning'));
  expect(training[0]!.done).toBeGreaterThan(0);
  expect(training.at(-1)!.done).toBeGreaterThan(900);
  classifier.dispose();
  expect(tf.memory().numTensors).toBe(before);
});
