import * as tf from '@tensorflow/tfjs-core';
// tfjs-core alone registers no gradient functions; the encoder is meant to be trained.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { AppError } from '../../errors';
import type { EncoderConfig, LoraConfig, LoraTarget } from './config';

// A Transformer encoder in the manner of nanoGPT's model.py: modules in dependency order
// (Linear, LayerNorm, MultiHeadSelfAttention, FeedForward, Block, Encoder), each `forward` a few
// lines. Every weight is a tf.Variable in one flat map, keyed by a dotted name
// (`blocks.0.attention.query.kernel`), so checkpoints, LoRA and loaders address weights by name.
// Modules hold no tensors of their own, only those variables: `forward(inputs, training)` reads
// the weights and nothing else (dropout aside), so it works inside tf.tidy and tf.variableGrads.
//
// Dims: B batch, T time (tokens), E embedding width, C residual width, H heads, D head size
// (input width / H), F feed-forward width, V vocabulary, r LoRA rank.
// WebGPU in tfjs 4.22 transposes int32 wrongly (tfjs#8638): the only int32 tensor here (ids)
// is gathered from and reshaped, never transposed (see embeddingLookup for its gradient).

/** name -> variable. Insertion order is construction order. */
export type Weights = Map<string, tf.Variable>;

export interface EncoderInputs {
  /** Token ids, int32 [B, T]; padding positions may hold any valid id. */
  ids: tf.Tensor2D;
  /** 1 for a token, 0 for padding, float32 [B, T]. */
  mask: tf.Tensor2D;
}

export interface EncoderOutputs {
  /** Last hidden states [B, T, C] (padding rows hold values nobody should read). */
  hidden: tf.Tensor3D;
  /** Sentence vectors [B, C] (mean over tokens, or the first token). */
  pooled: tf.Tensor2D;
}

/** Deterministic initial values: each draw takes the next seed. Adapters draw from their own
 *  sequence, so adding LoRA to a config leaves the base weights' initial values unchanged. */
export class Init {
  private base: number;
  private adapters: number;
  constructor(seed: number) {
    this.base = seed;
    this.adapters = seed + 1_000_003;
  }
  normal(shape: number[], std: number): tf.Tensor {
    return tf.randomNormal(shape, 0, std, 'float32', this.base++);
  }
  adapterNormal(shape: number[], std: number): tf.Tensor {
    return tf.randomNormal(shape, 0, std, 'float32', this.adapters++);
  }
}

function register(weights: Weights, name: string, value: tf.Tensor): tf.Variable {
  if (weights.has(name)) throw new AppError('internal', `Internal error: weight "${name}" registered twice. Please report this.`);
  const variable = tf.variable(value, true); // no tfjs name: its registry is global, ours is the map
  value.dispose();
  weights.set(name, variable);
  return variable;
}

/** Applies a [in, out] matrix to the last axis of x: [..., in] -> [..., out]. */
function applyLast(x: tf.Tensor, kernel: tf.Tensor2D): tf.Tensor {
  const inWidth = x.shape[x.shape.length - 1] ?? 0;
  const rows = tf.reshape(x, [-1, inWidth]); // [B*T, in]
  return tf.reshape(tf.matMul(rows, kernel), [...x.shape.slice(0, -1), kernel.shape[1]]); // [..., out]
}

// ---------------------------------------------------------------------------------------------

/** y = x·W + b, plus optionally the LoRA update (x·A)·B · alpha/r, A random and B zero at start. */
export class Linear {
  readonly kernel: tf.Variable<tf.Rank.R2>; // [in, out]
  readonly bias: tf.Variable<tf.Rank.R1>; // [out]
  readonly lora: { a: tf.Variable<tf.Rank.R2>; b: tf.Variable<tf.Rank.R2>; scale: number } | null;
  private merged = false;

  constructor(weights: Weights, readonly name: string, inWidth: number, outWidth: number, init: Init, std: number, lora: LoraConfig | null) {
    this.kernel = register(weights, `${name}.kernel`, init.normal([inWidth, outWidth], std)) as tf.Variable<tf.Rank.R2>;
    this.bias = register(weights, `${name}.bias`, tf.zeros([outWidth])) as tf.Variable<tf.Rank.R1>;
    this.lora = lora && {
      a: register(weights, `${name}.lora.a`, init.adapterNormal([inWidth, lora.rank], 1 / Math.sqrt(inWidth))) as tf.Variable<tf.Rank.R2>, // [in, r]
      b: register(weights, `${name}.lora.b`, tf.zeros([lora.rank, outWidth])) as tf.Variable<tf.Rank.R2>, // [r, out]
      scale: lora.alpha / lora.rank,
    };
  }

