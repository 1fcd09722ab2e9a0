import { AppError } from '../../errors';
import type { EncoderConfig, NamedArrays } from '../models';
import type { OptimizerState } from './optimizer';
import type { TrainConfig } from './train';

// A checkpoint is a plain record, as in nanoGPT: everything a run needs to carry on exactly
// where it stopped. All of it is structured-cloneable (numbers, strings, Float32Arrays), so it
// goes into IndexedDB or across a worker boundary as is.

export interface Checkpoint {
  version: 1;
  /** The model's configuration, when the caller gave one (to rebuild the model on resume). */
  modelConfig: EncoderConfig | null;
  /** The effective training configuration. */
  trainConfig: TrainConfig;
  /** The step to run next; its evaluation (if due) is already counted below. */
  step: number;
  /** Best validation loss so far, or null before any evaluation. */
  bestValLoss: number | null;
  /** Evaluations since the best one (early stopping counts these). */
  evalsSinceBest: number;
  /** State of the run's Rng (batches, masks). */
  rngState: number;
  /** The trained weights only: all of them, or LoRA adapters and head, or the head. */
  weights: NamedArrays;
  optimizerState: OptimizerState;
}

function isNamedArrays(value: unknown): value is NamedArrays {
  if (typeof value !== 'object' || value === null) return false;
  return Object.values(value).every((e: unknown) => {
    const entry = e as { shape?: unknown; values?: unknown } | null;
    return entry !== null && Array.isArray(entry.shape) && entry.shape.every(Number.isInteger) && entry.values instanceof Float32Array;
  });
}

/** Narrows a record read back from IndexedDB (or a file) to a Checkpoint, or throws. */
export function parseCheckpoint(value: unknown): Checkpoint {
  const c = value as Partial<Checkpoint> | null;
  const ok =
    c !== null &&
    typeof c === 'object' &&
    c.version === 1 &&
    Number.isInteger(c.step) &&
    (c.bestValLoss === null || typeof c.bestValLoss === 'number') &&
    Number.isInteger(c.evalsSinceBest) &&
    Number.isInteger(c.rngState) &&
    typeof c.trainConfig === 'object' &&
    c.trainConfig !== null &&
    isNamedArrays(c.weights) &&
    typeof c.optimizerState === 'object' &&
    c.optimizerState !== null &&
    Number.isInteger(c.optimizerState.step) &&
    isNamedArrays(c.optimizerState.moments);
  if (!ok) throw new AppError('input-malformed', 'This training checkpoint is damaged or from another version; start the training again.');
  return c as Checkpoint;
}
