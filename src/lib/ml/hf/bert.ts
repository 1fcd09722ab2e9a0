import * as tf from '@tensorflow/tfjs-core';
import { AppError } from '../../errors';
import { dropout, embeddingLookup, Encoder, LayerNorm, meanOverTokens, type EncoderOutputs, type Weights } from '../models';
import type { BertSpec } from './bert-config';
import { bertInputs, type BertInputs, type HfTokenizer } from './tokenizer';

// A BERT-family model on encoder.ts: the Encoder's blocks (post-norm, erf GELU) and its token
// and position tables, plus the two things its own embedding step lacks, computed here:
//
//   x = LayerNorm(tokens[ids] + positions[offset + t] + types[typeIds])   [B, T, C]
//   x = block_i(x) for every block (no final LayerNorm)                   [B, T, C]
//
// RoBERTa's positions start at pad_token_id + 1; the loader stores only the rows from there, so
// here position t is always row t. The extra weights live in the encoder's own map, as
// `embedding.types` [typeVocab, C] and `embedding.norm.{scale,bias}` [C], so checkpoints,
// exportWeights and LoRA see one model. Encoder.forward itself must not be called on it: it would
// skip both.

/** The encoder's inputs, with token types optional (all 0 when left out). */
export type EncoderInputsWithTypes = Omit<BertInputs, 'typeIds'> & { typeIds?: tf.Tensor2D | null };

function register(weights: Weights, name: string, value: tf.Tensor): tf.Variable {
  const variable = tf.variable(value, true);
  value.dispose();
  weights.set(name, variable);
  return variable;
}

export class Bert {
  readonly encoder: Encoder;
  /** Token-type table [typeVocab, C], or null (DistilBERT). */
  readonly types: tf.Variable | null;
  readonly embeddingNorm: LayerNorm;

  /** Weights start as the encoder's random initialisation; loadBert assigns a checkpoint. */
  constructor(readonly spec: BertSpec, readonly tokenizer: HfTokenizer | null = null) {
    this.encoder = new Encoder(spec.encoder);
    const C = spec.encoder.width;
    this.types = spec.typeVocabSize > 0 ? register(this.encoder.weights, 'embedding.types', tf.zeros([spec.typeVocabSize, C])) : null;
    this.embeddingNorm = new LayerNorm(this.encoder.weights, 'embedding.norm', C, spec.encoder.layerNormEpsilon);
  }

  get weights(): Weights {
    return this.encoder.weights;
  }

  get config(): BertSpec['encoder'] {
    return this.spec.encoder;
  }

  /** Token ids of each text with special tokens, cut at maxLength. */
  tokenize(texts: readonly string[]): BertInputs {
    if (!this.tokenizer) throw new AppError('internal', 'Internal error: this model was built without a tokenizer. Please report this.');
    return bertInputs(this.tokenizer.encodeBatch(texts, this.config.maxLength), this.tokenizer.padId);
  }

  /** Embeddings [B, T, C]: token + position (+ type) rows, then LayerNorm (and dropout when training). */
  embed({ ids, typeIds }: Pick<EncoderInputsWithTypes, 'ids' | 'typeIds'>, training = false): tf.Tensor3D {
    return tf.tidy(() => {
      const [, T] = ids.shape;
      const C = this.config.width;
      const positions = this.encoder.positions as tf.Variable; // [maxLength, C]: learned positions always
      let x = tf.add(embeddingLookup(this.encoder.tokens, ids), tf.slice(positions, [0, 0], [T, C])); // [B, T, C]
      if (this.types) x = tf.add(x, typeIds ? embeddingLookup(this.types, typeIds) : tf.slice(this.types, [0, 0], [1, C])); // [B, T, C] (type 0 by default)
      const normed = this.embeddingNorm.forward(x) as tf.Tensor3D;
      return dropout(normed, this.config.dropout, training) as tf.Tensor3D;
    });
  }

  /** inputs -> last hidden states [B, T, C] and sentence vectors [B, C]. */
  forward(inputs: EncoderInputsWithTypes, training = false): EncoderOutputs {
    return tf.tidy(() => {
      const [B, T] = inputs.ids.shape;
      if (T > this.config.maxLength) throw new AppError('input-malformed', `A batch of ${T} tokens is longer than the model's ${this.config.maxLength}.`, { tokens: T });
      let x = this.embed(inputs, training); // [B, T, C]
      const padBias = tf.reshape(tf.mul(tf.sub(1, inputs.mask), -1e9), [B, 1, 1, T]) as tf.Tensor4D; // [B, 1, 1, T]
      for (const block of this.encoder.blocks) x = block.forward(x, padBias, training); // [B, T, C]
      const pooled = this.config.pooling === 'cls' ? (tf.reshape(tf.slice(x, [0, 0, 0], [B, 1, this.config.width]), [B, this.config.width]) as tf.Tensor2D) : meanOverTokens(x, inputs.mask); // [B, C]
      return { hidden: x, pooled };
    });
  }

  /** Sentence vectors [B, C] of texts. */
  sentenceVectors(texts: readonly string[]): tf.Tensor2D {
    return tf.tidy(() => this.forward(this.tokenize(texts)).pooled);
  }

  dispose(): void {
    this.encoder.dispose();
  }
}
