import * as tf from '@tensorflow/tfjs-core';
import { AppError } from '../errors';
import { batchInputs, loraWeights, type UseLite, type Weights } from '../ml/models';
import { padBatch, Rng, softmaxCrossEntropy, train, trainableWeights, useLiteEmbedder, type Embedder, type Objective, type PairExample, type Trainable, type TrainEvent, type TrainResult } from '../ml/train';

// Fine-tunes the sentence encoder for search on (query, clicked product) pairs with in-batch
// negatives (InfoNCE, as in DPR and sentence-transformers' MultipleNegativesRankingLoss): in a
// batch of B pairs, query i should be closer to product i than to the other B − 1 products, and
// product i closer to query i than to the other queries. The loss is softmax cross-entropy over
// the rows, and over the columns, of the scaled cosine matrix.
//
// The engine's contrastive PairHead treats every off-diagonal entry as a negative; here two
// pairs with the same product (or the same query) in one batch would make a product its own
// negative. Batches are drawn with replacement and popular products recur, so those entries
// are masked out. Loads tfjs: import this file with the ML runtime, not from the search index.

export interface SearchTuningConfig {
  steps: number; // optimizer steps
  batchSize: number; // pairs per step; each query's negatives are the other pairs' products
  lr: number; // peak learning rate (warmup, then cosine decay to a tenth)
  scale: number; // inverse temperature on the cosines (20 ≈ τ 0.05)
  valFraction: number; // pairs held out for the validation loss
  seed: number; // split and batches
}

/** USE-lite's token embedding table and its output projection, by weight name. */
const tokenTable = 'embedding.tokens';
const projectionPrefix = 'head.';

export const searchTuningDefaults: SearchTuningConfig = { steps: 120, batchSize: 32, lr: 1e-4, scale: 20, valFraction: 0.1, seed: 1 };

export interface SearchPair {
  query: string;
  /** The clicked product's text, as the index embeds it. */
  document: string;
}

export interface SearchTuningResult extends TrainResult {
  trainable: Trainable;
  /** Names of the weights trained (LoRA adapters or the encoder's, plus the output projection). */
  trained: string[];
  /** Values in those weights. */
  parameters: number;
  examples: { train: number; val: number };
  /** Validation loss before the first step and at the end (null without validation pairs). */
  valLoss: { first: number | null; last: number | null };
  /** Train loss at its first and last report. */
  trainLoss: { first: number | null; last: number | null };
}

/** Marks entries (i, j), i ≠ j, whose sides are the same text: not negatives. [B, B] of 0 or −1e9. */
function duplicateMask(sides: readonly (readonly number[])[]): Float32Array {
  const B = sides.length;
  const keys = sides.map((s) => s.join(','));
  const mask = new Float32Array(B * B);
  for (let i = 0; i < B; i++) for (let j = 0; j < B; j++) if (i !== j && keys[i] === keys[j]) mask[i * B + j] = -1e9;
  return mask;
}

/**
 * In-batch InfoNCE over the batch's similarity matrix, both directions, duplicates masked.
 * `head`: weights of the embedder trained in every mode (train() trains a head always).
 */
export function inBatchObjective(embedder: Embedder, scale: number, head: Weights = new Map()): Objective<PairExample> {
  return {
    model: embedder.weights,
    head,
    loss: (batch, training) =>
      tf.tidy(() => {
        const B = batch.length;
        const q = embedder.embed(padBatch(batch.map((e) => e.left), embedder.maxLength), training); // [B, C], unit rows
        const d = embedder.embed(padBatch(batch.map((e) => e.right), embedder.maxLength), training); // [B, C]
        const sims = tf.mul(tf.matMul(q, d, false, true), scale) as tf.Tensor2D; // [B, C]·[C, B] -> [B, B]
        const sameDocument = tf.tensor2d(duplicateMask(batch.map((e) => e.right)), [B, B]); // columns: products
        const sameQuery = tf.tensor2d(duplicateMask(batch.map((e) => e.left)), [B, B]); // rows of the transpose: queries
        const diagonal = Array.from({ length: B }, (_, i) => i);
        const queryToDocument = softmaxCrossEntropy(tf.add(sims, sameDocument) as tf.Tensor2D, diagonal);
        const documentToQuery = softmaxCrossEntropy(tf.add(tf.transpose(sims), sameQuery) as tf.Tensor2D, diagonal); // [B, B]
        return tf.div(tf.add(queryToDocument, documentToQuery), 2) as tf.Scalar;
      }),
  };
}

