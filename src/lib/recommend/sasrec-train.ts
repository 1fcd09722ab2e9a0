import * as tf from '@tensorflow/tfjs-core';
import { exportWeights, importWeights, type NamedArrays } from '../ml/models';
import { AdamW, clipByGlobalNorm, type Grads } from '../ml/train';
import { byUser } from './interactions';
import { scoreRows } from './linalg';
import { createTick } from '../jobs/tick';
import { seededRandom, type Random } from './random';
import { createRowAdamW, type RowAdamW } from './row-adamw';
import { sasrecModel, type SasrecConfig, type SasrecModel } from './sasrec';
import type { Csr, Interactions, RunOptions, ScoreUser } from './types';

// Training SASRec, read top to bottom like nanoGPT's train.py: hyperparameters, small helpers
// (nextBatch, step), then one loop. Each step: gather the batch's item rows into tensors ->
// loss and gradients (tf.variableGrads) -> clip the dense gradients -> AdamW on the dense weights
// (ml/train) and a row-wise AdamW on the item rows the batch touched -> free every tensor.
// Loss: binary cross-entropy of each step's next item against one sampled negative (the paper's
// objective). Evaluation never samples: scoreUser ranks the whole catalogue.

export interface SasrecTrainConfig {
  epochs: number; // passes over the users
  batchSize: number; // users per step (B)
  lr: number; // AdamW learning rate, constant
  weightDecay: number; // decoupled decay on matrices and item rows
  beta1: number;
  beta2: number;
  epsilon: number;
  clip: number; // largest global norm of the dense gradients; 0: no clipping
  seed: number; // user order, negatives and dropout masks
}

export const sasrecTrainDefaults: SasrecTrainConfig = { epochs: 40, batchSize: 128, lr: 1e-3, weightDecay: 0, beta1: 0.9, beta2: 0.98, epsilon: 1e-8, clip: 1, seed: 1 };

export interface SasrecRunOptions extends RunOptions {
  /** Mean training loss after each epoch. */
  onEpoch?: ((epoch: number, loss: number, epochMs: number) => void) | undefined;
  /**
   * Early stopping: every `every` epochs the model is scored (higher is better, e.g. validation
   * NDCG); training stops after `patience` scores without a better one, and the best weights are
   * restored at the end.
   */
  validation?: { every: number; patience: number; score(model: SasrecModel): Promise<number> } | undefined;
}

interface Batch {
  /** Item-table rows (0 = padding) of the inputs, next items and negatives, [B·T] each. */
  inputs: Int32Array;
  positives: Int32Array;
  negatives: Int32Array;
  mask: Float32Array; // [B·T]
  B: number;
}

/** Inputs are each user's items but the last, right-aligned; targets are the items one step on. */
function nextBatch(users: Int32Array, sequences: Csr, items: number, T: number, random: Random, owned: Int32Array): Batch {
  const B = users.length;
  const batch: Batch = { inputs: new Int32Array(B * T), positives: new Int32Array(B * T), negatives: new Int32Array(B * T), mask: new Float32Array(B * T), B };
  users.forEach((u, b) => {
    const [from, to] = [sequences.offsets[u]!, sequences.offsets[u + 1]!];
    for (let p = from; p < to; p++) owned[sequences.index[p]!] = u + 1;
    const steps = Math.min(T, to - from - 1);
    for (let s = 0; s < steps; s++) {
      const at = b * T + T - steps + s;
      const p = to - 1 - steps + s;
      batch.inputs[at] = sequences.index[p]! + 1;
      batch.positives[at] = sequences.index[p + 1]! + 1;
      batch.mask[at] = 1;
      let negative = random.int(items);
      for (let tries = 0; owned[negative] === u + 1 && tries < 20; tries++) negative = random.int(items);
      batch.negatives[at] = negative + 1;
    }
  });
  return batch;
}

