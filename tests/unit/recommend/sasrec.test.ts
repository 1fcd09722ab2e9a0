import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { leaveLastOut, popularityPercentiles, popularityRanker, rankingFigures } from '../../../src/lib/recommend';
import { sasrecModel } from '../../../src/lib/recommend/sasrec';
import { sasrecRanker, trainSasrec } from '../../../src/lib/recommend/sasrec-train';
import { chains } from './planted';

// SASRec: attention is causal and ignores padding, training releases every tensor it makes, and
// on histories with a planted next-item rule it beats popularity under full-catalogue ranking.

const tiny = { maxLength: 6, width: 16, depth: 1, heads: 2, dropout: 0 };

describe.each(['cpu', 'wasm'])('SASRec on %s', (backend) => {
  beforeAll(async () => {
    expect(await tf.setBackend(backend)).toBe(true);
  });

  it('is causal: a step’s hidden state ignores later steps and the batch it sits in', () => {
    const model = sasrecModel(tiny, 10);
    const [B, T, C] = [2, 6, 16];
    const inputs = tf.randomNormal([B, T, C], 0, 1, 'float32', 3) as tf.Tensor3D;
    const mask = tf.tensor2d([[0, 0, 1, 1, 1, 1], [1, 1, 1, 1, 1, 1]]);
    const changedFuture = tf.tidy(() => tf.concat([tf.slice(inputs, [0, 0, 0], [B, 4, C]), tf.randomNormal([B, 2, C], 0, 1, 'float32', 9)], 1) as tf.Tensor3D);
    const before = model.forward(inputs, mask, false, 0);
    const after = model.forward(changedFuture, mask, false, 0);
    const prefix = (t: tf.Tensor) => Array.from(tf.tidy(() => tf.slice(t, [0, 0, 0], [B, 4, C])).dataSync(), (x) => x + 0); // + 0 turns -0 into 0
    expect(prefix(after)).toEqual(prefix(before));
    expect(Array.from(after.dataSync())).not.toEqual(Array.from(before.dataSync()));
    // Row 0 alone (its padding masked) gives the same states as inside the batch.
    const alone = model.forward(tf.slice(inputs, [0, 0, 0], [1, T, C]) as tf.Tensor3D, tf.slice(mask, [0, 0], [1, T]) as tf.Tensor2D, false, 0);
    const first = tf.slice(before, [0, 2, 0], [1, 4, C]).dataSync();
    Array.from(tf.slice(alone, [0, 2, 0], [1, 4, C]).dataSync()).forEach((x, n) => expect(x).toBeCloseTo(first[n]!, 5));
    tf.dispose([inputs, mask, changedFuture, before, after, alone]);
    model.dispose();
  });

  it('training steps leave no tensors behind', async () => {
    const data = chains({ users: 40 });
    const start = tf.memory().numTensors;
    const perEpoch: number[] = [];
    const { model } = await trainSasrec(data, tiny, { epochs: 3, batchSize: 16 }, { onEpoch: () => perEpoch.push(tf.memory().numTensors) });
    expect(new Set(perEpoch).size).toBe(1); // flat across steps and epochs
    model.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });

  it('stops with an AbortError when cancelled, releasing the model', async () => {
    const data = chains({ users: 40 });
    const start = tf.memory().numTensors;
    const controller = new AbortController();
    const run = trainSasrec(data, tiny, { epochs: 5, batchSize: 16 }, { signal: controller.signal, onEpoch: () => controller.abort() });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(tf.memory().numTensors).toBe(start);
  });
});

describe('SASRec quality', () => {
  beforeAll(async () => {
    expect(await tf.setBackend('cpu')).toBe(true);
  });

  it('learns a planted next-item rule: far above popularity over the full catalogue', async () => {
    const data = chains({ users: 120 });
    const { train, test } = leaveLastOut(data);
    const { model, losses } = await trainSasrec(train, tiny, { epochs: 12, batchSize: 64, lr: 1e-2 });
    const options = { k: 10, percentiles: popularityPercentiles(train) };
    const sasrec = await rankingFigures(sasrecRanker(model, train), train, test, options);
    const popularity = await rankingFigures(popularityRanker(train), train, test, options);
    console.log(`SASRec on chains: loss ${losses[0]!.toFixed(3)} -> ${losses.at(-1)!.toFixed(3)}; NDCG@10 ${sasrec.ndcg.toFixed(3)} vs popularity ${popularity.ndcg.toFixed(3)}`);
    expect(losses.at(-1)!).toBeLessThan(0.7 * losses[0]!);
    expect(sasrec.ndcg).toBeGreaterThan(popularity.ndcg + 0.3);
    model.dispose();
  });
});
