import * as tf from '@tensorflow/tfjs-core';
import { AppError } from '../../errors';
import type { Weights } from './encoder';

// Weights leave and enter a model by name, as plain structured-cloneable data: a checkpoint in
// Dexie, a LoRA adapter file, a message to a worker. LoRA adapters are the `*.lora.a/b` entries.

/** name -> { shape, values } (float32, row-major). */
export type NamedArrays = Record<string, { shape: number[]; values: Float32Array }>;

export const isLoraName = (name: string): boolean => /\.lora\.[ab]$/.test(name);

/** The adapters alone: what LoRA fine-tuning trains and what it exports. */
export function loraWeights(weights: Weights): Weights {
  return new Map([...weights].filter(([name]) => isLoraName(name)));
}

/** Everything but the adapters. */
export function baseWeights(weights: Weights): Weights {
  return new Map([...weights].filter(([name]) => !isLoraName(name)));
}

/** Copies the weights out (all of them, or those `keep` accepts). */
export async function exportWeights(weights: Weights, keep: (name: string) => boolean = () => true): Promise<NamedArrays> {
  const out: NamedArrays = {};
  for (const [name, variable] of weights) {
    if (!keep(name)) continue;
    out[name] = { shape: [...variable.shape], values: (await variable.data()) as Float32Array };
  }
  return out;
}

/**
 * Assigns `named` into `weights`. Every name must exist with the same shape; with
 * `{ complete: true }` every weight must also be given (a full checkpoint).
 */
export function importWeights(weights: Weights, named: NamedArrays, { complete = false } = {}): void {
  for (const [name, { shape, values }] of Object.entries(named)) {
    const variable = weights.get(name);
    if (!variable) throw new AppError('input-malformed', `The weights name "${name}", which this model does not have.`, { name });
    if (shape.join() !== variable.shape.join() || values.length !== variable.size) {
      throw new AppError('input-malformed', `Weight "${name}" has shape [${shape.join(', ')}]; the model needs [${variable.shape.join(', ')}].`, { name });
    }
  }
  if (complete) for (const name of weights.keys()) if (!(name in named)) throw new AppError('input-malformed', `The weights lack "${name}".`, { name });
  for (const [name, { shape, values }] of Object.entries(named)) {
    const variable = weights.get(name) as tf.Variable;
    tf.tidy(() => variable.assign(tf.tensor(values, shape, 'float32')));
  }
}
