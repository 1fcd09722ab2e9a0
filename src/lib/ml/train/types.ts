import type * as tf from '@tensorflow/tfjs-core';
import type { EncoderInputs, Weights } from '../models';
import type { Rng } from './rng';

// What the train loop needs from a task, and what a task needs from a model.

/** A model that turns padded token ids into one vector per text: the encoder, or USE-lite. */
export interface Embedder {
  /** Every weight of the model, LoRA adapters included. */
  weights: Weights;
  /** Longest sequence the model takes. */
  maxLength: number;
  /** Token ids the model was built for (V); token ids must be below it. */
  vocabSize: number;
  /** inputs -> [B, C] */
  embed(inputs: EncoderInputs, training: boolean): tf.Tensor2D;
}

/** A model plus a loss, as train() uses it (nanoGPT's `model(X, Y) -> loss`). */
export interface Objective<E> {
  /** The model's weights (LoRA adapters included); trained when TrainConfig.trainable asks. */
  model: Weights;
  /** The task's own weights (a head); trained in every mode. */
  head: Weights;
  /** Mean loss of one batch of plain examples. Runs inside tf.tidy and tf.variableGrads. */
  loss(batch: readonly E[], training: boolean, rng: Rng): tf.Scalar;
  /** Validation figures besides the loss (accuracy, rmse), over all of `examples`. */
  metrics?(examples: readonly E[]): Promise<Record<string, number>>;
}
