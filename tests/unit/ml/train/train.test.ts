import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { Encoder, baseWeights, encoderConfig, exportWeights, isLoraName, loraWeights, type LoraConfig, type NamedArrays } from '../../../../src/lib/ml/models';
import {
  ClassificationHead,
  MaskedLm,
  Rng,
  accumulate,
  encoderEmbedder,
  mlmObjective,
  padBatch,
  parseCheckpoint,
  splitValidation,
  textObjective,
  train,
  trainConfig,
  type Checkpoint,
  type Example,
  type TrainEvent,
} from '../../../../src/lib/ml/train';
import { CharTokenizer, firstRegularId, maskId } from '../../../../src/lib/ml/text';

// The train loop on a tiny encoder and a learnable toy task, on cpu and wasm: accumulation,
// LoRA-only training, resume, determinism, early stopping, leaks, and MLM.

const tinyConfig = (lora: LoraConfig | null = null, dropout = 0) => encoderConfig({ vocabSize: 16, maxLength: 8, width: 16, embeddingWidth: 16, depth: 1, heads: 2, ffWidth: 32, dropout, initStd: 0.1, lora });

/** Sequences of ids 5..15; label 1 when token 7 occurs. */
function toyExamples(count: number, seed: number): Example[] {
  const rng = new Rng(seed);
  return Array.from({ length: count }, (_, i) => {
    const tokens = Array.from({ length: 3 + rng.int(5) }, () => 5 + rng.int(11)).filter((t) => t !== 7);
    if (i % 2 === 0) tokens[rng.int(tokens.length)] = 7;
    return { tokens, target: i % 2 === 0 ? 1 : 0 };
  });
}

function setup(lora: LoraConfig | null = null, dropout = 0) {
  const encoder = new Encoder(tinyConfig(lora, dropout));
  const head = new ClassificationHead(16, 2, 3);
  const objective = textObjective(encoderEmbedder(encoder), head);
  const dispose = () => {
    encoder.dispose();
    for (const v of head.weights.values()) v.dispose();
  };
  return { encoder, head, objective, dispose };
}

const data = splitValidation(toyExamples(120, 1), 0.25, new Rng(2));
const quick = { steps: 6, batchSize: 8, lr: 1e-2, warmup: 2, evalEvery: 3, logEvery: 1 };

function lossesOf(events: TrainEvent[]): number[] {
  return events.flatMap((e) => (e.type === 'metric' && 'loss' in e.values ? [e.values.loss as number] : []));
}

const maxDiff = (a: NamedArrays, b: NamedArrays) => Math.max(...Object.keys(a).map((k) => Math.max(...a[k]!.values.map((v, i) => Math.abs(v - b[k]!.values[i]!)))));

