import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ReadFile } from '../../../../src/lib/ml/models';

// The tiny BERT that scripts/make-tiny-bert.ts writes (config, safetensors, tokenizer, ONNX),
// read from tests/fixtures/tiny-bert, offline.

export const fixturesDir = resolve(import.meta.dirname, '../../../fixtures');
export const tinyBertDir = join(fixturesDir, 'tiny-bert');

export async function tinyBertFile(name: string): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await readFile(join(tinyBertDir, name)));
}

export const readTinyBert: ReadFile = tinyBertFile;

/** Texts with accents, unknown characters, punctuation, an empty one and one past 64 tokens. */
export const texts = [
  'Shipping was fast!',
  'The café box — great price, my order shipped late :(',
  'refund?',
  '',
  'customer returned 3 items; not very good 😕',
  Array.from({ length: 40 }, (_, i) => (i % 2 ? 'slow' : 'boxes')).join(' '),
];

/** Largest |a - b| over the positions where mask is 1: a, b [B, T, C], mask [B, T]. */
export function maxAbsDiffTokens(a: number[][][], b: number[][][], mask: number[][]): number {
  let max = 0;
  a.forEach((rows, i) => rows.forEach((row, t) => mask[i]?.[t] && row.forEach((v, c) => (max = Math.max(max, Math.abs(v - (b[i]?.[t]?.[c] ?? NaN)))))));
  return max;
}
