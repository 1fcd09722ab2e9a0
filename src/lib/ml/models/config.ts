import { AppError } from '../../errors';

// The encoder's configuration: one typed record with defaults, checked once (encoderConfig),
// then passed whole to every module constructor. Closed sets are `as const` lists so the
// validation, any UI and the types share one list.

export const activations = ['gelu', 'relu'] as const;
export type Activation = (typeof activations)[number];

export const norms = ['pre', 'post'] as const;
export type Norm = (typeof norms)[number];

export const positionKinds = ['learned', 'sinusoidal'] as const;
export type PositionKind = (typeof positionKinds)[number];

export const poolings = ['mean', 'cls'] as const;
export type Pooling = (typeof poolings)[number];

/** The Linear layers of a block that may carry LoRA adapters. */
export const loraTargets = ['query', 'key', 'value', 'output', 'up', 'down'] as const;
export type LoraTarget = (typeof loraTargets)[number];

export interface LoraConfig {
  /** Rank r of the update A·B (A: [in, r], B: [r, out]). */
  rank: number;
  /** The update is scaled by alpha / rank. */
  alpha: number;
  /** Which Linear layers of every block get adapters. */
  targets: readonly LoraTarget[];
}

export interface EncoderConfig {
  /** Rows of the token embedding table (V). */
  vocabSize: number;
  /** Longest sequence (T); learned position tables have this many rows. */
  maxLength: number;
  /** Width of the residual stream (C). */
  width: number;
  /** Width of the token embeddings (E). When E != C, block 0 attends at width E and projects its
   *  output and its residual to C (USE-lite: 256 -> 512). */
  embeddingWidth: number;
  /** Number of blocks. */
  depth: number;
  /** Attention heads (H); each block's input width must divide by it. */
  heads: number;
  /** Hidden width of the feed-forward network. */
  ffWidth: number;
  /** Non-linearity of the feed-forward network. */
  activation: Activation;
  /** LayerNorm before each sub-layer (pre, GPT-2 style) or after each residual sum (post, BERT). */
  norm: Norm;
  /** A LayerNorm after the last block (usual with pre-norm; USE-lite has none). */
  finalNorm: boolean;
  /** Added to the variance inside every LayerNorm. */
  layerNormEpsilon: number;
  /** Dropout rate while training, on embeddings, attention weights and sub-layer outputs. */
  dropout: number;
  /** Learned position table, or the fixed sin|cos timing signal of tensor2tensor. */
  positions: PositionKind;
  /** Token embeddings are multiplied by this before positions are added (USE-lite: 2). */
  embeddingScale: number;
  /** Sentence vector: mean over non-padding tokens, or the first (CLS) token. */
  pooling: Pooling;
  /** Standard deviation of the normal initialisation of kernels and embeddings. */
  initStd: number;
  /** Seed of the initialisation, so two encoders built alike start alike. */
  seed: number;
  /** LoRA adapters on the chosen Linear layers, or none. */
  lora: LoraConfig | null;
}

export const encoderDefaults: EncoderConfig = {
  vocabSize: 8000,
  maxLength: 128,
  width: 256,
  embeddingWidth: 256,
  depth: 4,
  heads: 4,
  ffWidth: 1024,
  activation: 'gelu',
  norm: 'pre',
  finalNorm: true,
  layerNormEpsilon: 1e-5,
  dropout: 0.1,
  positions: 'learned',
  embeddingScale: 1,
  pooling: 'mean',
  initStd: 0.02,
  seed: 1,
  lora: null,
};

function refuse(message: string, details: Record<string, string | number>): never {
  throw new AppError('input-malformed', `Invalid model configuration: ${message}.`, details);
}

/** Defaults, then `overrides`; unknown keys and broken invariants are refused here, once. */
export function encoderConfig(overrides: Partial<EncoderConfig> = {}): EncoderConfig {
  for (const key of Object.keys(overrides)) if (!(key in encoderDefaults)) refuse(`unknown key "${key}"`, { key });
  const c: EncoderConfig = { ...encoderDefaults, ...overrides };
  const positive = ['vocabSize', 'maxLength', 'width', 'embeddingWidth', 'depth', 'heads', 'ffWidth'] as const;
  for (const key of positive) if (!Number.isInteger(c[key]) || c[key] < 1) refuse(`${key} must be a positive integer`, { key, value: c[key] });
  if (!activations.includes(c.activation)) refuse(`activation must be one of ${activations.join(', ')}`, { activation: c.activation });
  if (!norms.includes(c.norm)) refuse(`norm must be one of ${norms.join(', ')}`, { norm: c.norm });
  if (!positionKinds.includes(c.positions)) refuse(`positions must be one of ${positionKinds.join(', ')}`, { positions: c.positions });
  if (!poolings.includes(c.pooling)) refuse(`pooling must be one of ${poolings.join(', ')}`, { pooling: c.pooling });
  if (c.width % c.heads !== 0 || c.embeddingWidth % c.heads !== 0) refuse('width and embeddingWidth must divide by heads', { width: c.width, embeddingWidth: c.embeddingWidth, heads: c.heads });
  if (c.positions === 'sinusoidal' && c.embeddingWidth % 2 !== 0) refuse('a sinusoidal timing signal needs an even embeddingWidth', { embeddingWidth: c.embeddingWidth });
  if (!(c.dropout >= 0 && c.dropout < 1)) refuse('dropout must be in [0, 1)', { dropout: c.dropout });
  if (!(c.layerNormEpsilon > 0)) refuse('layerNormEpsilon must be positive', { layerNormEpsilon: c.layerNormEpsilon });
  if (!(c.initStd > 0) || !Number.isFinite(c.embeddingScale)) refuse('initStd must be positive and embeddingScale finite', { initStd: c.initStd });
  if (c.lora) {
    if (!Number.isInteger(c.lora.rank) || c.lora.rank < 1) refuse('lora.rank must be a positive integer', { rank: c.lora.rank });
    if (!(c.lora.alpha > 0)) refuse('lora.alpha must be positive', { alpha: c.lora.alpha });
    for (const t of c.lora.targets) if (!loraTargets.includes(t)) refuse(`lora target "${String(t)}" is not one of ${loraTargets.join(', ')}`, { target: String(t) });
  }
  return c;
}
