import { Tokenizer } from '@huggingface/tokenizers';
import * as tf from '@tensorflow/tfjs-core';
import { AppError } from '../../errors';
import type { EncoderInputs } from '../models';

// tokenizer.json (+ tokenizer_config.json) through @huggingface/tokenizers' Tokenizer: the same
// pure-JS class @huggingface/transformers' AutoTokenizer builds, imported alone so that no
// model runtime, hub client or global `env` comes with it. It runs in page, worker and Node,
// and reads nothing but the two JSON values it is given.
//
// Truncation keeps the special tokens, as Python's tokenizers do: [CLS] a b c [SEP] cut to 4
// is [CLS] a b [SEP]. (transformers.js cuts the tail, dropping [SEP].)

/** One text's token ids and token-type ids (segment A = 0, B = 1). */
export interface Encoded {
  ids: number[];
  typeIds: number[];
}

/** Inputs of a BERT-family encoder: the encoder's plus token types, int32 [B, T]. */
export interface BertInputs extends EncoderInputs {
  typeIds: tf.Tensor2D;
}

function asObject(value: unknown, file: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new AppError('input-malformed', `${file} is not a JSON object. Download or export the model again.`, { file });
  return value as Record<string, unknown>;
}

const padCandidates = ['[PAD]', '<pad>'];

export class HfTokenizer {
  /** Id used to fill padding positions (the model never reads them). */
  readonly padId: number;
  /** How many special tokens the single-text template adds before and after the text. */
  private readonly around: { before: number; after: number };

  constructor(readonly tokenizer: Tokenizer, padToken: string | null = null) {
    const pad = [padToken, ...padCandidates].map((t) => (t === null ? undefined : tokenizer.token_to_id(t))).find((id) => id !== undefined);
    this.padId = pad ?? 0;
    // The template's special tokens around a probe text: [CLS] a [SEP] -> 1 before, 1 after.
    const bare = tokenizer.encode('a', { add_special_tokens: false }).ids;
    const full = tokenizer.encode('a').ids;
    const before = Math.max(0, full.findIndex((_, i) => bare.every((id, j) => full[i + j] === id)));
    this.around = { before, after: full.length - bare.length - before };
  }

  /** Ids of one text (or a pair), with special tokens, cut to at most `maxLength`. */
  encode(text: string, pair: string | null = null, maxLength = Infinity): Encoded {
    const e = this.tokenizer.encode(text, { text_pair: pair, return_token_type_ids: true });
    const ids = e.ids;
    const typeIds = e.token_type_ids ?? ids.map(() => 0);
    if (ids.length <= maxLength) return { ids, typeIds };
    if (pair !== null) throw new AppError('input-malformed', `A pair of texts is ${ids.length} tokens long; the model takes ${maxLength}. Shorten the texts.`, { tokens: ids.length, maxLength });
    const { before, after } = this.around;
    const keep = Math.max(maxLength - before - after, 0);
    const cut = (xs: number[]) => [...xs.slice(0, before + keep), ...xs.slice(xs.length - after)];
    return { ids: cut(ids), typeIds: cut(typeIds) };
  }

  encodeBatch(texts: readonly string[], maxLength = Infinity): Encoded[] {
    return texts.map((text) => this.encode(text, null, maxLength));
  }

  /** The wordpieces of a text, without special tokens (for display and tests). */
  tokens(text: string): string[] {
    return this.tokenizer.tokenize(text);
  }
}

/** Builds the tokenizer from the parsed tokenizer.json and (optional) tokenizer_config.json. */
export function parseTokenizer(tokenizerJson: unknown, tokenizerConfig: unknown = {}): HfTokenizer {
  const json = asObject(tokenizerJson, 'tokenizer.json');
  const config = asObject(tokenizerConfig ?? {}, 'tokenizer_config.json');
  if (typeof json.model !== 'object' || json.model === null) throw new AppError('input-malformed', 'tokenizer.json has no "model" section. Download or export the model again.');
  let tokenizer: Tokenizer;
  try {
    tokenizer = new Tokenizer(json, config);
  } catch (error) {
    throw new AppError('unsupported', `This tokenizer.json could not be read: ${error instanceof Error ? error.message : String(error)}.`, {}, { cause: error });
  }
  const pad = config.pad_token;
  const padToken = typeof pad === 'string' ? pad : typeof (pad as { content?: unknown } | null)?.content === 'string' ? (pad as { content: string }).content : null;
  return new HfTokenizer(tokenizer, padToken);
}

/** Pads encodings to the longest (pad id, mask 0, type 0): ids and typeIds int32, mask float32, [B, T]. */
export function bertInputs(encoded: readonly Encoded[], padId = 0): BertInputs {
  const B = encoded.length;
  const T = Math.max(1, ...encoded.map((e) => e.ids.length));
  const ids = new Int32Array(B * T).fill(padId);
  const typeIds = new Int32Array(B * T);
  const mask = new Float32Array(B * T);
  encoded.forEach((e, b) =>
    e.ids.forEach((id, t) => {
      ids[b * T + t] = id;
      typeIds[b * T + t] = e.typeIds[t] ?? 0;
      mask[b * T + t] = 1;
    }),
  );
  return { ids: tf.tensor2d(ids, [B, T], 'int32'), mask: tf.tensor2d(mask, [B, T], 'float32'), typeIds: tf.tensor2d(typeIds, [B, T], 'int32') };
}
