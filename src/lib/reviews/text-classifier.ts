import * as tf from '@tensorflow/tfjs-core';
import { loadUseLite, batchInputs, dropout, exportWeights, type LoraConfig, type NamedArrays, type ReadFile, type UseLite, type Weights } from '../ml/models';
import { ClassificationHead, train, trainableWeights, useLiteEmbedder, type Objective, type TrainEvent } from '../ml/train';
import { fitLogistic, logLoss, predictLogistic, type SparseRows } from './logistic-regression';
import { attributeTokens, useLiteAttributionModel, type Attribution } from './attributions';
import { phasedProgress, type ReviewProgress } from './progress';
import type { LabelledSet } from './tfidf-baseline';
import { speedUpWasmTransposedMatMul } from '../ml/wasm-matmul';

// Fine-tunes USE-lite to classify texts, on the ml/train engine. Three things on top of a plain
// train() call, each because plain fine-tuning lost to TF-IDF on few CPU steps:
//   1. the head starts as a linear probe: logistic regression on the frozen sentence vectors,
//      its C picked on the validation rows (LP-FT: the adapters then refine a good classifier
//      instead of chasing a random head);
//   2. class-weighted cross-entropy (optional), so a rare class is not simply never predicted;
//   3. early stopping on the validation loss, with the best weights restored at the end (the
//      probe counts as step 0, so fine-tuning can only keep or improve on it on validation).
// A text longer than USE-lite's 128 tokens is read as up to `windows` windows of 128 tokens,
// spread evenly over it, and its vector is the mean of theirs (in training, the probe and
// prediction alike); with one window, only the start of a long text is read.

export interface FineTuneConfig {
  trainable: 'lora' | 'head' | 'all'; // adapters + head, the head alone (with probeHead: the probe is the model), or every weight
  loraRank: number; // adapter rank on the query, value and FFN projections
  steps: number; // optimizer steps at most (early stopping may end sooner)
  batchSize: number; // texts per step
  lr: number; // peak learning rate (cosine decay to lr / 10)
  classWeighting: 'balanced' | 'none'; // weigh each class's loss by N / (K · n_class), or not
  probeHead: boolean; // start the head from a linear probe on frozen vectors
  evalEvery: number; // steps between validation losses
  patience: number; // evaluations without improvement before stopping; 0: run every step
  windows: number; // 128-token windows read per text at most (cost grows with it)
  seed: number; // batches and head initialisation
  dropout: number; // dropout on the sentence vector before the head, in training (a regulariser for few labels); 0: off
  weightDecay: number; // AdamW's decoupled decay on the trained matrices
}

export const fineTuneDefaults: FineTuneConfig = {
  trainable: 'lora',
  loraRank: 8,
  steps: 300,
  batchSize: 16,
  lr: 1e-3,
  classWeighting: 'balanced',
  probeHead: true,
  evalEvery: 25,
  patience: 4,
  windows: 1,
  seed: 1,
  dropout: 0,
  weightDecay: 0.01,
};

/** USE-lite's sentence vectors come out of its 512-wide tanh layer. */
export const width = 512;
/** Characters of a text tokenised at most (a pasted attachment is not language, and it is slow to tokenise). */
const maxChars = 50_000;
/** Windows per forward pass when embedding or predicting. */
const inferenceBatch = 32;

/** One text as token windows, with its class. */
export interface WindowedExample {
  windows: number[][];
  target: number;
}

/** Up to `count` windows of the model's length, evenly spread from the first token to the last. */
export function tokenWindows(tokens: readonly number[], maxLength: number, count: number): number[][] {
  const n = Math.max(1, Math.min(count, Math.ceil(tokens.length / maxLength)));
  return Array.from({ length: n }, (_, w) => {
    const start = n === 1 ? 0 : Math.round((w * (tokens.length - maxLength)) / (n - 1));
    return tokens.slice(start, start + maxLength);
  });
}

/** [W, C] window vectors -> [B, C] means, for texts owning consecutive runs of `counts[b]` windows. */
function meanOverWindows(vectors: tf.Tensor2D, counts: readonly number[]): tf.Tensor2D {
  if (counts.every((c) => c === 1)) return vectors;
  const W = vectors.shape[0];
  const pool = new Float32Array(counts.length * W);
  let at = 0;
  counts.forEach((c, b) => {
    for (let w = 0; w < c; w++) pool[b * W + at + w] = 1 / c;
    at += c;
  });
  return tf.matMul(tf.tensor2d(pool, [counts.length, W]), vectors); // [B, W]·[W, C] -> [B, C]
}

