// What the encoder benchmarks measure, the same code in the page (bench/encoder.worker.ts) and in
// Node (bench/encoder.ts): forward+backward tokens/s and GFLOP/s of a training step, and
// inference sentences/s of USE-lite. Imports tfjs-core, so in Node it is loaded after the
// backend is started (src/cli/ml-runtime.ts loadMl).
import * as tf from '@tensorflow/tfjs-core';
import { Encoder, encoderConfig, useLiteConfig, type EncoderConfig, type EncoderInputs, type UseLite, type Weights } from '../src/lib/ml/models';
import { benchSentences, type BenchOptions } from './encoder-texts';

/** The 4-layer, 256-wide encoder of the issue (the config defaults: H 4, F 1024, T 128). */
export const smallConfig = encoderConfig({ width: 256, depth: 4, heads: 4, ffWidth: 1024, maxLength: 128 });

/**
 * Matmul FLOPs of one forward pass over B sequences of T tokens (a multiply-add counts 2):
 *   per block with input width e (E for block 0, else C), output width C, FF width F:
 *     2·B·T·(3·e² + e·C)     query, key, value (e -> e) and output (e -> C) projections
 *   + 4·B·T²·e               scores Q·Kᵀ and weights·V over all heads
 *   + 2·B·T·(2·C·F)          feed-forward up (C -> F) and down (F -> C)
 * With e = C this is the 2·B·T·(4·C² + 2·C·F) + 4·B·T²·C per layer. Embedding lookups,
 * LayerNorm, softmax, activations and the pooled head (2·B·C², USE-lite only) are left out.
 * A training step (forward + backward) counts 3× forward: backward ≈ 2× forward.
 */
export function forwardFlops(c: EncoderConfig, B: number, T: number): number {
  let flops = 0;
  for (let i = 0; i < c.depth; i++) {
    const e = i === 0 ? c.embeddingWidth : c.width;
    flops += 2 * B * T * (3 * e * e + e * c.width) + 4 * B * T * T * e + 2 * B * T * 2 * c.width * c.ffWidth;
  }
  return flops;
}

/** Random full-length token ids (no padding), so every one of B·T tokens is work. */
function randomInputs(config: EncoderConfig, B: number, T: number): EncoderInputs {
  return tf.tidy(() => ({
    ids: tf.randomUniformInt([B, T], 0, config.vocabSize, 3) as tf.Tensor2D,
    mask: tf.ones([B, T]) as tf.Tensor2D,
  }));
}

/** Forward + backward (tf.variableGrads over every weight, as training does) per step. */
export async function measureTraining(model: string, config: EncoderConfig, weights: Weights, forward: (inputs: EncoderInputs) => tf.Tensor2D, o: BenchOptions): Promise<Record<string, unknown>> {
  const inputs = randomInputs(config, o.batch, o.length);
  const variables = [...weights.values()];
  const tokens = weights.get('embedding.tokens')!;
  const step = async () => {
    const { value, grads } = tf.variableGrads(() => tf.mean(forward(inputs)) as tf.Scalar, variables);
    // The token table's gradient is the last one backprop computes: reading it waits for all.
    const done = tf.sum(grads[tokens.name]!);
    await done.data();
    tf.dispose([value, done, ...Object.values(grads)]);
  };
  for (let i = 0; i < o.warmup; i++) await step();
  const started = performance.now();
  for (let i = 0; i < o.steps; i++) await step();
  const seconds = (performance.now() - started) / 1000;
  tf.dispose([inputs.ids, inputs.mask]);
  const stepFlops = 3 * forwardFlops(config, o.batch, o.length);
  return {
    measure: 'train', model, backend: tf.getBackend(), batch: o.batch, length: o.length, steps: o.steps, seconds: round(seconds),
    secondsPerStep: round(seconds / o.steps), tokensPerSecond: round((o.batch * o.length * o.steps) / seconds), gflopPerStep: round(stepFlops / 1e9), gflopsPerSecond: round((stepFlops * o.steps) / seconds / 1e9),
  };
}

/** USE-lite inference: tokenize, embed (dense padded batch), read the vectors back. */
export async function measureInference(useLite: UseLite, o: BenchOptions): Promise<Record<string, unknown>> {
  const texts = benchSentences(o.inferBatch);
  const step = async () => {
    const vectors = useLite.embed(texts);
    await vectors.data();
    vectors.dispose();
  };
  for (let i = 0; i < o.warmup; i++) await step();
  const started = performance.now();
  for (let i = 0; i < o.inferSteps; i++) await step();
  const seconds = (performance.now() - started) / 1000;
  const tokens = useLite.tokenize(texts);
  return {
    measure: 'infer', model: 'use-lite', backend: tf.getBackend(), batch: o.inferBatch, paddedLength: Math.max(...tokens.map((t) => t.length)),
    steps: o.inferSteps, seconds: round(seconds), sentencesPerSecond: round((o.inferBatch * o.inferSteps) / seconds),
  };
}

/** All three measurements on the current backend, one report per measurement. */
export async function measureAll(loadUseLite: () => Promise<UseLite>, o: BenchOptions, report: (line: Record<string, unknown>) => void): Promise<void> {
  const small = new Encoder(smallConfig);
  report(await measureTraining('encoder-4x256', smallConfig, small.weights, (inputs) => small.forward(inputs, true).pooled, o));
  tf.dispose([...small.weights.values()]);
  const useLite = await loadUseLite();
  report(await measureTraining('use-lite', useLiteConfig, useLite.weights, (inputs) => useLite.forward(inputs, true), o));
  report(await measureInference(useLite, o));
  tf.dispose([...useLite.weights.values()]);
}

export const round = (x: number) => Math.round(x * 1000) / 1000;
