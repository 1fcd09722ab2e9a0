import * as tf from '@tensorflow/tfjs-core';
import { AppError } from '../errors';
import { Block, Init, LayerNorm, encoderConfig, type Weights } from '../ml/models';

// SASRec (Kang & McAuley 2018): causal self-attention over a user’s item history (ReLU feed-forward,
// as in the paper); the hidden
// state at step t, dotted with an item's embedding (the SAME table as the input embeddings),
// scores the item as the user's next. Built from the transformer engine's Block (ml/models/
// encoder.ts, pre-norm, unchanged): its attention adds a bias of any shape that broadcasts to
// the scores [B, H, T, T], so passing [B, 1, T, T] (causal + padding) instead of the padding-only
// [B, 1, 1, T] gives causal attention without touching the encoder.
//
// The item table is NOT a tf.Variable: it lives in a Float32Array (row 0 = padding, item i at
// row i + 1) and the trainer gathers the rows a batch needs into tensors and scatters their
// gradients back (sasrec-train.ts). A dense [items, C] gradient would cost O(items·C) per step
// and, on WASM, a [items, B·T] selector matrix: impossible at 100k items.
//
// Dims: B users, T steps (most recent last; left-padded), C width, H heads.

export interface SasrecConfig {
  maxLength: number; // T: histories are cut to their most recent T items
  width: number; // C: item embeddings and residual stream
  depth: number; // attention blocks
  heads: number; // H; width must divide by it
  dropout: number; // on the input embeddings, seeded (the encoder's own dropout is unseeded, so its rate stays 0)
  initStd: number; // normal initialisation of embeddings and kernels
  seed: number; // initialisation
}

export const sasrecDefaults: SasrecConfig = { maxLength: 50, width: 64, depth: 2, heads: 1, dropout: 0.2, initStd: 0.02, seed: 1 };

export interface SasrecModel {
  config: SasrecConfig;
  /** Dense weights by name (positions, blocks, final norm): trained with ml/train's AdamW. */
  weights: Weights;
  /** [items + 1, C], row 0 the padding row (zeros, never trained). */
  itemTable: Float32Array;
  /**
   * items: gathered input embeddings [B, T, C] (zeros at padding), mask [B, T] (1 = item)
   * -> hidden states [B, T, C]. Call inside tf.tidy.
   */
  forward(items: tf.Tensor3D, mask: tf.Tensor2D, training: boolean, dropoutSeed: number): tf.Tensor3D;
  dispose(): void;
}

/** [1, 1, T, T]: 0 where step t may see step s (s <= t), -1e9 where s is in its future. */
function causalBias(T: number): tf.Tensor4D {
  const values = new Float32Array(T * T);
  for (let t = 0; t < T; t++) for (let s = t + 1; s < T; s++) values[t * T + s] = -1e9;
  return tf.tensor4d(values, [1, 1, T, T]);
}

export function sasrecModel(overrides: Partial<SasrecConfig>, items: number): SasrecModel {
  const config = { ...sasrecDefaults, ...overrides };
  if (config.width % config.heads !== 0) throw new AppError('input-malformed', `SASRec width ${config.width} must divide by its ${config.heads} heads.`);
  const C = config.width;
  const encoder = encoderConfig({ vocabSize: 1, maxLength: config.maxLength, width: C, embeddingWidth: C, depth: config.depth, heads: config.heads, ffWidth: C, activation: 'relu', norm: 'pre', dropout: 0, initStd: config.initStd, seed: config.seed });
  const init = new Init(config.seed);
  const weights: Weights = new Map();
  const positionValues = init.normal([config.maxLength, C], config.initStd);
  const positions = tf.variable(positionValues, true);
  positionValues.dispose();
  weights.set('embedding.positions', positions);
  const blocks = Array.from({ length: config.depth }, (_, i) => new Block(weights, `blocks.${i}`, C, encoder, init));
  const norm = new LayerNorm(weights, 'norm', C, encoder.layerNormEpsilon);

  // Item rows from the same seeded stream, copied out of tfjs once.
  const itemTable = new Float32Array((items + 1) * C);
  const drawn = init.normal([items, C], config.initStd);
  itemTable.set(drawn.dataSync(), C);
  drawn.dispose();

  return {
    config,
    weights,
    itemTable,
    forward(inputs, mask, training, dropoutSeed) {
      const [B, T] = mask.shape;
      const scaled = tf.add(tf.mul(inputs, Math.sqrt(C)), tf.slice(positions, [0, 0], [T, C])); // [B, T, C]
      const dropped = training && config.dropout > 0 ? tf.dropout(scaled, config.dropout, undefined, dropoutSeed) : scaled; // [B, T, C]
      let x = tf.mul(dropped, tf.expandDims(mask, 2)) as tf.Tensor3D; // [B, T, C], padding rows zero
      const padBias = tf.reshape(tf.mul(tf.sub(1, mask), -1e9), [B, 1, 1, T]); // [B, 1, 1, T]
      const bias = tf.add(causalBias(T), padBias) as tf.Tensor4D; // [B, 1, T, T]
      for (const block of blocks) x = block.forward(x, bias, training);
      return tf.mul(norm.forward(x), tf.expandDims(mask, 2)) as tf.Tensor3D; // [B, T, C]
    },
    dispose() {
      for (const variable of weights.values()) variable.dispose();
      weights.clear();
    },
  };
}
