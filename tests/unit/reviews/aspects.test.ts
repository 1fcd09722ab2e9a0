import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/lib/ml/train/rng';
import { analyseAspects } from '../../../src/lib/reviews/aspects';
import { classifierScorer, opinionScore } from '../../../src/lib/reviews/aspects-lexicon';
import { defaultAspects } from '../../../src/lib/reviews/aspects-seeds';
import { sentenceTable, splitClauses, splitSentences } from '../../../src/lib/reviews/sentences';

// Aspects on generated reviews with a planted driver: product P3's delivery sentences are 80%
// negative where every other product's are 15%, so P3/delivery must come out as the top driver.

const clauses = {
  delivery: [['Delivery was fast.', 'The parcel arrived quickly.'], ['Delivery was very slow.', 'The courier was late again.']],
  taste: [['The flavour is delicious.', 'Lovely fresh aroma.'], ['The taste is bitter.', 'It tasted stale.']],
  price: [['Great value for money.', 'The price is fair.'], ['Far too expensive.', 'The price is a rip-off.']],
  packaging: [['The box was neat.', 'Packaging was secure.'], ['The box was crushed.', 'The packaging was damaged.']],
} as const;
type Aspect = keyof typeof clauses;

function generated(count: number, seed: number) {
  const rng = new Rng(seed);
  const texts: string[] = [];
  const product: string[] = [];
  const category: string[] = [];
  for (let i = 0; i < count; i++) {
    const p = 1 + (i % 6);
    const sentences: string[] = [];
    for (const aspect of Object.keys(clauses) as Aspect[]) {
      if (rng.next() < 0.5) continue;
      const negativeRate = aspect === 'delivery' && p === 3 ? 0.8 : 0.15;
      const options = clauses[aspect][rng.next() < negativeRate ? 1 : 0];
      sentences.push(options[rng.int(options.length)]!);
    }
    texts.push(sentences.length > 0 ? sentences.join(' ') : 'Ordered it for my sister.');
    product.push(`P${p}`);
    category.push(p === 1 || p === 3 ? 'Coffee' : 'Tea');
  }
  return { texts, product, category };
}

