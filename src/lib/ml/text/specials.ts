// The special tokens every tokenizer trained here starts with, at fixed ids, so models, MLM and
// padding agree whatever the tokenizer.

export const specialTokens = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;
export const padId = 0;
export const unknownId = 1;
export const clsId = 2;
export const sepId = 3;
export const maskId = 4;
/** Ids from here on are ordinary tokens (what MLM may choose and draw). */
export const firstRegularId = specialTokens.length;

/** NFKC, whitespace runs as one space, trimmed; optionally lower-cased. */
export function normalizeText(text: string, lowercase: boolean): string {
  const t = text.normalize('NFKC').replace(/\s+/gu, ' ').trim();
  return lowercase ? t.toLowerCase() : t;
}
