import * as tf from '@tensorflow/tfjs-core';
import { AppError } from '../../errors';
import { Init, Linear, type Encoder, type UseLite, type Weights } from '../models';
import { inOrder, padBatch, type Example, type PairExample } from './data';
import type { Embedder, Objective } from './types';

// Heads on the pooled sentence vector [B, C], each with its loss, and the objectives that join
// an Embedder to a head for train(). Head weights are named `task.*`, apart from the model's.
//
//   classification  Linear C -> K, softmax cross-entropy              targets: class index
//   regression      Linear C -> 1, mean squared error                 targets: number
//   pair, cosine    s·cos(u, v) + b, binary cross-entropy             targets: 0 | 1
//   pair, concat    MLP on [u, v, |u − v|, u·v], binary cross-entropy targets: 0 | 1
//   pair, contrastive  in-batch InfoNCE on cos(u, v)·s (every pair a positive, the other rows negatives)

const headStd = 0.02;

/** The Encoder's pooled output as an Embedder. */
export function encoderEmbedder(encoder: Encoder): Embedder {
  const { maxLength, vocabSize } = encoder.config;
  return { weights: encoder.weights, maxLength, vocabSize, embed: (inputs, training) => encoder.forward(inputs, training).pooled };
}

/** USE-lite's unit-length sentence vectors [B, 512] as an Embedder. */
export function useLiteEmbedder(model: UseLite): Embedder {
  const { maxLength, vocabSize } = model.encoder.config;
  return { weights: model.weights, maxLength, vocabSize, embed: (inputs, training) => model.forward(inputs, training) };
}

/** [B, K] logits, targets class indices -> mean of −log softmax at the target. No OneHot kernel
 *  (tfjs-wasm writes it as int32): the one-hot rows come from a comparison. */
export function softmaxCrossEntropy(logits: tf.Tensor2D, targets: readonly number[]): tf.Scalar {
  return tf.tidy(() => {
    const [B, K] = logits.shape;
    const labels = tf.tensor2d(Int32Array.from(targets), [B, 1], 'int32');
    const oneHot = tf.cast(tf.equal(labels, tf.reshape(tf.range(0, K, 1, 'int32'), [1, K])), 'float32'); // [B, K]
    return tf.neg(tf.mean(tf.sum(tf.mul(oneHot, tf.logSoftmax(logits)), 1))) as tf.Scalar;
  });
}

/** Logits [B] and 0/1 targets -> mean binary cross-entropy, softplus(x) − x·y (stable). */
export function binaryCrossEntropy(logits: tf.Tensor1D, targets: readonly number[]): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.sub(tf.softplus(logits), tf.mul(logits, tf.tensor1d(targets.map(Number), 'float32')))) as tf.Scalar);
}

export class ClassificationHead {
  readonly weights: Weights = new Map();
  readonly linear: Linear;
  constructor(width: number, readonly classes: number, seed = 1) {
    if (!Number.isInteger(classes) || classes < 2) throw new AppError('input-malformed', `A classifier needs at least two classes; got ${classes}.`, { classes });
    this.linear = new Linear(this.weights, 'task.classifier', width, classes, new Init(seed), headStd, null);
  }
  /** pooled [B, C] -> logits [B, K] */
  predict(pooled: tf.Tensor2D): tf.Tensor2D {
    return this.linear.forward(pooled) as tf.Tensor2D;
  }
  loss(pooled: tf.Tensor2D, targets: readonly number[]): tf.Scalar {
    return softmaxCrossEntropy(this.predict(pooled), targets);
  }
}

export class RegressionHead {
  readonly weights: Weights = new Map();
  readonly linear: Linear;
  constructor(width: number, seed = 1) {
    this.linear = new Linear(this.weights, 'task.regressor', width, 1, new Init(seed), headStd, null);
  }
  /** pooled [B, C] -> values [B, 1] */
  predict(pooled: tf.Tensor2D): tf.Tensor2D {
    return this.linear.forward(pooled) as tf.Tensor2D;
  }
  loss(pooled: tf.Tensor2D, targets: readonly number[]): tf.Scalar {
    return tf.tidy(() => tf.mean(tf.square(tf.sub(tf.reshape(this.predict(pooled), [-1]), tf.tensor1d(targets.map(Number), 'float32')))) as tf.Scalar);
  }
}

export const pairScorings = ['cosine', 'concat'] as const;
export type PairScoring = (typeof pairScorings)[number];
export const pairLosses = ['bce', 'contrastive'] as const;
export type PairLoss = (typeof pairLosses)[number];

const unit = (x: tf.Tensor2D) => tf.mul(x, tf.rsqrt(tf.maximum(tf.sum(tf.square(x), 1, true), 1e-12))) as tf.Tensor2D; // [B, C]

export class PairHead {
  readonly weights: Weights = new Map();
  /** cosine: the learned scale s and bias b of the logit (rank 1, so never decayed). */
  private readonly scale: tf.Variable | null = null;
  private readonly bias: tf.Variable | null = null;
  private readonly hidden: Linear | null = null;
  private readonly out: Linear | null = null;