describe('aspects', () => {
  it('finds the planted driver: P3 delivery, with counts, lift, z and evidence', async () => {
    const data = generated(600, 1);
    const result = await analyseAspects(data, { discover: false });
    const top = result.drivers[0]!;
    console.log(`aspects: top driver ${top.level} ${top.group} ${top.aspect}: ${top.negatives}/${top.sentences} negative (${(top.rate * 100).toFixed(0)}% vs ${(top.baselineRate * 100).toFixed(0)}%), lift ${top.lift.toFixed(2)}, z ${top.z.toFixed(1)}; ${result.drivers.length} drivers`);
    expect([top.level, top.group, top.aspect]).toEqual(['product', 'P3', 'delivery']);
    expect(top.rate).toBeGreaterThan(0.65);
    expect(top.baselineRate).toBeLessThan(0.25);
    expect(top.z).toBeGreaterThan(6);
    expect(top.pValue).toBeLessThan(1e-6);
    expect(top.evidence).toHaveLength(2); // the two distinct negative delivery sentences
    for (const e of top.evidence) expect(data.product[e.review]).toBe('P3');
    for (const e of top.evidence) expect(e.score).toBeLessThan(0);
    // no other product/aspect pair stands out strongly
    expect(result.drivers.filter((d) => d.level === 'product' && !(d.group === 'P3' && d.aspect === 'delivery') && d.z > 3)).toEqual([]);
    // Coffee holds P3, so its delivery is worse than Tea's
    expect(result.drivers.some((d) => d.level === 'category' && d.group === 'Coffee' && d.aspect === 'delivery')).toBe(true);
    const delivery = result.aspects.find((a) => a.name === 'delivery')!;
    expect(delivery.lift).toBeGreaterThan(1);
    expect(delivery.evidence.negative.every((e) => e.score < 0)).toBe(true);
    expect(delivery.evidence.positive.every((e) => e.score > 0)).toBe(true);
    // every generated sentence is about one of the four aspects, found by keyword alone
    const covered = result.aspects.filter((a) => a.sentences > 0).map((a) => a.name).sort();
    expect(covered).toEqual(['delivery', 'packaging', 'price', 'taste']);
    expect(result.aspects.reduce((s, a) => s + a.byEmbedding, 0)).toBe(0);
  });

  it('assigns sentences without keywords by similarity to prototypes, not generic ones', async () => {
    // 16-d vectors: axis i is aspect i; axis 12 is "generic review talk"; noise is seeded.
    const rng = new Rng(6);
    const axis = (...weights: [number, number][]) => Float32Array.from({ length: 16 }, (_, j) => weights.reduce((v, [i, w]) => v + (i === j ? w : 0), 0) + 0.15 * (rng.next() - 0.5));
    const [price, delivery, packaging] = ['price', 'delivery', 'packaging'].map((n) => defaultAspects.findIndex((a) => a.name === n)) as [number, number, number];
    const rows: [string, Float32Array][] = [
      ...Array.from({ length: 12 }, (): [string, Float32Array] => ['Delivery was fast.', axis([delivery, 1], [12, 0.3])]),
      ...Array.from({ length: 12 }, (): [string, Float32Array] => ['The price is fair.', axis([price, 1], [12, 0.3])]),
      ...Array.from({ length: 12 }, (): [string, Float32Array] => ['Bought it for my sister.', axis([12, 1], [delivery, 0.4], [price, 0.4])]),
      ['It showed up two weeks after I ordered.', axis([delivery, 1])],
      ['Everything was tied up with paper and string.', axis([packaging, 1])], // no packaging examples: its description
      ['My dog likes the colour.', axis([15, 1])],
    ];
    const texts = rows.map(([t]) => t);
    const aspectEmbeddings = defaultAspects.map((_, a) => axis([a, 1]));
    const result = await analyseAspects({ texts, sentenceEmbeddings: rows.map(([, v]) => v), aspectEmbeddings }, { discover: false });
    const named = (s: number) => Array.from(result.aspectIds.slice(result.aspectStart[s], result.aspectStart[s + 1]), (a) => result.aspects[a]!.name).join(',');
    expect(texts.map((_, s) => named(s)).slice(24)).toEqual([...Array(12).fill(''), 'delivery', 'packaging', '']);
    expect(Array.from(result.byEmbedding.slice(36))).toEqual([1, 1, 0]);
    expect(result.aspects[delivery]!.byEmbedding).toBe(1);
    await expect(analyseAspects({ texts, aspectEmbeddings, sentenceEmbeddings: [rows[0]![1]] })).rejects.toMatchObject({ code: 'input-malformed' });
  });

  it('discovers a frequent noun that no seed covers, with its sentiment, but not a stock phrase', async () => {
    const rng = new Rng(4);
    const pick = (xs: readonly string[]) => xs[rng.int(xs.length)]!;
    const leads = ['Honestly', 'Sadly', 'Well', 'Also', 'So', 'Oh and', 'Note that'];
    const texts = Array.from({ length: 40 }, (_, i) =>
      i % 2 === 0
        ? `${pick(leads)} the zipper ${rng.next() < 0.8 ? pick(['is awful', 'was terrible', 'feels useless', 'is poor']) : pick(['is smooth', 'works great'])}.`
        : 'Cannot wait to try the rest of the range.',
    );
    const result = await analyseAspects({ texts }, { minDiscoveredSentences: 5 });
    const discovered = result.aspects.filter((a) => a.discovered).map((a) => a.name);
    expect(discovered).toEqual(['zipper']);
    const zipper = result.aspects.find((a) => a.name === 'zipper')!;
    expect(zipper.sentences).toBe(20);
    const planted = texts.filter((t) => /awful|terrible|useless|poor/.test(t)).length;
    expect(zipper.negative).toBe(planted);
    expect(zipper.positive).toBe(20 - planted);
  });

  it('uses a given (async) scorer in batches and stops on abort', async () => {
    const calls: number[] = [];
    const scorer = async (sentences: readonly string[]) => (calls.push(sentences.length), sentences.map((s) => (s.includes('slow') ? -1 : 1)));
    const data = generated(60, 2);
    const result = await analyseAspects({ ...data, scorer }, { batchSize: 25, discover: false });
    expect(calls.every((c) => c <= 25)).toBe(true);
    expect(calls.reduce((s, c) => s + c, 0)).toBe(result.sentences.text.length);
    expect(result.overall.negative).toBe(result.sentences.text.filter((s) => s.includes('slow')).length);
    const controller = new AbortController();
    controller.abort();
    await expect(analyseAspects(data, {}, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    await expect(analyseAspects(data, { minSimilarty: 0.3 } as never)).rejects.toMatchObject({ code: 'input-malformed' });
    await expect(analyseAspects({ ...data, scorer: () => [1] })).rejects.toMatchObject({ code: 'input-malformed' });
  });
});

describe('sentences and the lexicon', () => {
  it('splits sentences (not decimals) and clauses at contrasts', () => {
    const text = 'The taste is great, but delivery was slow! It cost €3.50 though it was worth it.\nSecond line';
    const sentences = splitSentences(text).map((s) => text.slice(s.start, s.end));
    expect(sentences).toEqual(['The taste is great, but delivery was slow!', 'It cost €3.50 though it was worth it.', 'Second line']);
    const first = splitSentences(text)[0]!;
    expect(splitClauses(text, first).map((s) => text.slice(s.start, s.end))).toEqual(['The taste is great', 'but delivery was slow!']);
    const table = sentenceTable(['A. B c.', '', 'One, but two'], { clauses: true });
    expect(Array.from(table.review)).toEqual([0, 0, 2, 2]);
    expect(table.text).toEqual(['A.', 'B c.', 'One', 'but two']);
  });

  it('scores polarity with negation, "too" and phrases', () => {
    expect(opinionScore('Not bad at all')).toBeGreaterThan(0);
    expect(opinionScore("The beans weren't fresh")).toBeLessThan(0);
    expect(opinionScore('It is too small')).toBeLessThan(0);
    expect(opinionScore('No complaints here')).toBeGreaterThan(0);
    expect(opinionScore('Such a waste of money')).toBeLessThan(0);
    expect(opinionScore('Not as described')).toBeLessThan(0);
    expect(opinionScore('I ordered it on Monday')).toBe(0);
    expect(opinionScore('Great taste but awful box')).toBe(0);
  });

  it('turns class probabilities [N, K] into scores p(positive) − p(negative)', async () => {
    const predict = async (texts: readonly string[]) => Float32Array.from(texts.flatMap((t) => (t === 'bad' ? [0.7, 0.2, 0.1] : [0.1, 0.3, 0.6])));
    expect(Array.from(await classifierScorer(predict, 3, 2, 0)(['bad', 'good']))).toEqual([Math.fround(0.1) - Math.fround(0.7), Math.fround(0.6) - Math.fround(0.1)].map(Math.fround));
  });
});
