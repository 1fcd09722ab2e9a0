import * as tf from '@tensorflow/tfjs-core';
import { AppError, isAbortError } from '../../errors';
import { exportWeights, importWeights, loraWeights, seedDropout, type EncoderConfig, type Weights } from '../models';
import type { Checkpoint } from './checkpoint';
import { inOrder, nextBatch } from './data';
import { AdamW, clipByGlobalNorm, type Grads } from './optimizer';
import { Rng } from './rng';
import { decays, lrAt, type Decay } from './schedule';
import type { Objective } from './types';

// One training loop, read top to bottom like nanoGPT's train.py: the hyperparameters, small
// helpers, then train(). Each step runs in the same order: set LR -> evaluate and checkpoint on
// their intervals -> forward/backward over micro-batches -> clip -> AdamW step -> free the
// gradients -> report on an interval -> yield, abort check -> stop check.

/** What is trained: every weight, only the LoRA adapters, or only the head (a linear probe). */
export const trainables = ['all', 'lora', 'head'] as const;
export type Trainable = (typeof trainables)[number];

export interface TrainConfig {
  steps: number; // optimizer steps in all
  batchSize: number; // examples per micro-batch
  accumulation: number; // micro-batches per step: the effective batch is batchSize × accumulation
  lr: number; // peak learning rate, reached after warmup
  minLr: number; // the decay's floor, reached at `steps`
  warmup: number; // steps of linear warmup
  decay: Decay; // 'linear' or 'cosine' from lr to minLr
  weightDecay: number; // AdamW's decoupled decay, on matrices only
  beta1: number; // AdamW's first-moment decay
  beta2: number; // AdamW's second-moment decay
  epsilon: number; // AdamW's denominator floor
  clip: number; // largest global gradient norm; 0 turns clipping off
  evalEvery: number; // steps between validation losses (also at step 0 and at the end)
  checkpointEvery: number; // steps between checkpoints handed to `save`; 0: none
  patience: number; // evaluations without a better validation loss before stopping; 0: never stop early
  logEvery: number; // steps between train-loss events (reading the loss waits on the device)
  trainable: Trainable; // which weights train
  seed: number; // batches and MLM masks; the same seed gives the same run on the same backend
}

export const trainDefaults: TrainConfig = {
  steps: 200,
  batchSize: 16,
  accumulation: 1,
  lr: 1e-3,
  minLr: 1e-4,
  warmup: 10,
  decay: 'cosine',
  weightDecay: 0.01,
  beta1: 0.9,
  beta2: 0.999,
  epsilon: 1e-8,
  clip: 1,
  evalEvery: 50,
  checkpointEvery: 0,
  patience: 0,
  logEvery: 10,
  trainable: 'all',
  seed: 1,
};

/** Defaults, then `overrides`; unknown keys and bad values are refused here, once. */
export function trainConfig(overrides: Partial<TrainConfig> = {}): TrainConfig {
  const refuse = (message: string, key: string) => {
    throw new AppError('input-malformed', `Invalid training configuration: ${message}.`, { key });
  };
  for (const key of Object.keys(overrides)) if (!(key in trainDefaults)) refuse(`unknown key "${key}"`, key);
  const c: TrainConfig = { ...trainDefaults, ...overrides };
  for (const key of ['steps', 'warmup', 'checkpointEvery', 'patience', 'seed'] as const) if (!Number.isInteger(c[key]) || c[key] < 0) refuse(`${key} must be an integer ≥ 0`, key);
  for (const key of ['batchSize', 'accumulation', 'evalEvery', 'logEvery'] as const) if (!Number.isInteger(c[key]) || c[key] < 1) refuse(`${key} must be a positive integer`, key);
  for (const key of ['lr', 'minLr', 'weightDecay', 'clip', 'epsilon'] as const) if (!(c[key] >= 0 && Number.isFinite(c[key]))) refuse(`${key} must be a number ≥ 0`, key);
  if (!(c.beta1 >= 0 && c.beta1 < 1 && c.beta2 >= 0 && c.beta2 < 1)) refuse('beta1 and beta2 must be in [0, 1)', 'beta1');
  if (!decays.includes(c.decay)) refuse(`decay must be one of ${decays.join(', ')}`, 'decay');
  if (!trainables.includes(c.trainable)) refuse(`trainable must be one of ${trainables.join(', ')}`, 'trainable');
  return c;
}

