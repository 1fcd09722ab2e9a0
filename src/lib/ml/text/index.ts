// Tokenizers trained on the user's own texts (for encoders pretrained from scratch), as JSON.
import { BpeTokenizer, parseBpeTokenizer, type BpeTokenizerJson } from './bpe';
import { CharTokenizer, parseCharTokenizer, type CharTokenizerJson } from './char';

export { BpeTokenizer, splitWords, parseBpeTokenizer, type BpeTokenizerJson, type BpeTrainOptions } from './bpe';
export { CharTokenizer, parseCharTokenizer, type CharTokenizerJson, type CharTrainOptions } from './char';
export { specialTokens, padId, unknownId, clsId, sepId, maskId, firstRegularId, normalizeText } from './specials';

export const tokenizerKinds = ['char', 'bpe'] as const;
export type TokenizerKind = (typeof tokenizerKinds)[number];
export type TokenizerJson = CharTokenizerJson | BpeTokenizerJson;
export type TextTokenizer = CharTokenizer | BpeTokenizer;

/** A tokenizer from its JSON (a file, IndexedDB); throws AppError('input-malformed') if damaged. */
export function tokenizerFromJson(json: unknown): TextTokenizer {
  const kind = (json as { kind?: unknown } | null)?.kind;
  return kind === 'bpe' ? BpeTokenizer.fromJSON(parseBpeTokenizer(json)) : CharTokenizer.fromJSON(parseCharTokenizer(json));
}

export function trainTokenizer(kind: TokenizerKind, texts: readonly string[], vocabSize: number): TextTokenizer {
  return kind === 'bpe' ? BpeTokenizer.train(texts, { vocabSize }) : CharTokenizer.train(texts, { vocabSize });
}
