import { AutoTokenizer, env } from '@huggingface/transformers';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../../src/lib/errors';
import { parseTokenizer, type HfTokenizer } from '../../../../src/lib/ml/hf';
import { fixturesDir, readTinyBert, texts } from './fixture';

// tokenizer.json through @huggingface/tokenizers against @huggingface/transformers' own
// AutoTokenizer on the same local folder (no network), plus hand-checked wordpieces.

const json = async (name: string) => JSON.parse(new TextDecoder().decode(await readTinyBert(name))) as unknown;

describe('HfTokenizer on the tiny BERT', () => {
  let ours: HfTokenizer;
  let theirs: Awaited<ReturnType<typeof AutoTokenizer.from_pretrained>>;

  beforeAll(async () => {
    ours = parseTokenizer(await json('tokenizer.json'), await json('tokenizer_config.json'));
    env.allowRemoteModels = false;
    env.localModelPath = `${fixturesDir}/`;
    theirs = await AutoTokenizer.from_pretrained('tiny-bert');
  });

  it('gives the ids and token types AutoTokenizer gives', () => {
    for (const text of texts) {
      const expected = theirs(text, { return_token_type_ids: true });
      const got = ours.encode(text);
      expect(got.ids).toEqual(Array.from(expected.input_ids.data as BigInt64Array, Number));
      expect(got.typeIds).toEqual(Array.from(expected.token_type_ids!.data as BigInt64Array, Number));
    }
    const pair = theirs('my order', { text_pair: 'was late!', return_token_type_ids: true });
    const got = ours.encode('my order', 'was late!');
    expect(got.ids).toEqual(Array.from(pair.input_ids.data as BigInt64Array, Number));
    expect(got.typeIds).toEqual(Array.from(pair.token_type_ids!.data as BigInt64Array, Number));
  });

  it('splits words into wordpieces as WordPiece does (lowercase, accents stripped, unknowns)', () => {
    expect(ours.tokens('Shipping was FAST!')).toEqual(['ship', '##ping', 'was', 'fast', '!']);
    expect(ours.tokens('Café')).toEqual(['c', '##a', '##f', '##e']);
    expect(ours.tokens('box 😕')).toEqual(['box', '[UNK]']);
    const { ids, typeIds } = ours.encode('my order', 'refund');
    expect(ids.map((id) => ours.tokenizer.id_to_token(id))).toEqual(['[CLS]', 'my', 'order', '[SEP]', 'refund', '[SEP]']);
    expect(typeIds).toEqual([0, 0, 0, 0, 1, 1]);
    expect(ours.padId).toBe(0);
  });

  it('truncates inside the special tokens, keeping [CLS] and [SEP]', () => {
    const full = ours.encode(texts[5]!).ids;
    const cut = ours.encode(texts[5]!, null, 10).ids;
    expect(full.length).toBeGreaterThan(64);
    expect(cut).toEqual([...full.slice(0, 9), full[full.length - 1]]);
    expect(ours.tokenizer.id_to_token(cut[9]!)).toBe('[SEP]');
    expect(() => ours.encode(texts[5]!, 'a pair', 10)).toThrow(AppError);
  });

  it('refuses a tokenizer.json without a model', () => {
    expect(() => parseTokenizer({ version: '1.0' })).toThrow(AppError);
    expect(() => parseTokenizer('not an object')).toThrow(/not a JSON object/);
  });
});