/**
 * Trains `model` in place: its LoRA adapters when it was built with them, otherwise every weight
 * but the token table; the output projection in both cases. Tensors made here are released;
 * the model's weights are the only lasting change.
 */
export async function tuneEncoderForSearch(
  model: UseLite,
  pairs: readonly SearchPair[],
  overrides: Partial<SearchTuningConfig> = {},
  options: { signal?: AbortSignal; onEvent?: (event: TrainEvent) => void } = {},
): Promise<SearchTuningResult> {
  const config = { ...searchTuningDefaults, ...overrides };
  if (pairs.length < 2) throw new AppError('input-malformed', 'Fine-tuning for search needs at least two (query, clicked product) pairs.');
  const queries = model.tokenize(pairs.map((p) => p.query));
  const documents = model.tokenize(pairs.map((p) => p.document));
  const examples: PairExample[] = pairs.map((_, i) => ({ left: queries[i] as number[], right: documents[i] as number[], target: 1 }));
  const shuffled = new Rng(config.seed).shuffle(examples);
  const valCount = Math.min(Math.round(examples.length * config.valFraction), examples.length - 1);
  const data = { val: shuffled.slice(0, valCount), train: shuffled.slice(valCount) };
  const trainable: Trainable = loraWeights(model.weights).size > 0 ? 'lora' : 'all';
  // USE-lite's output projection (tanh layer, 512 × 512) trains in both modes, as a task head
  // would: with LoRA it is the one full matrix tuned, and its gradient costs one small matMul.
  // Full tuning leaves the token table [8002, 256] frozen: on WASM its gradient is a dense
  // [V, B·T] matMul (no UnsortedSegmentSum kernel there), the dearest part of a step, and a
  // thousand pairs touch few of its rows.
  const embedder = useLiteEmbedder(model);
  const projection: Weights = new Map([...embedder.weights].filter(([name]) => name.startsWith(projectionPrefix)));
  const rest: Weights = new Map([...embedder.weights].filter(([name]) => !projection.has(name) && !(trainable === 'all' && name === tokenTable)));
  const objective = inBatchObjective({ ...embedder, weights: rest }, config.scale, projection);
  const trainedNames = [...trainableWeights(objective, trainable).keys()];
  const vals: number[] = [];
  const losses: number[] = [];
  const result = await train(objective, data, {
    steps: config.steps, batchSize: config.batchSize, lr: config.lr, minLr: config.lr / 10, warmup: Math.min(10, Math.ceil(config.steps / 10)),
    evalEvery: Math.max(1, config.steps), logEvery: Math.max(1, Math.ceil(config.steps / 20)), trainable, seed: config.seed,
  }, {
    ...(options.signal ? { signal: options.signal } : {}),
    onEvent: (event) => {
      if (event.type === 'metric' && event.values.valLoss !== undefined) vals.push(event.values.valLoss);
      if (event.type === 'metric' && event.values.loss !== undefined) losses.push(event.values.loss);
      options.onEvent?.(event);
    },
  });
  return {
    ...result,
    trainable,
    trained: trainedNames,
    parameters: trainedNames.reduce((n, name) => n + (model.weights.get(name)?.size ?? 0), 0),
    examples: { train: data.train.length, val: data.val.length },
    valLoss: { first: vals[0] ?? null, last: vals.at(-1) ?? null },
    trainLoss: { first: losses[0] ?? null, last: losses.at(-1) ?? null },
  };
}

/**
 * Sentence vectors from `model` as it is now (e.g. after tuning), in batches. Texts are batched
 * in order of length, so a batch pads to a length close to its own texts' rather than to the
 * longest text anywhere; the vectors come back in the input's order.
 */
export async function embedTexts(model: UseLite, texts: readonly string[], batchSize = 64, signal?: AbortSignal): Promise<Float32Array[]> {
  const tokens = model.tokenize(texts);
  const order = Array.from(tokens.keys()).sort((a, b) => (tokens[a] as number[]).length - (tokens[b] as number[]).length);
  const out: Float32Array[] = new Array(texts.length);
  for (let start = 0; start < order.length; start += batchSize) {
    signal?.throwIfAborted();
    const batch = order.slice(start, start + batchSize);
    const vectors = tf.tidy(() => model.forward(batchInputs(batch.map((i) => tokens[i] as number[])))); // [b, 512]
    const values = (await vectors.data()) as Float32Array;
    const width = vectors.shape[1];
    vectors.dispose();
    batch.forEach((i, b) => (out[i] = values.slice(b * width, (b + 1) * width)));
    await new Promise((resolve) => setTimeout(resolve, 0)); // let an abort in
  }
  return out;
}