describe.each(['cpu', 'wasm'])('train on %s', (backend) => {
  beforeAll(async () => {
    expect(await tf.setBackend(backend)).toBe(true);
  });

  it('accumulating 2 micro-batches of B/2 gives the gradients (and step) of one batch of B', async () => {
    const m = setup();
    const params = new Map([...m.encoder.weights, ...m.head.weights]);
    const one = accumulate(m.objective, data.train, params, trainConfig({ batchSize: 8, accumulation: 1 }), new Rng(9));
    const two = accumulate(m.objective, data.train, params, trainConfig({ batchSize: 4, accumulation: 2 }), new Rng(9));
    expect(Math.abs((await one.loss.data())[0]! - (await two.loss.data())[0]!)).toBeLessThan(1e-5);
    let worst = 0;
    for (const name of Object.keys(one.grads)) {
      const [a, b] = [await one.grads[name]!.data(), await two.grads[name]!.data()];
      a.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - b[i]!))));
    }
    expect(worst).toBeLessThan(1e-5);
    tf.dispose([one.loss, two.loss, ...Object.values(one.grads), ...Object.values(two.grads)]);
    // and whole steps: epsilon 1e-3 keeps Adam's g/|g| from magnifying float rounding near 0
    const after = async (batchSize: number, accumulation: number) => {
      const s = setup();
      await train(s.objective, data, { steps: 1, batchSize, accumulation, epsilon: 1e-3, warmup: 0, seed: 9 });
      const w = await exportWeights(new Map([...s.encoder.weights, ...s.head.weights]));
      s.dispose();
      return w;
    };
    expect(maxDiff(await after(8, 1), await after(4, 2))).toBeLessThan(1e-5);
    m.dispose();
  });

  it('LoRA-only training changes only adapters and head; merging gives the same outputs', async () => {
    const m = setup({ rank: 2, alpha: 4, targets: ['query', 'value', 'up'] });
    const base = await exportWeights(baseWeights(m.encoder.weights));
    const headBefore = await exportWeights(m.head.weights);
    await train(m.objective, data, { ...quick, trainable: 'lora' });
    expect(maxDiff(base, await exportWeights(baseWeights(m.encoder.weights)))).toBe(0);
    const adapters = await exportWeights(loraWeights(m.encoder.weights));
    expect(Object.keys(adapters)).toHaveLength(6);
    expect(Object.values(adapters).some((a) => a.values.some((v) => v !== 0) && Object.keys(adapters).some(isLoraName))).toBe(true);
    expect(Math.max(...Object.entries(adapters).filter(([n]) => n.endsWith('.lora.b')).map(([, a]) => Math.max(...a.values.map(Math.abs))))).toBeGreaterThan(1e-4);
    expect(maxDiff(headBefore, await exportWeights(m.head.weights))).toBeGreaterThan(1e-4);
    const inputs = padBatch(data.val.slice(0, 6).map((e) => e.tokens), 8);
    const unmerged = m.encoder.forward(inputs).pooled;
    m.encoder.mergeLora();
    const merged = m.encoder.forward(inputs).pooled;
    const diff = tf.max(tf.abs(tf.sub(unmerged, merged)));
    expect((await diff.data())[0]).toBeLessThan(1e-5);
    tf.dispose([unmerged, merged, diff, inputs.ids, inputs.mask]);
    m.dispose();
  });

  it('is deterministic for a seed, and resuming a checkpoint continues identically (dropout included)', async () => {
    const run = async (config: object, resume?: Checkpoint) => {
      const m = setup(null, 0.2);
      const events: TrainEvent[] = [];
      const saved: Checkpoint[] = [];
      await train(m.objective, data, { ...quick, checkpointEvery: 3, ...config }, { onEvent: (e) => events.push(e), save: (c) => void saved.push(structuredClone(c)), ...(resume ? { resume } : {}) });
      const weights = await exportWeights(new Map([...m.encoder.weights, ...m.head.weights]));
      m.dispose();
      return { losses: lossesOf(events), saved, weights, events };
    };
    const a = await run({ seed: 5 });
    const b = await run({ seed: 5 });
    const c = await run({ seed: 6 });
    expect(a.losses).toHaveLength(6);
    expect(b.losses).toEqual(a.losses);
    expect(c.losses).not.toEqual(a.losses);
    const checkpoint = parseCheckpoint(a.saved[0]);
    expect(checkpoint.step).toBe(3);
    const resumed = await run({}, checkpoint); // its config comes from the checkpoint
    expect(resumed.losses).toEqual(a.losses.slice(3));
    expect(maxDiff(resumed.weights, a.weights)).toBe(0);
    const lastVal = (events: TrainEvent[]) => events.filter((e) => e.type === 'metric' && 'valLoss' in e.values).at(-1);
    expect(lastVal(resumed.events)).toEqual(lastVal(a.events));
  });

  it('stops early when the validation loss stops improving', async () => {
    const m = setup();
    const result = await train(m.objective, data, { ...quick, steps: 50, lr: 0, minLr: 0, evalEvery: 1, patience: 2 });
    expect(result.stopped).toBe('early-stop');
    expect(result.step).toBe(2);
    m.dispose();
  });

  it('keeps tf.memory().numTensors flat across steps (accumulation, clipping, eval)', async () => {
    const m = setup({ rank: 2, alpha: 4, targets: ['query'] });
    const before = tf.memory().numTensors;
    const counts: number[] = [];
    const result = await train(m.objective, data, { ...quick, steps: 8, accumulation: 2, evalEvery: 2 }, { onEvent: (e) => e.type === 'metric' && 'loss' in e.values && counts.push(tf.memory().numTensors) });
    expect(counts).toHaveLength(8);
    expect(new Set(counts).size).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
    expect(result.lastVal?.accuracy).toBeGreaterThanOrEqual(0);
    m.dispose();
  });

  it('aborts between steps', async () => {
    const m = setup();
    const controller = new AbortController();
    const before = tf.memory().numTensors;
    const run = train(m.objective, data, { ...quick, steps: 100 }, { signal: controller.signal, onEvent: (e) => e.type === 'metric' && e.step === 2 && controller.abort() });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(tf.memory().numTensors).toBe(before);
    m.dispose();
  });

  it('learns the toy task (val accuracy) and an MLM loss falls on a tiny corpus', async () => {
    const m = setup();
    const result = await train(m.objective, data, { steps: 60, batchSize: 16, lr: 1e-2, warmup: 5, evalEvery: 60 });
    expect(result.lastVal?.accuracy).toBeGreaterThan(0.9);
    m.dispose();

    const corpus = Array.from({ length: 40 }, (_, i) => ['abcabcabc', 'xyzxyzxyz', 'hello hello', '你好你好你好'][i % 4]!);
    const tokenizer = CharTokenizer.train(corpus);
    const encoder = new Encoder(encoderConfig({ vocabSize: tokenizer.vocabSize, maxLength: 16, width: 32, embeddingWidth: 32, depth: 1, heads: 2, ffWidth: 64, dropout: 0 }));
    const mlm = new MaskedLm(encoder, { maskId, firstRegularId });
    const examples = corpus.map((t) => tokenizer.encode(t));
    const events: TrainEvent[] = [];
    await train(mlmObjective(mlm), { train: examples, val: [] }, { steps: 80, batchSize: 8, lr: 1e-2, warmup: 5, logEvery: 1 }, { onEvent: (e) => events.push(e) });
    const losses = lossesOf(events);
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    console.log(`MLM ${backend}: loss ${mean(losses.slice(0, 5)).toFixed(3)} -> ${mean(losses.slice(-10)).toFixed(3)}`);
    expect(mean(losses.slice(-10))).toBeLessThan(0.5 * mean(losses.slice(0, 5)));
    mlm.dispose();
    encoder.dispose();
  });
});
