import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/lib/ml/train';
import { augmentSet, augmentText } from '../../../src/lib/reviews/augment';

const text = 'the mug arrived quickly and the handle feels solid in the hand every morning';
const words = text.split(' ');

describe('augment', () => {
  it('drops about `rate` of the words and swaps only neighbours, keeping the rest in order', () => {
    const rng = new Rng(5);
    let kept = 0;
    for (let i = 0; i < 200; i++) {
      const out = augmentText(text, 0.2, rng).split(' ');
      kept += out.length;
      // Every output word is an input word, and no text comes out empty.
      for (const w of out) expect(words).toContain(w);
      expect(out.length).toBeGreaterThan(0);
    }
    const share = kept / (200 * words.length);
    expect(share).toBeGreaterThan(0.74);
    expect(share).toBeLessThan(0.86);
    expect(augmentText(text, 0, new Rng(1))).toBe(text);
    expect(augmentText('one', 0.9, new Rng(1))).toBe('one');
  });

  it('swaps adjacent words: with no drops possible, the output is a permutation moving each word one place at most', () => {
    const rng = new Rng(3);
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const a = 'a b c d e f';
      const out = augmentText(a, 0.3, rng).split(' ');
      seen.add(out.join(' '));
      for (const [j, w] of out.entries()) {
        const from = 'abcdef'.indexOf(w);
        if (out.length === 6) expect(Math.abs(from - j)).toBeLessThanOrEqual(1);
      }
    }
    expect(seen.size).toBeGreaterThan(5);
  });

  it('adds seeded copies after the originals, with their targets; rate 0 adds nothing', () => {
    const set = { texts: [text, 'broken on arrival and support never answered my emails'], targets: Int32Array.of(2, 0) };
    const a = augmentSet(set, { rate: 0.2, copies: 2, seed: 9 });
    expect(a.texts.slice(0, 2)).toEqual(set.texts);
    expect(a.texts).toHaveLength(6);
    expect(Array.from(a.targets)).toEqual([2, 0, 2, 0, 2, 0]);
    expect(a.texts.slice(2).some((t, i) => t !== set.texts[i % 2])).toBe(true);
    expect(augmentSet(set, { rate: 0.2, copies: 2, seed: 9 })).toEqual(a);
    expect(augmentSet(set, { rate: 0.2, copies: 2, seed: 10 }).texts).not.toEqual(a.texts);
    expect(augmentSet(set, { rate: 0 }).texts).toEqual(set.texts);
    expect(() => augmentSet(set, { rate: 1 })).toThrow(/rate/);
  });
});
