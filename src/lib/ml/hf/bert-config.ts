import { AppError } from '../../errors';
import { encoderConfig, type EncoderConfig, type LoraConfig, type Pooling } from '../models';

// A Hugging Face config.json of the BERT family, read into our EncoderConfig plus the few
// things the encoder itself does not do (see bert.ts): token-type embeddings, the LayerNorm
// on the embeddings, and RoBERTa's position offset. All of these models are post-LayerNorm
// with exact (erf) GELU and learned absolute positions, and have no final LayerNorm.
//
//   field (BERT / RoBERTa)       DistilBERT      ours
//   vocab_size                   vocab_size      vocabSize
//   max_position_embeddings      (same)          maxLength (RoBERTa: minus the offset)
//   hidden_size                  dim             width = embeddingWidth
//   num_hidden_layers            n_layers        depth
//   num_attention_heads          n_heads         heads
//   intermediate_size            hidden_dim      ffWidth
//   hidden_act                   activation      activation ('gelu' is erf GELU; 'relu')
//   layer_norm_eps               (1e-12)         layerNormEpsilon
//   hidden_dropout_prob          dropout         dropout (used only when training)
//   type_vocab_size              (none: 0)       BertSpec.typeVocabSize

export const bertFamilies = ['bert', 'roberta', 'distilbert'] as const;
export type BertFamily = (typeof bertFamilies)[number];

/** model_type -> family. Others of the kind (ELECTRA with a projection, MPNet's relative
 *  attention, ALBERT's shared layers) compute something the encoder does not. */
const modelTypes: Record<string, BertFamily> = { bert: 'bert', roberta: 'roberta', 'xlm-roberta': 'roberta', camembert: 'roberta', distilbert: 'distilbert' };

export interface BertSpec {
  family: BertFamily;
  encoder: EncoderConfig;
  /** Rows of the token-type table; 0 when the model has none (DistilBERT). */
  typeVocabSize: number;
  /** Position of the first token in the position table (RoBERTa: pad_token_id + 1, else 0). */
  positionOffset: number;
  /** Rows of the position table (max_position_embeddings). */
  positionRows: number;
  /** Id of the padding token, from config.json (may be overridden by the tokenizer). */
  padTokenId: number;
}

/** What the caller may choose; everything else comes from config.json. */
export interface BertOptions {
  /** Sentence vector: mean over tokens (sentence-transformers style, the default) or [CLS]. */
  pooling?: Pooling;
  /** LoRA adapters for fine-tuning. */
  lora?: LoraConfig | null;
}

function refuse(message: string, details: Record<string, string | number> = {}): never {
  throw new AppError('input-malformed', `This config.json is not a usable BERT-family configuration: ${message}.`, details);
}

function unsupported(message: string, details: Record<string, string | number> = {}): never {
  throw new AppError('unsupported', `This model is not supported yet: ${message}. Choose a BERT, RoBERTa or DistilBERT model.`, details);
}

function int(config: Record<string, unknown>, key: string, fallback?: number): number {
  const value = config[key] ?? fallback;
  if (!Number.isInteger(value) || (value as number) < 0) refuse(`"${key}" must be a non-negative integer`, { key });
  return value as number;
}

function num(config: Record<string, unknown>, key: string, fallback: number): number {
  const value = config[key] ?? fallback;
  if (typeof value !== 'number' || !Number.isFinite(value)) refuse(`"${key}" must be a number`, { key });
  return value;
}

function activation(name: unknown): 'gelu' | 'relu' {
  if (name === 'gelu' || name === 'relu') return name;
  // gelu_new / gelu_pytorch_tanh need a tanh GELU in encoder.ts (not there yet).
  return unsupported(`its activation "${String(name)}" is not exact GELU or ReLU`, { activation: String(name) });
}

/** config.json (already JSON-parsed) -> BertSpec. */
export function parseBertConfig(json: unknown, options: BertOptions = {}): BertSpec {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) refuse('it is not a JSON object');
  const c = json as Record<string, unknown>;
  const family = modelTypes[String(c.model_type)];
  if (!family) unsupported(`its model_type is "${String(c.model_type)}"`, { modelType: String(c.model_type) });
  const common = { embeddingScale: 1, positions: 'learned', norm: 'post', finalNorm: false, pooling: options.pooling ?? 'mean', lora: options.lora ?? null } as const;
  const positionRows = int(c, 'max_position_embeddings');
  if (family === 'distilbert') {
    if (c.sinusoidal_pos_embds === true) unsupported('it uses sinusoidal positions');
    const width = int(c, 'dim');
    const encoder = encoderConfig({ ...common, vocabSize: int(c, 'vocab_size'), maxLength: positionRows, width, embeddingWidth: width, depth: int(c, 'n_layers'), heads: int(c, 'n_heads'), ffWidth: int(c, 'hidden_dim'), activation: activation(c.activation), layerNormEpsilon: 1e-12, dropout: num(c, 'dropout', 0.1) });
    return { family, encoder, typeVocabSize: 0, positionOffset: 0, positionRows, padTokenId: int(c, 'pad_token_id', 0) };
  }
  const positionType = c.position_embedding_type ?? 'absolute';
  if (positionType !== 'absolute') unsupported(`its position_embedding_type is "${String(positionType)}"`);
  if (c.embedding_size !== undefined && c.embedding_size !== c.hidden_size) unsupported('its embeddings are narrower than its hidden size');
  const padTokenId = int(c, 'pad_token_id', family === 'roberta' ? 1 : 0);
  const positionOffset = family === 'roberta' ? padTokenId + 1 : 0;
  if (positionRows <= positionOffset) refuse('max_position_embeddings leaves no room for tokens', { positionRows });
  const width = int(c, 'hidden_size');
  const encoder = encoderConfig({
    ...common,
    vocabSize: int(c, 'vocab_size'),
    maxLength: positionRows - positionOffset,
    width,
    embeddingWidth: width,
    depth: int(c, 'num_hidden_layers'),
    heads: int(c, 'num_attention_heads'),
    ffWidth: int(c, 'intermediate_size'),
    activation: activation(c.hidden_act ?? 'gelu'),
    layerNormEpsilon: num(c, 'layer_norm_eps', 1e-12),
    dropout: num(c, 'hidden_dropout_prob', 0.1),
  });
  return { family, encoder, typeVocabSize: int(c, 'type_vocab_size', 2), positionOffset, positionRows, padTokenId };
}
