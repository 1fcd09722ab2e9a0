import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EmbeddingsModel } from '@energetic-ai/embeddings';
import { describe, expect, it } from 'vitest';
import { parseVocabulary, SentencePiece } from '../../../../src/lib/ml/models/sentencepiece';
import { packageDir, sentences } from './texts';

// Our tokenizer against the package's own (@energetic-ai/embeddings 0.2.0), the oracle.

const vocabJson: unknown = JSON.parse(await readFile(join(packageDir, 'vocab.json'), 'utf8'));
const ours = new SentencePiece(parseVocabulary(vocabJson));
const theirs = new EmbeddingsModel({ vocabulary: vocabJson as [string, number][], model: null as never }).tokenizer;

const more = [
  'a',
  ' ',
  'see https://example.com/a?b=c :) :-( ): 10:30',
  'tabs\tand\nnewlines\r\n',
  'ﬁne ligatures, ＦＵＬＬＷＩＤＴＨ １２３, ½ and ²',
  'e\u0301 composed by NFKC; Ångström Straße São Paulo Zürich',
  '????!!!... ---- ____ ####',
  'qwxzjv qqqq xxxxxxxxxxxxxxxxxxxxxxxx',
  '👍🏽 family: 👨‍👩‍👧 flags: 🇫🇷 math: 𝔸𝔹ℂ',
  'Привет мир, مرحبا بالعالم, שלום, नमस्ते',
  '3.14159 -42 +7 1e10 0x1F $9.99 99%',
  'word '.repeat(200),
];

describe('SentencePiece', () => {
  it.each([...sentences, ...more])('gives the package tokenizer ids for %j', (text) => {
    expect(ours.encode(text)).toEqual(theirs.encode(text));
  });

  it('gives no tokens for the empty string and id 0 for unknown characters', () => {
    expect(ours.encode('')).toEqual([]);
    expect(ours.encode('東京')).toContain(0);
  });
});
