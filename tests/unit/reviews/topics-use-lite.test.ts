import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadUseLite, type UseLite } from '../../../src/lib/ml/models';
import { ClassificationHead } from '../../../src/lib/ml/train';
import { analyseAspects } from '../../../src/lib/reviews/aspects';
import { defaultAspects } from '../../../src/lib/reviews/aspects-seeds';
import { attributeTokens, useLiteAttributionModel } from '../../../src/lib/reviews/attributions';
import { sentenceTable } from '../../../src/lib/reviews/sentences';
import { findTopics } from '../../../src/lib/reviews/topics';
import { packageDir } from '../ml/models/texts';

// The review analyses on real USE-lite vectors (wasm): topics of 36 review sentences on three
// themes, aspects by similarity for sentences with no keyword, and attributions through USE-lite.

const themes = {
  delivery: ['The parcel turned up a week after the promised date.', 'It showed up at my door two days early.', 'The courier lost my order twice.', 'Shipping took almost a month.', 'My package got stuck somewhere for ten days.', 'It was delivered the very next morning.', 'The driver left it with a neighbour I have never met.', 'Tracking never updated after dispatch.', 'Arrived much later than the website said.', 'The postman brought it within 24 hours.', 'The shipment was held at customs for weeks.', 'It came super fast, ordered Monday and here Tuesday.'],
  taste: ['The coffee tastes burnt and bitter.', 'Lovely chocolatey flavour with a smooth finish.', 'This tea has a wonderful floral aroma.', 'The biscuits were stale and tasteless.', 'Rich, nutty and delicious in the morning.', 'Far too sweet for my liking.', 'The espresso has a thick crema and bold taste.', 'It tastes like cardboard.', 'A fresh, fruity cup every time.', 'The matcha is grassy and vibrant.', 'The crisps were soggy and oddly salty.', 'Mellow and easy to drink black.'],
  price: ['Way too expensive for such a small bag.', 'Great value, cheaper than the supermarket.', 'I paid twice what it is worth.', 'The price went up again this month.', 'Fair price for the quality you get.', 'A bargain during the sale.', 'Overpriced compared with other shops.', 'You get a lot for the money.', 'Not worth forty euros.', 'The discount code made it affordable.', 'It costs a fortune for what it is.', 'Cheapest I have found anywhere online.'],
} as const;

let model: UseLite;
const embed = async (texts: readonly string[]) => {
  const vectors = model.embed(texts);
  const values = (await vectors.data()) as Float32Array;
  vectors.dispose();
  return texts.map((_, i) => values.slice(i * 512, (i + 1) * 512));
};

beforeAll(async () => {
  expect(await tf.setBackend('wasm')).toBe(true);
  model = await loadUseLite(async (name) => new Uint8Array(await readFile(join(packageDir, name))));
});
afterAll(() => model.dispose());

it('topics of USE-lite vectors recover three themes, with fitting keywords', async () => {
  const texts = Object.values(themes).flat();
  const truth = Object.keys(themes).flatMap((name) => Array<string>(12).fill(name));
  const result = await findTopics({ texts, embeddings: await embed(texts) }, { minTopics: 2, maxTopics: 6, minKeywordReviews: 1 });
  const majority = result.topics.map((t) => {
    const counts = new Map<string, number>();
    result.assignment.forEach((a, i) => a === t.id && counts.set(truth[i]!, (counts.get(truth[i]!) ?? 0) + 1));
    return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
  });
  const purity = majority.reduce((s, [, n]) => s + n, 0) / texts.length;
  console.log(`USE-lite topics: k ${result.k} (${result.candidates.map((c) => `${c.k}:${c.silhouette.toFixed(3)}`).join(' ')}), purity ${purity.toFixed(2)}; ${result.topics.map((t) => `[${t.label}]`).join(' ')}`);
  expect(result.k).toBe(3);
  expect(purity).toBeGreaterThanOrEqual(0.85);
  expect(new Set(majority.map(([name]) => name)).size).toBe(3);
  const themeWords: Record<string, string[]> = { delivery: ['arrived', 'delivered', 'days', 'courier', 'tracking', 'shipping'], taste: ['tastes', 'taste', 'flavour', 'aroma'], price: ['price', 'worth', 'money', 'expensive', 'affordable'] };
  result.topics.forEach((t, i) => expect(t.keywords.slice(0, 5).some((w) => themeWords[majority[i]![0]]!.includes(w.word))).toBe(true));
});

it('aspects by similarity to USE-lite vectors, for theme sentences with no keyword, and not for off-topic ones', async () => {
  const offTopic = ['My cat sleeps on the sofa.', 'Bought it for my sister.'];
  const texts = [...Object.values(themes).flat(), ...offTopic];
  const theme = [...Object.keys(themes).flatMap((name) => Array<string>(12).fill(name)), '', ''];
  const table = sentenceTable(texts, { clauses: true });
  expect(table.text).toEqual(texts); // one clause each
  const result = await analyseAspects({ texts, sentenceEmbeddings: await embed(texts), aspectEmbeddings: await embed(defaultAspects.map((a) => a.description)) }, { discover: false });
  const named = (s: number) => Array.from(result.aspectIds.slice(result.aspectStart[s], result.aspectStart[s + 1]), (a) => result.aspects[a]!.name).join(',');
  const uncovered = texts.flatMap((_, s) => (result.byEmbedding[s] || named(s) === '' ? [s] : []));
  console.log(`USE-lite aspects by similarity: ${uncovered.map((s) => `"${texts[s]}" -> ${named(s) || '-'}`).join('; ')}`);
  const assigned = uncovered.filter((s) => result.byEmbedding[s]);
  for (const s of assigned) expect(named(s)).toBe(theme[s]);
  // A corpus of three aspects puts its centroid near each prototype, so the margin rule is strict
  // here: 3 of 11 theme sentences without keywords are assigned (all rightly); on the demo's 9,831
  // sentences, 74% of held-out keyword sentences are (README).
  expect(assigned.length).toBeGreaterThanOrEqual(3);
  for (const s of [texts.length - 2, texts.length - 1]) expect(named(s)).toBe('');
});

it('integrated gradients through USE-lite are complete and leak no tensor', async () => {
  const head = new ClassificationHead(512, 2, 7);
  const before = tf.memory().numTensors;
  const [r] = await attributeTokens(useLiteAttributionModel(model, head), ['Delivery was painfully slow!'], { steps: 24, batchSize: 12, output: 'logit', target: 1 });
  const delta = r!.output - r!.baselineOutput;
  console.log(`USE-lite IG: f(x) − f(x') ${delta.toFixed(5)}, gap ${r!.gap.toExponential(1)}; words ${r!.words.map((w) => `${w.text}:${w.score.toFixed(3)}`).join(' ')}`);
  expect(Math.abs(r!.gap)).toBeLessThan(0.05 * Math.abs(delta)); // 24 steps: ~2% here; the tiny-encoder test checks 64 steps to 1%
  expect(r!.words.map((w) => w.text)).toEqual(['Delivery', 'was', 'painfully', 'slow', '!']);
  expect(tf.memory().numTensors).toBe(before);
  for (const v of head.weights.values()) v.dispose();
});