export interface TextClassifier {
  classCount: number;
  /** The effective config: a stored model is rebuilt from it (adapters, windows). */
  config: FineTuneConfig;
  /** Runs averaged (an ensemble of seeds, `seed-ensemble.ts`); absent: one. */
  seeds?: number;
  /** Class probabilities, row-major [N, K]. */
  predict(texts: readonly string[], options?: { signal?: AbortSignal; onProgress?: (p: ReviewProgress) => void }): Promise<Float32Array>;
  /** The trained weights (adapters and head, or all; every seed's for an ensemble): what a model file stores. */
  exportTrained(): Promise<NamedArrays>;
  /** Token attributions of the predicted class, or of `targets` (integrated gradients over one window of each text). */
  explain(texts: readonly string[], options?: { signal?: AbortSignal; onProgress?: (p: ReviewProgress) => void; steps?: number; targets?: readonly number[] }): Promise<Attribution[]>;
  /** What the run did: steps, why it stopped, the best validation loss, the probe's C. */
  summary: {
    steps: number; stopped: 'steps' | 'early-stop'; bestStep: number; bestValLoss: number | null; probeC: number | null; trainedParameters: number;
    /** Seconds spent on the probe (embedding the texts, fitting C) and in train() (steps and validation checks). */
    probeSeconds: number; trainSeconds: number;
  };
  dispose(): void;
}

/** Per-class loss weights: N / (K · n_class) when balanced, else 1. */
export function classWeights(targets: ArrayLike<number>, classCount: number, mode: FineTuneConfig['classWeighting']): Float32Array {
  const counts = new Float64Array(classCount);
  for (let i = 0; i < targets.length; i++) counts[targets[i] as number]! += 1;
  return Float32Array.from(counts, (n) => (mode === 'none' || n === 0 ? 1 : targets.length / (classCount * n)));
}

/** Texts -> class, with each row's cross-entropy weighted by its class's weight. */
function weightedObjective(model: UseLite, head: ClassificationHead, weightOfClass: Float32Array, dropoutRate = 0): Objective<WindowedExample> {
  const embedder = useLiteEmbedder(model);
  const K = head.classes;
  return {
    model: embedder.weights,
    head: head.weights,
    loss: (batch, training) =>
      tf.tidy(() => {
        const B = batch.length;
        const windows = embedder.embed(batchInputs(batch.flatMap((e) => e.windows)), training); // [W, C]
        const logits = head.predict(dropout(meanOverWindows(windows, batch.map((e) => e.windows.length)), dropoutRate, training) as tf.Tensor2D); // [B, K]
        const labels = tf.tensor2d(Int32Array.from(batch, (e) => e.target), [B, 1], 'int32');
        const oneHot = tf.cast(tf.equal(labels, tf.reshape(tf.range(0, K, 1, 'int32'), [1, K])), 'float32'); // [B, K] (no OneHot kernel on WASM)
        const rowLoss = tf.neg(tf.sum(tf.mul(oneHot, tf.logSoftmax(logits)), 1)); // [B]
        const w = tf.tensor1d(Float32Array.from(batch, (e) => weightOfClass[e.target] as number)); // [B]
        return tf.div(tf.sum(tf.mul(rowLoss, w)), tf.sum(w)) as tf.Scalar;
      }),
  };
}

/** Row-major [N, C] as sparse rows with every entry present, for the logistic regression. */
function denseRows(values: Float32Array, rows: number, columns: number): SparseRows {
  return {
    rows,
    columns,
    offsets: Int32Array.from({ length: rows + 1 }, (_, i) => i * columns),
    indices: Int32Array.from({ length: rows * columns }, (_, e) => e % columns),
    values,
  };
}

/**
 * Per text, `apply` of the mean of its window vectors, [N, outWidth] in input order. Windows are
 * embedded in batches of similar length, to waste little on padding.
 */
