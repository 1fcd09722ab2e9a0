import { describe, expect, it } from 'vitest';
import { BpeTokenizer, CharTokenizer, firstRegularId, splitWords, tokenizerFromJson, unknownId } from '../../../../src/lib/ml/text';

const corpus = ['the red shoes are great', 'the blue shoes are terrible', 'red and blue shoes', '我喜欢这双鞋 很舒服', '这双鞋 很好', 'Café déjà vu'];

describe('character tokenizer', () => {
  it('keeps the frequent characters of any script, round-trips, and survives JSON', () => {
    const t = CharTokenizer.train(corpus);
    expect(t.decode(t.encode('这双鞋 red shoes'))).toBe('这双鞋 red shoes');
    expect(t.encode('Z')).toEqual([unknownId]);
    expect(t.token(firstRegularId)).toBe(' '); // the most frequent character comes first
    const again = tokenizerFromJson(JSON.parse(JSON.stringify(t)));
    expect(again.encode('很好 shoes')).toEqual(t.encode('很好 shoes'));
    expect(CharTokenizer.train(corpus, { vocabSize: 10 }).vocabSize).toBe(10);
  });
});

describe('byte-level BPE', () => {
  it('splits words with their leading space, CJK one character at a time', () => {
    expect(splitWords('Red  shoes, 42 pairs!', false)).toEqual(['Red', ' shoes', ',', ' 42', ' pairs', '!']);
    expect(splitWords('我喜欢 shoes', false)).toEqual(['我', '喜', '欢', ' shoes']);
  });

  it('learns frequent merges, never loses text, and survives JSON', () => {
    const t = BpeTokenizer.train(corpus, { vocabSize: 300 });
    expect(t.vocabSize).toBeGreaterThan(261);
    expect(t.vocabSize).toBeLessThanOrEqual(300);
    expect(t.encode('the shoes')).toHaveLength(2); // 'the', ' shoes': frequent words become one token
    for (const text of [...corpus, 'unseen words ✨ 🍣', '']) expect(t.decode(t.encode(text))).toBe(text.normalize('NFKC'));
    expect(t.encode('shoes shoes').length).toBeLessThan(new TextEncoder().encode('shoes shoes').length);
    const again = tokenizerFromJson(JSON.parse(JSON.stringify(t.toJSON())));
    expect(again.encode('the red shoes 很好')).toEqual(t.encode('the red shoes 很好'));
    expect(BpeTokenizer.train(corpus, { vocabSize: 300 }).toJSON()).toEqual(t.toJSON()); // deterministic
  });

  it('refuses a damaged file', () => {
    expect(() => tokenizerFromJson({ kind: 'bpe', version: 1, lowercase: false, merges: [[1, 2, 3]] })).toThrow(/damaged/);
  });
});