function gatherRows(table: Float32Array, rows: Int32Array, C: number): Float32Array {
  const out = new Float32Array(rows.length * C);
  for (let n = 0; n < rows.length; n++) out.set(table.subarray(rows[n]! * C, rows[n]! * C + C), n * C);
  return out;
}

/** One optimizer step; returns the batch loss as a scalar the caller reads when it wants. */
function step(model: SasrecModel, batch: Batch, optimizer: AdamW, rows: RowAdamW, config: SasrecTrainConfig, dropoutSeed: number): tf.Scalar {
  const { B } = batch;
  const { maxLength: T, width: C } = model.config;
  const ours = new Map([...model.weights].map(([name, v]) => [v.name, name])); // tfjs variable name -> ours
  const gathered = [batch.inputs, batch.positives, batch.negatives].map((ids) => {
    const rows = tf.tensor3d(gatherRows(model.itemTable, ids, C), [B, T, C]); // [B, T, C]
    const variable = tf.variable(rows, true); // a variable so that variableGrads differentiates it
    rows.dispose();
    return variable;
  });
  const [inputs, positives, negatives] = gathered as [tf.Variable, tf.Variable, tf.Variable];
  const mask = tf.tensor2d(batch.mask, [B, T]);
  const { value, grads } = tf.variableGrads(() => {
    const hidden = model.forward(inputs as tf.Tensor3D, mask, true, dropoutSeed); // [B, T, C]
    const positive = tf.sum(tf.mul(hidden, positives), 2); // [B, T]
    const negative = tf.sum(tf.mul(hidden, negatives), 2); // [B, T]
    // -log σ(pos) - log(1 - σ(neg)) = softplus(-pos) + softplus(neg); tf.logSigmoid's gradient fails on WASM.
    const perStep = tf.add(tf.softplus(tf.neg(positive)), tf.softplus(negative)); // [B, T]
    return tf.div(tf.sum(tf.mul(perStep, mask)), tf.maximum(tf.sum(mask), 1)) as tf.Scalar;
  }, [...model.weights.values(), ...gathered]);
  const dense: Grads = {};
  for (const [tfName, grad] of Object.entries(grads)) {
    const name = ours.get(tfName);
    if (name !== undefined) dense[name] = grad;
  }
  const clipped = config.clip > 0 ? clipByGlobalNorm(dense, config.clip) : null;
  optimizer.apply(clipped ? clipped.grads : dense);
  const rowGrads = [inputs, positives, negatives].map((v) => grads[v.name]!.dataSync() as Float32Array);
  rows.apply([batch.inputs, batch.positives, batch.negatives], rowGrads);
  tf.dispose([...Object.values(grads), ...gathered, mask, ...(clipped ? [clipped.norm, ...Object.values(clipped.grads)] : [])]);
  return value;
}

export interface SasrecResult {
  model: SasrecModel;
  /** Mean training loss per epoch. */
  losses: number[];
  epochMs: number[];
  /** Epochs trained into the returned weights, and their validation score (null: no validation). */
  bestEpochs: number;
  bestScore: number | null;
}

/** Each user's most recent `T` items, right-aligned, and the hidden state after the last: [users, C]. */
export function userStates(model: SasrecModel, sequences: Csr, users: Int32Array, batchSize = 256): Float32Array {
  const { maxLength: T, width: C } = model.config;
  const states = new Float32Array(users.length * C);
  for (let start = 0; start < users.length; start += batchSize) {
    const part = users.subarray(start, start + batchSize);
    const B = part.length;
    const ids = new Int32Array(B * T);
    const mask = new Float32Array(B * T);
    part.forEach((u, b) => {
      const [from, to] = [sequences.offsets[u]!, sequences.offsets[u + 1]!];
      const steps = Math.min(T, to - from);
      for (let s = 0; s < steps; s++) {
        ids[b * T + T - steps + s] = sequences.index[to - steps + s]! + 1;
        mask[b * T + T - steps + s] = 1;
      }
    });
    const last = tf.tidy(() => {
      const inputs = tf.tensor3d(gatherRows(model.itemTable, ids, C), [B, T, C]);
      const hidden = model.forward(inputs, tf.tensor2d(mask, [B, T]), false, 0); // [B, T, C]
      return tf.reshape(tf.slice(hidden, [0, T - 1, 0], [B, 1, C]), [B, C]); // [B, 1, C] -> [B, C]
    });
    states.set(last.dataSync(), start * C);
    last.dispose();
  }
  return states;
}