async function embedWindows(model: UseLite, texts: readonly number[][][], apply: (vectors: tf.Tensor2D) => tf.Tensor2D, outWidth: number, options: { signal?: AbortSignal; onProgress?: (p: ReviewProgress) => void; message: string }): Promise<Float32Array> {
  const owners = texts.flatMap((windows, i) => windows.map(() => i));
  const windows = texts.flat();
  const order = windows.map((t, i) => [t.length, i] as const).sort((a, b) => a[0] - b[0]).map(([, i]) => i);
  const vectors = new Float32Array(windows.length * width);
  for (let start = 0; start < order.length; start += inferenceBatch) {
    options.signal?.throwIfAborted();
    const rows = order.slice(start, start + inferenceBatch);
    const result = tf.tidy(() => model.forward(batchInputs(rows.map((i) => windows[i] as number[])), false)); // [b, 512]
    const values = (await result.data()) as Float32Array;
    result.dispose();
    rows.forEach((row, j) => vectors.set(values.subarray(j * width, (j + 1) * width), row * width));
    options.onProgress?.({ done: Math.min(order.length, start + inferenceBatch), total: order.length, unit: 'windows', message: options.message });
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  // Mean per text (plain loops: cheap next to the encoder), then `apply` in batches.
  const means = new Float32Array(texts.length * width);
  owners.forEach((text, w) => {
    const share = 1 / (texts[text] as number[][]).length;
    for (let d = 0; d < width; d++) means[text * width + d]! += (vectors[w * width + d] as number) * share;
  });
  const out = new Float32Array(texts.length * outWidth);
  for (let start = 0; start < texts.length; start += 256) {
    const rows = Math.min(256, texts.length - start);
    const result = tf.tidy(() => apply(tf.tensor2d(means.subarray(start * width, (start + rows) * width), [rows, width]))); // [rows, outWidth]
    out.set((await result.data()) as Float32Array, start * outWidth);
    result.dispose();
  }
  return out;
}

/** Each text's token windows (at most `count`), as the classifier reads it. */
export function textWindows(model: UseLite, texts: readonly string[], count: number): number[][][] {
  return texts.map((text) => tokenWindows(model.tokenizer.encode(text.slice(0, maxChars)), model.encoder.config.maxLength, count));
}

/** Class probabilities of texts through USE-lite and a head, row-major [N, K]: what a classifier, new or stored, predicts. */
export function classProbabilities(model: UseLite, head: ClassificationHead, texts: readonly string[], windows: number, options: { signal?: AbortSignal; onProgress?: (p: ReviewProgress) => void; message: string }): Promise<Float32Array> {
  return embedWindows(model, textWindows(model, texts, windows), (v) => tf.softmax(head.predict(v)) as tf.Tensor2D, head.classes, options); // [b, K]
}

/** The adapters the classifier puts in USE-lite; a stored model is rebuilt with the same. */
export function classifierLora(c: Pick<FineTuneConfig, 'trainable' | 'loraRank'>): LoraConfig | null {
  return c.trainable === 'lora' ? { rank: c.loraRank, alpha: 2 * c.loraRank, targets: ['query', 'value', 'up', 'down'] } : null;
}

/** Copies of the weights (to keep the best seen); the caller disposes them. */
const snapshot = (weights: Weights) => new Map([...weights].map(([name, v]) => [name, tf.clone(v)]));

/**
 * What fine-tuning costs, phase by phase, in window passes, to weigh a progress bar: embedding
 * the training and the validation windows once for the probe, then per training step a batch of
 * windows forward and back (about three passes). With a probe, a head-only run trains nothing:
 * the probe already solved that convex problem.
 */
export function fineTuneCosts(config: Partial<FineTuneConfig>, trainWindows: number, validationWindows: number, trainTexts: number): [probeTrain: number, probeValidation: number, training: number] {
  const c = { ...fineTuneDefaults, ...config };
  const steps = trainingSteps(c);
  return [
    c.probeHead ? trainWindows : 0,
    c.probeHead ? validationWindows : 0,
    steps * c.batchSize * 3 * (trainWindows / Math.max(1, trainTexts)),
  ];
}

/** Steps to train: none for a head-only run after the probe, which already fitted the head. */
function trainingSteps(c: FineTuneConfig): number {
  return c.trainable === 'head' && c.probeHead ? 0 : c.steps;
}

export async function fineTuneClassifier(
  readModelFile: ReadFile,
  trainSet: LabelledSet,
  validationSet: LabelledSet,
  classCount: number,
  config: Partial<FineTuneConfig> = {},
  options: { signal?: AbortSignal; onProgress?: (p: ReviewProgress) => void } = {},
): Promise<TextClassifier> {
  const c = { ...fineTuneDefaults, ...config };
  const { signal, onProgress } = options;
  if (tf.getBackend() === 'wasm') speedUpWasmTransposedMatMul();
  const lora = classifierLora(c);
  const model = await loadUseLite(readModelFile, { lora });
  const head = new ClassificationHead(width, classCount, c.seed);
  const disposeAll = () => {
    for (const v of head.weights.values()) v.dispose();
    model.dispose();
  };
  try {
    const examplesOf = (set: LabelledSet): WindowedExample[] => textWindows(model, set.texts, c.windows).map((windows, i) => ({ windows, target: set.targets[i] as number }));
    const data = { train: examplesOf(trainSet), val: examplesOf(validationSet) };
    const weightOfClass = classWeights(trainSet.targets, classCount, c.classWeighting);
    const windowsOf = (examples: WindowedExample[]) => examples.reduce((n, e) => n + e.windows.length, 0);
    const steps = trainingSteps(c);
    const phase = phasedProgress(onProgress, fineTuneCosts(c, windowsOf(data.train), windowsOf(data.val), data.train.length));

    // 1. The probe: logistic regression on frozen vectors (LoRA's B starts at zero, so these are
    //    the pretrained model's), C picked on validation, copied into the head.
    let probeC: number | null = null;
    const probeStarted = performance.now();
    if (c.probeHead) {
      const embed = (examples: WindowedExample[], message: string, report: ReturnType<typeof phase>) => embedWindows(model, examples.map((e) => e.windows), (v) => v, width, { ...(signal && { signal }), ...(report && { onProgress: report }), message });
      const x = denseRows(await embed(data.train, 'Embedding the training texts', phase(0)), data.train.length, width);
      const xVal = denseRows(await embed(data.val, 'Embedding the validation texts', phase(1)), data.val.length, width);
      const rowWeights = Float64Array.from(data.train, (e) => weightOfClass[e.target] as number);
      let best: { c: number; loss: number; fit: ReturnType<typeof fitLogistic> } | null = null;
      let previous: ReturnType<typeof fitLogistic> | undefined;
      for (const candidate of data.val.length > 0 ? [1, 3, 10, 30, 100] : [10]) {
        await new Promise((resolve) => setTimeout(resolve, 0)); // each fit takes a while: let an abort in
        signal?.throwIfAborted();
        previous = fitLogistic(x, Int32Array.from(data.train, (e) => e.target), classCount, { c: candidate, iterations: 300 }, rowWeights, previous);
        const loss = data.val.length > 0 ? logLoss(predictLogistic(previous, xVal), Int32Array.from(data.val, (e) => e.target), classCount) : 0;
        if (!best || loss < best.loss) best = { c: candidate, loss, fit: previous };
      }
      if (best) {
        probeC = best.c;
        const fit = best.fit;
        tf.tidy(() => {
          head.linear.kernel.assign(tf.tensor2d(fit.weights, [width, classCount])); // [512, K], feature-major as fitted
          head.linear.bias.assign(tf.tensor1d(fit.bias));
        });
      }
    }

    const probeSeconds = (performance.now() - probeStarted) / 1000;

    // 2. Fine-tuning with early stopping; the best weights seen on validation are kept.
    const objective = weightedObjective(model, head, weightOfClass, c.dropout);
    const trained = trainableWeights(objective, c.trainable);
    let best = snapshot(trained);
    let bestStep = 0;
    const reportStep = phase(2);
    const onEvent = (event: TrainEvent) => {
      if (event.type !== 'metric') return;
      const { valLoss, bestValLoss, loss } = event.values;
      if (valLoss !== undefined && valLoss === bestValLoss) {
        tf.dispose([...best.values()]);
        best = snapshot(trained);
        bestStep = event.step;
      }
      if (loss !== undefined || valLoss !== undefined) reportStep?.({ done: event.step + (loss !== undefined ? 1 : 0), total: c.steps, unit: 'steps', message: `Fine-tuning on ${tf.getBackend()}` });
    };
    const trainStarted = performance.now();
    const result = steps === 0 ? null : await train(objective, data, {
      steps, batchSize: c.batchSize, lr: c.lr, minLr: c.lr / 10, warmup: Math.min(20, Math.ceil(c.steps / 10)),
      evalEvery: c.evalEvery, patience: c.patience, logEvery: 5, trainable: c.trainable, seed: c.seed, weightDecay: c.weightDecay,
    }, { ...(signal && { signal }), onEvent });
    const trainSeconds = (performance.now() - trainStarted) / 1000;
    if (data.val.length === 0) bestStep = result?.step ?? 0; // nothing to choose by: keep the last weights
    else for (const [name, v] of trained) v.assign(best.get(name) as tf.Tensor);
    tf.dispose([...best.values()]);

    const trainedParameters = [...trained.values()].reduce((n, v) => n + v.size, 0);
    return {
      classCount,
      config: c,
      predict: (texts, predictOptions = {}) => classProbabilities(model, head, texts, c.windows, { ...predictOptions, message: 'Classifying' }),
      exportTrained: () => exportWeights(trained),
      explain: (texts, { steps = 16, targets, ...run } = {}) => attributeTokens(useLiteAttributionModel(model, head), texts, { steps, ...(targets && { targets }) }, run),
      summary: { steps: result?.step ?? 0, stopped: result?.stopped ?? 'steps', bestStep, bestValLoss: result?.bestValLoss ?? null, probeC, trainedParameters, probeSeconds, trainSeconds },
      dispose: disposeAll,
    };
  } catch (error) {
    disposeAll();
    throw error;
  }
}