  constructor(width: number, readonly scoring: PairScoring, readonly lossKind: PairLoss, seed = 1, hiddenWidth = 128) {
    if (scoring === 'concat' && lossKind === 'contrastive') throw new AppError('input-malformed', 'Contrastive pair training needs cosine scoring.');
    if (scoring === 'cosine') {
      this.scale = tf.variable(tf.tensor1d([lossKind === 'contrastive' ? 20 : 10]), true);
      this.bias = tf.variable(tf.tensor1d([lossKind === 'contrastive' ? 0 : -5]), true);
      this.weights.set('task.pair.scale', this.scale).set('task.pair.bias', this.bias);
    } else {
      const init = new Init(seed);
      this.hidden = new Linear(this.weights, 'task.pair.hidden', 4 * width, hiddenWidth, init, headStd, null);
      this.out = new Linear(this.weights, 'task.pair.out', hiddenWidth, 1, init, headStd, null);
    }
  }

  /** u, v [B, C] -> match logits [B] */
  score(u: tf.Tensor2D, v: tf.Tensor2D): tf.Tensor1D {
    return tf.tidy(() => {
      if (this.scale && this.bias) return tf.add(tf.mul(tf.sum(tf.mul(unit(u), unit(v)), 1), this.scale), this.bias) as tf.Tensor1D; // [B]
      const features = tf.concat([u, v, tf.abs(tf.sub(u, v)), tf.mul(u, v)], 1); // [B, 4C]
      const h = tf.relu((this.hidden as Linear).forward(features)); // [B, hidden]
      return tf.reshape((this.out as Linear).forward(h), [-1]) as tf.Tensor1D; // [B, 1] -> [B]
    });
  }

  loss(u: tf.Tensor2D, v: tf.Tensor2D, targets: readonly number[]): tf.Scalar {
    if (this.lossKind === 'bce') return binaryCrossEntropy(this.score(u, v), targets);
    return tf.tidy(() => {
      const sims = tf.mul(tf.matMul(unit(u), unit(v), false, true), this.scale as tf.Variable) as tf.Tensor2D; // [B, C]·[C, B] -> [B, B]
      const diagonal = Array.from({ length: u.shape[0] }, (_, i) => i);
      return tf.div(tf.add(softmaxCrossEntropy(sims, diagonal), softmaxCrossEntropy(tf.transpose(sims), diagonal)), 2) as tf.Scalar;
    });
  }
}

// ---- objectives for train() ------------------------------------------------------------------

async function collect(batches: tf.Tensor[]): Promise<Float32Array[]> {
  const out = await Promise.all(batches.map((b) => b.data() as Promise<Float32Array>));
  tf.dispose(batches);
  return out;
}

/** Texts -> class (metrics: accuracy) or value (metrics: rmse). */
export function textObjective(embedder: Embedder, head: ClassificationHead | RegressionHead, evalBatchSize = 32): Objective<Example> {
  const inputs = (batch: readonly Example[]) => padBatch(batch.map((e) => e.tokens), embedder.maxLength);
  return {
    model: embedder.weights,
    head: head.weights,
    loss: (batch, training) => tf.tidy(() => head.loss(embedder.embed(inputs(batch), training), batch.map((e) => e.target))),
    async metrics(examples) {
      const batches = inOrder(examples, evalBatchSize);
      const outputs = await collect(batches.map((batch) => tf.tidy(() => head.predict(embedder.embed(inputs(batch), false)))));
      const targets = examples.map((e) => e.target);
      if (head instanceof RegressionHead) {
        const predicted = outputs.flatMap((values) => Array.from(values));
        return { rmse: Math.sqrt(predicted.reduce((s, p, i) => s + (p - (targets[i] as number)) ** 2, 0) / Math.max(1, predicted.length)) };
      }
      const K = head.classes;
      let correct = 0;
      let row = 0;
      for (const values of outputs) {
        for (let b = 0; b < values.length / K; b++, row++) {
          let best = 0; // argmax on the CPU: tfjs 4.22's argMax has a WebGPU shape bug
          for (let k = 1; k < K; k++) if ((values[b * K + k] as number) > (values[b * K + best] as number)) best = k;
          if (best === targets[row]) correct++;
        }
      }
      return { accuracy: correct / Math.max(1, examples.length) };
    },
  };
}

/** Two texts -> match (metrics: accuracy of score > 0; bce only). */
export function pairObjective(embedder: Embedder, head: PairHead, evalBatchSize = 32): Objective<PairExample> {
  const embed = (batch: readonly PairExample[], side: 'left' | 'right', training: boolean) => embedder.embed(padBatch(batch.map((e) => e[side]), embedder.maxLength), training);
  return {
    model: embedder.weights,
    head: head.weights,
    loss: (batch, training) => tf.tidy(() => head.loss(embed(batch, 'left', training), embed(batch, 'right', training), batch.map((e) => e.target))),
    async metrics(examples) {
      if (head.lossKind !== 'bce') return {};
      const scores = (await collect(inOrder(examples, evalBatchSize).map((batch) => tf.tidy(() => head.score(embed(batch, 'left', false), embed(batch, 'right', false)))))).flatMap((s) => Array.from(s));
      return { accuracy: scores.filter((s, i) => (s > 0 ? 1 : 0) === examples[i]?.target).length / Math.max(1, examples.length) };
    },
  };
}
