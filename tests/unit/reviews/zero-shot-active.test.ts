import { describe, expect, it } from 'vitest';
import { pickForLabelling, pseudoLabels, uncertainty } from '../../../src/lib/reviews/active-learning';
import { classPrototypes, defaultDescriptions, zeroShotClassify, zeroShotProbabilities } from '../../../src/lib/reviews/zero-shot';

const axis = (d: number, scale = 1) => Float32Array.from({ length: 4 }, (_, i) => (i === d ? scale : 0));

describe('zero-shot', () => {
  it('describes sentiment classes by sentiment, other classes by name', () => {
    const [negative, news] = defaultDescriptions(['Negative', 'science_fiction']);
    expect(negative!.join(' ')).toMatch(/waste of money/);
    expect(news).toEqual(['A text about science fiction.', 'science fiction']);
  });

  it('ranks by similarity to class prototypes, centred per class', () => {
    const prototypes = classPrototypes([[axis(0), axis(0, 3)], [axis(1)]]);
    expect(Array.from(prototypes[0]!)).toEqual([1, 0, 0, 0]);
    const texts = [Float32Array.from([0.9, 0.1, 0, 0.4]), Float32Array.from([0.2, 0.8, 0, 0.4]), Float32Array.from([0.5, 0.45, 0, 0.4])];
    const p = zeroShotProbabilities(texts, prototypes, ['a', 'b'], { lexiconWeight: 0 });
    expect(p[0]!).toBeGreaterThan(0.9);
    expect(p[3]!).toBeGreaterThan(0.9);
    for (let i = 0; i < 3; i++) expect(p[2 * i]! + p[2 * i + 1]!).toBeCloseTo(1, 6);
    // Centring: a prototype close to every text (class a, shifted up by 0.3 everywhere) wins nothing by that.
    const biased = texts.map((t) => Float32Array.from([t[0]! + 0.3, t[1]!, t[2]!, t[3]!]));
    const centred = zeroShotProbabilities(biased, prototypes, ['a', 'b'], { lexiconWeight: 0 });
    const raw = zeroShotProbabilities(biased, prototypes, ['a', 'b'], { lexiconWeight: 0, centre: false });
    expect(centred[3]!).toBeGreaterThan(raw[3]!);
  });

  it('the lexicon votes for positive and against negative', () => {
    const prototypes = classPrototypes([[axis(0)], [axis(1)]]);
    const tie = [Float32Array.from([0.5, 0.5, 0, 0]), Float32Array.from([0.5, 0.5, 0, 0])];
    const p = zeroShotProbabilities(tie, prototypes, ['negative', 'positive'], {}, [0.8, -0.8]);
    expect(p[1]!).toBeGreaterThan(0.7); // first text: lexicon says positive
    expect(p[2]!).toBeGreaterThan(0.7); // second: negative
  });

  it('zeroShotClassify embeds descriptions and texts with the given embedder', async () => {
    // A stand-in embedder: the vector counts "love"/"great" on axis 0 and "broken"/"refund" on axis 1.
    const embed = async (texts: readonly string[]) => texts.map((t) => Float32Array.from([/love|great/i.test(t) ? 1 : 0.1, /broken|refund|waste/i.test(t) ? 1 : 0.1, 0.2, 0]));
    const { probabilities, textVectors } = await zeroShotClassify(['I love it, great mug', 'Arrived broken, I want a refund'], ['negative', 'positive'], embed);
    expect(textVectors).toHaveLength(2);
    expect(probabilities[1]!).toBeGreaterThan(0.9); // positive, by similarity and by the lexicon ("love", "great")
    expect(probabilities[2]!).toBeGreaterThan(0.9);
  });
});

describe('active learning', () => {
  it('uncertainty by margin and by normalised entropy', () => {
    const u = uncertainty([0.7, 0.2, 0.1, 1 / 3, 1 / 3, 1 / 3], 3, 'margin');
    expect(u[0]).toBeCloseTo(0.5, 12);
    expect(u[1]).toBeCloseTo(1, 12);
    const h = uncertainty([1, 0, 0, 0.5, 0.5, 0], 3, 'entropy');
    expect(h[0]).toBe(0);
    expect(h[1]).toBeCloseTo(Math.log(2) / Math.log(3), 12);
  });

  it('picks uncertain rows, skips labelled ones, and breaks near-ties towards diversity', () => {
    // Rows 0-2 are equally uncertain near-duplicates, row 3 slightly surer but different, row 4 sure.
    const probabilities = [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.55, 0.45, 0.95, 0.05];
    const vectors = Float32Array.from([1, 0, 1, 0.01, 1, 0.02, 0, 1, 0.7, 0.7]);
    expect(Array.from(pickForLabelling(probabilities, 2, 2, { diversity: 0 }))).toEqual([0, 1]);
    expect(Array.from(pickForLabelling(probabilities, 2, 2, { vectors }))).toEqual([0, 3]);
    expect(Array.from(pickForLabelling(probabilities, 2, 2, { vectors, exclude: [0] }))).toEqual([1, 3]);
  });

  it('pseudo-labels confident predictions, at most maxPerClass per class', () => {
    const probabilities = [0.97, 0.03, 0.6, 0.4, 0.1, 0.9, 0.99, 0.01, 0.95, 0.05];
    const chosen = pseudoLabels(probabilities, 2, { threshold: 0.9, maxPerClass: 2 });
    expect(Array.from(chosen.rows)).toEqual([0, 2, 3]);
    expect(Array.from(chosen.targets)).toEqual([0, 1, 0]);
    expect(chosen.confidence[1]).toBeCloseTo(0.9, 6);
    expect(Array.from(pseudoLabels(probabilities, 2, { threshold: 0.9, exclude: [3] }).rows)).toEqual([0, 2, 4]);
  });
});