export async function trainSasrec(train: Interactions, modelOverrides: Partial<SasrecConfig> = {}, trainOverrides: Partial<SasrecTrainConfig> = {}, run: SasrecRunOptions = {}): Promise<SasrecResult> {
  const config = { ...sasrecTrainDefaults, ...trainOverrides };
  const items = train.itemIds.length;
  const model = sasrecModel(modelOverrides, items);
  const T = model.config.maxLength;
  const sequences = byUser(train);
  const random = seededRandom(config.seed);
  const learners = Int32Array.from(train.userIds.keys()).filter((u) => sequences.offsets[u + 1]! - sequences.offsets[u]! >= 2);
  const optimizer = new AdamW(model.weights, config);
  optimizer.lr = config.lr;
  const rows = createRowAdamW(model.itemTable, model.config.width, config);
  const owned = new Int32Array(items);
  const stepsPerEpoch = Math.ceil(learners.length / config.batchSize);
  const tick = createTick(run);
  const result: SasrecResult = { model, losses: [], epochMs: [], bestEpochs: config.epochs, bestScore: null };
  const validation = run.validation;
  let best: { table: Float32Array; weights: NamedArrays } | null = null;
  let sinceBest = 0;
  let dropoutSeed = config.seed * 7919;
  try {
    for (let epoch = 0; epoch < config.epochs; epoch++) {
      const started = performance.now();
      const order = random.shuffle(learners.slice());
      let lossSum = 0;
      for (let s = 0; s < stepsPerEpoch; s++) {
        const batch = nextBatch(order.subarray(s * config.batchSize, (s + 1) * config.batchSize), sequences, items, T, random, owned);
        const loss = step(model, batch, optimizer, rows, config, dropoutSeed++);
        lossSum += (await loss.data())[0]!;
        loss.dispose();
        await tick(epoch * stepsPerEpoch + s + 1, config.epochs * stepsPerEpoch, 'Training SASRec');
      }
      result.losses.push(lossSum / Math.max(1, stepsPerEpoch));
      result.epochMs.push(performance.now() - started);
      run.onEpoch?.(epoch, result.losses.at(-1)!, result.epochMs.at(-1)!);
      if (validation && ((epoch + 1) % validation.every === 0 || epoch + 1 === config.epochs)) {
        const score = await validation.score(model);
        if (result.bestScore === null || score > result.bestScore) {
          [result.bestScore, result.bestEpochs, sinceBest] = [score, epoch + 1, 0];
          best = { table: model.itemTable.slice(), weights: await exportWeights(model.weights) };
        } else if (++sinceBest >= validation.patience) break;
      }
    }
    if (best) {
      model.itemTable.set(best.table);
      importWeights(model.weights, best.weights, { complete: true });
    }
  } catch (error) {
    model.dispose(); // cancelled or failed: nothing of the model outlives the run
    throw error;
  } finally {
    optimizer.dispose();
  }
  return result;
}

/** Full-catalogue scores: the user's last hidden state dotted with every item row. */
export function sasrecRanker(model: SasrecModel, train: Interactions): ScoreUser {
  const C = model.config.width;
  const states = userStates(model, byUser(train), Int32Array.from(train.userIds.keys()));
  const items = model.itemTable.subarray(C); // [items, C] without the padding row
  return (u, out) => scoreRows(items, states.subarray(u * C, (u + 1) * C), C, out);
}