  forward(x: tf.Tensor): tf.Tensor {
    const y = tf.add(applyLast(x, this.kernel), this.bias); // [..., out]
    if (!this.lora || this.merged) return y;
    const update = applyLast(applyLast(x, this.lora.a), this.lora.b); // [..., r] -> [..., out]
    return tf.add(y, tf.mul(update, this.lora.scale));
  }

  /** Folds the adapter into the kernel (W += A·B·alpha/r); forward then skips the adapter. */
  merge(): void {
    if (!this.lora || this.merged) return;
    const { a, b, scale } = this.lora;
    tf.tidy(() => this.kernel.assign(tf.add(this.kernel, tf.mul(tf.matMul(a, b), scale)))); // [in, out]
    this.merged = true;
  }

  /** Takes the adapter back out of the kernel (W -= A·B·alpha/r). */
  unmerge(): void {
    if (!this.lora || !this.merged) return;
    const { a, b, scale } = this.lora;
    tf.tidy(() => this.kernel.assign(tf.sub(this.kernel, tf.mul(tf.matMul(a, b), scale)))); // [in, out]
    this.merged = false;
  }

  get isMerged(): boolean {
    return this.merged;
  }
}

export class LayerNorm {
  readonly scale: tf.Variable; // [width]
  readonly bias: tf.Variable; // [width]

  constructor(weights: Weights, name: string, width: number, private readonly epsilon: number) {
    this.scale = register(weights, `${name}.scale`, tf.ones([width]));
    this.bias = register(weights, `${name}.bias`, tf.zeros([width]));
  }

  forward(x: tf.Tensor): tf.Tensor {
    const centred = tf.sub(x, tf.mean(x, -1, true)); // [B, T, W]
    const variance = tf.mean(tf.square(centred), -1, true); // [B, T, 1]
    return tf.add(tf.mul(tf.mul(this.scale, tf.rsqrt(tf.add(variance, this.epsilon))), centred), this.bias);
  }
}

/**
 * Dropout masks come from a seeded stream: seedDropout(seed, step) at the start of each training
 * step makes a run reproducible, and a resumed run draws the masks the uninterrupted one would.
 */
const dropoutStream = { base: 0, calls: 0 };

export function seedDropout(seed: number, step: number): void {
  dropoutStream.base = (seed * 1_000_003 + step * 7_919) % 2 ** 31;
  dropoutStream.calls = 0;
}

export function dropout(x: tf.Tensor, rate: number, training: boolean): tf.Tensor {
  return training && rate > 0 ? tf.dropout(x, rate, undefined, dropoutStream.base + dropoutStream.calls++) : x;
}

function targets(config: EncoderConfig, target: LoraTarget): LoraConfig | null {
  return config.lora && config.lora.targets.includes(target) ? config.lora : null;
}

/** Self-attention at the width of its input (W), projected to `outWidth` by the output layer. */
export class MultiHeadSelfAttention {
  readonly query: Linear;
  readonly key: Linear;
  readonly value: Linear;
  readonly output: Linear;

  constructor(weights: Weights, name: string, inWidth: number, outWidth: number, private readonly config: EncoderConfig, init: Init) {
    const std = config.initStd;
    this.query = new Linear(weights, `${name}.query`, inWidth, inWidth, init, std, targets(config, 'query'));
    this.key = new Linear(weights, `${name}.key`, inWidth, inWidth, init, std, targets(config, 'key'));
    this.value = new Linear(weights, `${name}.value`, inWidth, inWidth, init, std, targets(config, 'value'));
    this.output = new Linear(weights, `${name}.output`, inWidth, outWidth, init, std, targets(config, 'output'));
  }

  /** x [B, T, W], padBias [B, 1, 1, T] (0 for tokens, -1e9 for padding) -> [B, T, outWidth]. */
  forward(x: tf.Tensor3D, padBias: tf.Tensor4D, training: boolean): tf.Tensor3D {
    const [B, T, W] = x.shape;
    const H = this.config.heads;
    const D = W / H;
    const split = (t: tf.Tensor) => tf.transpose(tf.reshape(t, [B, T, H, D]), [0, 2, 1, 3]); // [B, T, H, D] -> [B, H, T, D]
    const q = tf.mul(split(this.query.forward(x)), 1 / Math.sqrt(D)); // [B, H, T, D]
    const k = split(this.key.forward(x)); // [B, H, T, D]
    const v = split(this.value.forward(x)); // [B, H, T, D]
    const scores = tf.add(tf.matMul(q, k, false, true), padBias); // [B, H, T, T]
    const weights = dropout(tf.softmax(scores), this.config.dropout, training); // [B, H, T, T]
    const heads = tf.matMul(weights, v); // [B, H, T, D]
    const joined = tf.reshape(tf.transpose(heads, [0, 2, 1, 3]), [B, T, W]); // [B, T, H, D] -> [B, T, W]
    return dropout(this.output.forward(joined), this.config.dropout, training) as tf.Tensor3D; // [B, T, outWidth]
  }
}