/** Progress of a run: train figures (loss, lr, gradNorm) or validation figures (valLoss, …). */
export type TrainEvent = { type: 'metric'; step: number; values: Record<string, number> } | { type: 'checkpoint'; step: number };

export interface TrainOptions {
  signal?: AbortSignal;
  onEvent?: (event: TrainEvent) => void;
  /** Receives a checkpoint every `checkpointEvery` steps (to store it in IndexedDB). */
  save?: (checkpoint: Checkpoint) => Promise<void> | void;
  /** Carries on from this checkpoint; its trainConfig, then `config`, make the run's config. */
  resume?: Checkpoint;
  /** Stored in checkpoints so the model can be rebuilt on resume. */
  modelConfig?: EncoderConfig;
}

export interface TrainResult {
  /** Steps done (the next step a resumed run would take). */
  step: number;
  stopped: 'steps' | 'early-stop';
  bestValLoss: number | null;
  /** The last train loss read (on the log interval), or null. */
  lastLoss: number | null;
  /** The last validation figures, or null without a validation set. */
  lastVal: Record<string, number> | null;
}

// ---- helpers ------------------------------------------------------------------------------------

/** The weights a mode trains, the head's always included. */
export function trainableWeights(objective: Objective<unknown>, mode: Trainable): Weights {
  const model = mode === 'all' ? objective.model : mode === 'lora' ? loraWeights(objective.model) : new Map<string, tf.Variable>();
  if (mode === 'lora' && model.size === 0) throw new AppError('input-malformed', 'LoRA training needs a model built with LoRA adapters (config.lora).');
  for (const name of objective.head.keys()) if (objective.model.has(name)) throw new AppError('internal', `Internal error: head weight "${name}" shadows a model weight.`);
  return new Map([...model, ...objective.head]);
}

/** Mean validation loss (masks drawn from a fixed seed, so evaluations compare), plus the objective's figures. */
async function evaluate<E>(objective: Objective<E>, examples: readonly E[], config: TrainConfig): Promise<Record<string, number>> {
  const rng = new Rng(config.seed ^ 0x5eed);
  let total = 0;
  for (const batch of inOrder(examples, config.batchSize)) {
    const loss = tf.tidy(() => objective.loss(batch, false, rng));
    total += ((await loss.data())[0] ?? NaN) * batch.length;
    loss.dispose();
  }
  return { valLoss: total / examples.length, ...(await objective.metrics?.(examples)) };
}

/** Gradients of the mean loss over `accumulation` micro-batches, keyed by our weight names. */
export function accumulate<E>(objective: Objective<E>, examples: readonly E[], params: Weights, config: TrainConfig, rng: Rng): { loss: tf.Scalar; grads: Grads } {
  const ours = new Map([...params].map(([name, v]) => [v.name, name])); // tfjs variable name -> ours
  const variables = [...params.values()];
  let loss = tf.scalar(0);
  let grads: Grads = {};
  for (let micro = 0; micro < config.accumulation; micro++) {
    const batch = nextBatch(examples, config.batchSize, rng);
    const next = tf.tidy(() => {
      const { value, grads: g } = tf.variableGrads(() => tf.div(objective.loss(batch, true, rng), config.accumulation) as tf.Scalar, variables);
      const sum: Grads = {};
      for (const [tfName, grad] of Object.entries(g)) {
        const name = ours.get(tfName) as string;
        sum[name] = grads[name] ? tf.add(grads[name], grad) : grad;
      }
      return { loss: tf.add(loss, value) as tf.Scalar, grads: sum };
    });
    tf.dispose([loss, ...Object.values(grads)]);
    ({ loss, grads } = next);
  }
  return { loss, grads };
}

// ---- the loop -----------------------------------------------------------------------------------

