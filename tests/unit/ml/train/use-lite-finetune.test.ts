import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, expect, it } from 'vitest';
import { loadUseLite } from '../../../../src/lib/ml/models';
import { ClassificationHead, MaskedLm, Rng, mlmObjective, splitValidation, textObjective, train, useLiteEmbedder, type TrainEvent } from '../../../../src/lib/ml/train';
import { readPackageFile } from '../models/package-files';
import { reviews } from './sentiment';

// USE-lite fine-tuned on the device (wasm): LoRA adapters plus a classification head on small
// synthetic reviews, and a few steps of continued MLM pretraining on the same texts.

beforeAll(async () => {
  expect(await tf.setBackend('wasm')).toBe(true);
});

it('LoRA fine-tuning of USE-lite with a classifier head reaches > 85% val accuracy', async () => {
  const model = await loadUseLite(readPackageFile, { lora: { rank: 4, alpha: 8, targets: ['query', 'value'] } });
  const all = reviews(96, 3);
  const tokens = model.tokenize(all.map((r) => r.text));
  const examples = all.map((r, i) => ({ tokens: tokens[i]!, target: r.label === 'positive' ? 1 : 0 }));
  const data = splitValidation(examples, 0.25, new Rng(1));
  const head = new ClassificationHead(512, 2);
  const before = tf.memory().numTensors;
  const result = await train(textObjective(useLiteEmbedder(model), head), data, { steps: 10, batchSize: 12, lr: 2e-2, warmup: 2, evalEvery: 10, trainable: 'lora', logEvery: 5 });
  console.log(`USE-lite LoRA fine-tune: val accuracy ${result.lastVal?.accuracy}, val loss ${result.lastVal?.valLoss?.toFixed(3)}`);
  expect(result.lastVal?.accuracy).toBeGreaterThan(0.85);
  expect(tf.memory().numTensors).toBe(before);
  for (const v of head.weights.values()) v.dispose();
  model.dispose();
});

it('continued MLM pretraining of USE-lite (LoRA adapters and MLM head) lowers its MLM loss on the user text', async () => {
  const model = await loadUseLite(readPackageFile, { lora: { rank: 4, alpha: 8, targets: ['query', 'value', 'up', 'down'] } });
  const texts = reviews(64, 4).map((r) => r.text);
  // USE-lite's vocabulary has no [MASK]: reserved id 3 (never produced by its tokenizer) serves.
  const mlm = new MaskedLm(model.encoder, { maskId: 3, firstRegularId: 6 });
  const events: TrainEvent[] = [];
  await train(mlmObjective(mlm), { train: model.tokenize(texts), val: [] }, { steps: 8, batchSize: 6, lr: 1e-2, warmup: 2, logEvery: 1, trainable: 'lora' }, { onEvent: (e) => events.push(e) });
  const losses = events.flatMap((e) => (e.type === 'metric' ? [e.values.loss as number] : []));
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  console.log(`USE-lite MLM: loss ${mean(losses.slice(0, 3)).toFixed(2)} -> ${mean(losses.slice(-3)).toFixed(2)}`);
  expect(mean(losses.slice(-3))).toBeLessThan(mean(losses.slice(0, 3)));
  mlm.dispose();
  model.dispose();
});