export class FeedForward {
  readonly up: Linear;
  readonly down: Linear;

  constructor(weights: Weights, name: string, private readonly config: EncoderConfig, init: Init) {
    this.up = new Linear(weights, `${name}.up`, config.width, config.ffWidth, init, config.initStd, targets(config, 'up'));
    this.down = new Linear(weights, `${name}.down`, config.ffWidth, config.width, init, config.initStd, targets(config, 'down'));
  }

  forward(x: tf.Tensor3D, training: boolean): tf.Tensor3D {
    const h = this.up.forward(x); // [B, T, F]
    const a = this.config.activation === 'relu' ? tf.relu(h) : tf.mul(tf.mul(h, 0.5), tf.add(1, tf.erf(tf.mul(h, Math.SQRT1_2)))); // exact GELU
    return dropout(this.down.forward(a), this.config.dropout, training) as tf.Tensor3D; // [B, T, C]
  }
}

/** Attention and feed-forward, each on a residual path; LayerNorm before (pre) or after (post). */
export class Block {
  readonly attentionNorm: LayerNorm;
  readonly attention: MultiHeadSelfAttention;
  /** Only when the block widens its input (USE-lite block 0): the residual goes through it. */
  readonly residual: Linear | null;
  readonly ffNorm: LayerNorm;
  readonly ff: FeedForward;

  constructor(weights: Weights, name: string, inWidth: number, private readonly config: EncoderConfig, init: Init) {
    const C = config.width;
    if (config.norm === 'post' && inWidth !== C) throw new AppError('input-malformed', 'Invalid model configuration: post-norm needs embeddingWidth equal to width.');
    this.attentionNorm = new LayerNorm(weights, `${name}.attentionNorm`, config.norm === 'pre' ? inWidth : C, config.layerNormEpsilon);
    this.attention = new MultiHeadSelfAttention(weights, `${name}.attention`, inWidth, C, config, init);
    this.residual = inWidth === C ? null : new Linear(weights, `${name}.residual`, inWidth, C, init, config.initStd, null);
    this.ffNorm = new LayerNorm(weights, `${name}.ffNorm`, C, config.layerNormEpsilon);
    this.ff = new FeedForward(weights, `${name}.ff`, config, init);
  }

  /** [B, T, inWidth] -> [B, T, C] */
  forward(x: tf.Tensor3D, padBias: tf.Tensor4D, training: boolean): tf.Tensor3D {
    const skip = this.residual ? (this.residual.forward(x) as tf.Tensor3D) : x; // [B, T, C]
    if (this.config.norm === 'pre') {
      const h = tf.add(skip, this.attention.forward(this.attentionNorm.forward(x) as tf.Tensor3D, padBias, training)) as tf.Tensor3D;
      return tf.add(h, this.ff.forward(this.ffNorm.forward(h) as tf.Tensor3D, training));
    }
    const h = this.attentionNorm.forward(tf.add(skip, this.attention.forward(x, padBias, training))) as tf.Tensor3D;
    return this.ffNorm.forward(tf.add(h, this.ff.forward(h, training))) as tf.Tensor3D;
  }
}

/** The tensor2tensor timing signal: [sin(t·f_i) | cos(t·f_i)], f_i from 1 down to 1e-4. [T, E] */
export function timingSignal(length: number, width: number): tf.Tensor2D {
  const half = width / 2;
  const step = Math.log(1e4) / Math.max(half - 1, 1);
  const values = new Float32Array(length * width);
  for (let t = 0; t < length; t++) {
    for (let i = 0; i < half; i++) {
      const angle = t * Math.fround(Math.exp(-i * step)); // the frequency is a float32 in the original
      values[t * width + i] = Math.sin(angle);
      values[t * width + half + i] = Math.cos(angle);
    }
  }
  return tf.tensor2d(values, [length, width]);
}

/**
 * Rows of `table` [V, E] at `ids` [B, T] -> [B, T, E]. Gather's own gradient needs the
 * UnsortedSegmentSum kernel, which the WASM backend lacks; there the gradient is a matMul with
 * a [V, B*T] selector built by comparison (tfjs-wasm's OneHot writes int32 whatever the dtype).
 */