export async function train<E>(objective: Objective<E>, data: { train: readonly E[]; val: readonly E[] }, config: Partial<TrainConfig> = {}, options: TrainOptions = {}): Promise<TrainResult> {
  const { signal, onEvent, save, resume, modelConfig } = options;
  const cfg = trainConfig({ ...resume?.trainConfig, ...config });
  const params = trainableWeights(objective as Objective<unknown>, cfg.trainable);
  const optimizer = new AdamW(params, cfg);
  const rng = new Rng(cfg.seed);
  let step = 0;
  let bestValLoss: number | null = null;
  let evalsSinceBest = 0;
  if (resume) {
    importWeights(params, resume.weights, { complete: true });
    optimizer.importState(resume.optimizerState);
    ({ step, bestValLoss, evalsSinceBest } = resume);
    rng.state = resume.rngState;
  }
  const checkpoint = async (): Promise<Checkpoint> => ({
    version: 1,
    modelConfig: modelConfig ?? resume?.modelConfig ?? null,
    trainConfig: cfg,
    step,
    bestValLoss,
    evalsSinceBest,
    rngState: rng.state,
    weights: await exportWeights(params),
    optimizerState: await optimizer.exportState(),
  });
  let stopped: TrainResult['stopped'] = 'steps';
  let lastLoss: number | null = null;
  let lastVal: Record<string, number> | null = null;

  try {
    for (; ; step++) {
      // 1. the learning rate of this step, and its dropout masks' seed
      optimizer.lr = lrAt(step, cfg);
      seedDropout(cfg.seed, step);

      // 2. validation and checkpoint on their intervals (a resumed run did both at its first step)
      const fresh = !resume || step > resume.step;
      if (fresh && data.val.length > 0 && (step % cfg.evalEvery === 0 || step === cfg.steps)) {
        lastVal = await evaluate(objective, data.val, cfg);
        const valLoss = lastVal.valLoss as number;
        if (bestValLoss === null || valLoss < bestValLoss) [bestValLoss, evalsSinceBest] = [valLoss, 0];
        else evalsSinceBest += 1;
        onEvent?.({ type: 'metric', step, values: { ...lastVal, bestValLoss } });
        if (cfg.patience > 0 && evalsSinceBest >= cfg.patience) {
          stopped = 'early-stop';
          break;
        }
      }
      if (fresh && save && cfg.checkpointEvery > 0 && step > 0 && step % cfg.checkpointEvery === 0) {
        await save(await checkpoint());
        onEvent?.({ type: 'checkpoint', step });
      }
      if (step >= cfg.steps) break;

      // 3. forward and backward over the micro-batches; 4. clip; 5. step; 6. free the gradients
      const { loss, grads } = accumulate(objective, data.train, params, cfg, rng);
      const clipped = cfg.clip > 0 ? clipByGlobalNorm(grads, cfg.clip) : null;
      optimizer.apply(clipped?.grads ?? grads);
      tf.dispose([...Object.values(grads), ...Object.values(clipped?.grads ?? {})]);

      // 7. report on the interval (reading a value waits for the device, so not every step)
      if ((step + 1) % cfg.logEvery === 0 || step + 1 === cfg.steps) {
        lastLoss = (await loss.data())[0] ?? NaN;
        const gradNorm = clipped ? ((await clipped.norm.data())[0] ?? NaN) : NaN;
        onEvent?.({ type: 'metric', step, values: { loss: lastLoss, lr: optimizer.lr, ...(clipped ? { gradNorm } : {}) } });
      }
      tf.dispose([loss, ...(clipped ? [clipped.norm] : [])]);

      // 8. let messages in (an abort arrives as one), then stop if asked
      await new Promise((resolve) => setTimeout(resolve, 0));
      signal?.throwIfAborted();
    }
  } catch (error) {
    // WebGPU rejects pending reads with an AbortError when its device is lost; that is not the
    // user's cancel, and must not be taken for one (a cancel drops the checkpoint).
    if (isAbortError(error) && !signal?.aborted) throw new AppError('gpu-lost', 'The GPU device stopped during training (lost or reset). The run can resume from its last checkpoint.', {}, { cause: error });
    throw error;
  } finally {
    optimizer.dispose();
  }
  return { step, stopped, bestValLoss, lastLoss, lastVal };
}
