import * as tf from '@tensorflow/tfjs-core';
import { AppError } from '../../errors';
import { Init, LayerNorm, Linear, type Encoder, type Weights } from '../models';
import { padBatch } from './data';
import { softmaxCrossEntropy } from './heads';
import type { Rng } from './rng';
import type { Objective } from './types';

// The masked-language-model objective of BERT: choose 15% of the tokens; of those, 80% become
// [MASK], 10% a random token, 10% stay; predict the original token at every chosen position.
// It pretrains an encoder from scratch (with a tokenizer trained on the user's text) and adapts
// USE-lite to the user's domain (continued pretraining of USE-lite's own encoder).
//
// Output: `tied` (BERT) maps the hidden state through Linear C -> E, GELU and LayerNorm, then
// scores every token by its embedding row (logits = h·Eᵀ + b, the embedding shared with the
// input); `head` is one Linear C -> V of its own. Either way only the chosen rows are scored.

export const mlmOutputs = ['tied', 'head'] as const;
export type MlmOutput = (typeof mlmOutputs)[number];

export interface MlmConfig {
  /** Share of the tokens chosen for prediction. */
  rate: number;
  /** Id that replaces a chosen token 80% of the time. */
  maskId: number;
  /** Ids below this are special (padding, unknown, mask…): never chosen, never a random replacement. */
  firstRegularId: number;
  output: MlmOutput;
}

export const mlmDefaults: Omit<MlmConfig, 'maskId' | 'firstRegularId'> = { rate: 0.15, output: 'tied' };

/** The corrupted batch and what to predict: positions index the flattened [B, T] batch. */
export interface MaskedBatch {
  ids: number[][];
  positions: number[];
  labels: number[];
}

/** BERT's corruption, drawn with `rng`. Every sequence with a regular token gets at least one chosen. */
export function maskTokens(batch: readonly (readonly number[])[], rng: Rng, config: MlmConfig, vocabSize: number, maxLength: number): MaskedBatch {
  const T = Math.max(1, Math.min(maxLength, Math.max(0, ...batch.map((t) => t.length))));
  const ids: number[][] = [];
  const positions: number[] = [];
  const labels: number[] = [];
  batch.forEach((row, b) => {
    const out = row.slice(0, T);
    const regular = out.flatMap((id, t) => (id >= config.firstRegularId ? [t] : []));
    let chosen = regular.filter(() => rng.next() < config.rate);
    if (chosen.length === 0 && regular.length > 0) chosen = [regular[rng.int(regular.length)] as number];
    for (const t of chosen) {
      positions.push(b * T + t);
      labels.push(out[t] as number);
      const r = rng.next();
      if (r < 0.8) out[t] = config.maskId;
      else if (r < 0.9) out[t] = config.firstRegularId + rng.int(vocabSize - config.firstRegularId);
    }
    ids.push(out);
  });
  return { ids, positions, labels };
}

export class MaskedLm {
  /** The output layers (`mlm.*`); the tied output also reads the encoder's token embedding. */
  readonly weights: Weights = new Map();
  readonly config: MlmConfig;
  private readonly transform: Linear | null = null;
  private readonly norm: LayerNorm | null = null;
  private readonly bias: tf.Variable | null = null;
  private readonly decoder: Linear | null = null;

  constructor(readonly encoder: Encoder, config: Partial<MlmConfig> & Pick<MlmConfig, 'maskId' | 'firstRegularId'>, seed = 1) {
    this.config = { ...mlmDefaults, ...config };
    const { vocabSize, width, embeddingWidth, initStd, layerNormEpsilon } = encoder.config;
    const { maskId, firstRegularId, rate } = this.config;
    if (!(rate > 0 && rate < 1) || maskId < 0 || maskId >= vocabSize || firstRegularId < 0 || firstRegularId >= vocabSize) {
      throw new AppError('input-malformed', 'Invalid MLM configuration: rate must be in (0, 1) and maskId, firstRegularId below the vocabulary size.', { rate, maskId, firstRegularId, vocabSize });
    }
    const init = new Init(seed);
    if (this.config.output === 'tied') {
      this.transform = new Linear(this.weights, 'mlm.transform', width, embeddingWidth, init, initStd, null);
      this.norm = new LayerNorm(this.weights, 'mlm.norm', embeddingWidth, layerNormEpsilon);
      this.bias = tf.variable(tf.zeros([vocabSize]), true);
      this.weights.set('mlm.bias', this.bias);
    } else {
      this.decoder = new Linear(this.weights, 'mlm.decoder', width, vocabSize, init, initStd, null);
    }
  }

  /** Hidden states of the chosen tokens [N, C] -> logits over the vocabulary [N, V]. */
  logits(h: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      if (this.decoder) return this.decoder.forward(h) as tf.Tensor2D; // [N, V]
      const x = (this.transform as Linear).forward(h); // [N, E]
      const gelu = tf.mul(tf.mul(x, 0.5), tf.add(1, tf.erf(tf.mul(x, Math.SQRT1_2))));
      const t = (this.norm as LayerNorm).forward(gelu) as tf.Tensor2D; // [N, E]
      return tf.add(tf.matMul(t, this.encoder.tokens as tf.Tensor2D, false, true), this.bias as tf.Variable) as tf.Tensor2D; // [N, E]·[E, V] -> [N, V]
    });
  }

  /** Mean cross-entropy over the chosen tokens of one batch. */
  loss(batch: readonly (readonly number[])[], training: boolean, rng: Rng): tf.Scalar {
    const { maxLength, vocabSize } = this.encoder.config;
    const masked = maskTokens(batch, rng, this.config, vocabSize, maxLength);
    if (masked.labels.length === 0) throw new AppError('input-malformed', 'An MLM batch holds no token to predict (all texts are empty or special).');
    return tf.tidy(() => {
      const inputs = padBatch(masked.ids, maxLength);
      const [B, T] = inputs.ids.shape;
      const hidden = this.encoder.forward(inputs, training).hidden; // [B, T, C]
      const rows = tf.reshape(hidden, [B * T, -1]); // [B*T, C]
      // The chosen rows by a float selector matMul: gather's gradient needs a kernel wasm lacks.
      const N = masked.positions.length;
      const selector = new Float32Array(N * B * T);
      masked.positions.forEach((p, n) => (selector[n * B * T + p] = 1));
      const picked = tf.matMul(tf.tensor2d(selector, [N, B * T]), rows) as tf.Tensor2D; // [N, B*T]·[B*T, C] -> [N, C]
      return softmaxCrossEntropy(this.logits(picked), masked.labels);
    });
  }

  dispose(): void {
    for (const v of this.weights.values()) v.dispose();
    this.weights.clear();
  }
}

/** The MLM as a train() objective over token lists. */
export function mlmObjective(mlm: MaskedLm): Objective<number[]> {
  return { model: mlm.encoder.weights, head: mlm.weights, loss: (batch, training, rng) => mlm.loss(batch, training, rng) };
}