export const embeddingLookup = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [table, ids, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
  save([ids]);
  const value = tf.gather(table, ids); // [B, T, E]
  const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => {
    const [V, E] = table.shape;
    const flatIds = tf.reshape(saved[0] as tf.Tensor, [-1]); // [B*T] int32, reshaped, never transposed
    const rows = tf.reshape(dy, [-1, E]); // [B*T, E]
    if (tf.getKernel('UnsortedSegmentSum', tf.getBackend())) return [tf.unsortedSegmentSum(rows, flatIds as tf.Tensor1D, V), tf.zerosLike(saved[0] as tf.Tensor)]; // [V, E]
    const selector = tf.cast(tf.equal(tf.reshape(tf.range(0, V, 1, 'int32'), [V, 1]), tf.reshape(flatIds, [1, -1])), 'float32'); // [V, B*T]
    return [tf.matMul(selector, rows), tf.zerosLike(saved[0] as tf.Tensor)]; // [V, B*T]·[B*T, E] -> [V, E]
  };
  return { value, gradFunc };
});

export class Encoder {
  readonly weights: Weights = new Map();
  readonly tokens: tf.Variable; // [V, E]
  readonly positions: tf.Variable | null; // [maxLength, E], learned positions only
  readonly blocks: Block[] = [];
  readonly norm: LayerNorm | null;

  /** `config` must come from encoderConfig(), which checked it. */
  constructor(readonly config: EncoderConfig) {
    const init = new Init(config.seed);
    const E = config.embeddingWidth;
    this.tokens = register(this.weights, 'embedding.tokens', init.normal([config.vocabSize, E], config.initStd));
    this.positions = config.positions === 'learned' ? register(this.weights, 'embedding.positions', init.normal([config.maxLength, E], config.initStd)) : null;
    for (let i = 0; i < config.depth; i++) this.blocks.push(new Block(this.weights, `blocks.${i}`, i === 0 ? E : config.width, config, init));
    this.norm = config.finalNorm ? new LayerNorm(this.weights, 'norm', config.width, config.layerNormEpsilon) : null;
  }

  forward({ ids, mask }: EncoderInputs, training = false): EncoderOutputs {
    return tf.tidy(() => ({ ...this.forwardEmbedded(embeddingLookup(this.tokens, ids) as tf.Tensor as tf.Tensor3D, mask, training) }));
  }

  /** forward() from token embeddings [B, T, E] (rows of `tokens`, before embeddingScale and
   *  positions) instead of ids: attributions differentiate with respect to them. */
  forwardEmbedded(tokenEmbeddings: tf.Tensor3D, mask: tf.Tensor2D, training = false): EncoderOutputs {
    return tf.tidy(() => {
      const [B, T] = mask.shape;
      if (T > this.config.maxLength) throw new AppError('input-malformed', `A batch of ${T} tokens is longer than the model's ${this.config.maxLength}.`);
      const E = this.config.embeddingWidth;
      const tokens = tf.mul(tokenEmbeddings, this.config.embeddingScale); // [B, T, E]
      const positions = this.positions ? tf.slice(this.positions, [0, 0], [T, E]) : timingSignal(T, E); // [T, E]
      let x = dropout(tf.add(tokens, positions), this.config.dropout, training) as tf.Tensor3D; // [B, T, E]
      const padBias = tf.reshape(tf.mul(tf.sub(1, mask), -1e9), [B, 1, 1, T]) as tf.Tensor4D; // [B, 1, 1, T]
      for (const block of this.blocks) x = block.forward(x, padBias, training); // [B, T, C]
      const hidden = (this.norm ? this.norm.forward(x) : x) as tf.Tensor3D; // [B, T, C]
      return { hidden, pooled: this.config.pooling === 'cls' ? firstToken(hidden) : meanOverTokens(hidden, mask) };
    });
  }

  /** Every Linear, in construction order (for merge/unmerge of all adapters). */
  linears(): Linear[] {
    return this.blocks.flatMap((b) => [b.attention.query, b.attention.key, b.attention.value, b.attention.output, ...(b.residual ? [b.residual] : []), b.ff.up, b.ff.down]);
  }

  mergeLora(): void {
    for (const linear of this.linears()) linear.merge();
  }

  unmergeLora(): void {
    for (const linear of this.linears()) linear.unmerge();
  }

  dispose(): void {
    for (const variable of this.weights.values()) variable.dispose();
    this.weights.clear();
  }
}

/** [B, T, C], mask [B, T] -> [B, C]: the sum over tokens over max(count, 1). */
export function meanOverTokens(hidden: tf.Tensor3D, mask: tf.Tensor2D): tf.Tensor2D {
  const summed = tf.sum(tf.mul(hidden, tf.expandDims(mask, 2)), 1); // [B, C]
  const counts = tf.maximum(tf.sum(mask, 1, true), 1); // [B, 1]
  return tf.div(summed, counts);
}

function firstToken(hidden: tf.Tensor3D): tf.Tensor2D {
  const [B, , C] = hidden.shape;
  return tf.reshape(tf.slice(hidden, [0, 0, 0], [B, 1, C]), [B, C]); // [B, 1, C] -> [B, C]
}
