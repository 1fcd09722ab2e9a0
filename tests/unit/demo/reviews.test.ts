import { describe, expect, it } from 'vitest';
import { defaultShop } from './shop-fixture';

interface Review {
  review_id: string;
  product: string;
  stars: number;
  title: string;
  text: string;
  created_at: string;
}

const words = (s: string): string[] => s.toLowerCase().match(/[a-z']+/g) ?? [];

// An independent, generic sentiment lexicon: the test must not reuse the generator's own word lists.
const positiveWords = new Set(['great', 'love', 'excellent', 'delicious', 'perfect', 'fresh', 'recommend', 'smooth',
  'fast', 'quick', 'helpful', 'friendly', 'lovely', 'happy', 'comfortable', 'sturdy', 'solid', 'worth', 'better',
  'superb', 'fair', 'value', 'tasty', 'soft']);
const negativeWords = new Set(['disappointed', 'bitter', 'stale', 'slow', 'late', 'broke', 'refund', 'avoid', 'waste',
  'poor', 'awful', 'cheap', 'flimsy', 'damaged', 'rude', 'regret', 'overpriced', 'bland', 'worse', 'never', 'too',
  'letdown', 'useless', 'delayed']);

function lexiconScore(text: string): number {
  let score = 0;
  for (const w of words(text)) score += positiveWords.has(w) ? 1 : negativeWords.has(w) ? -1 : 0;
  return score;
}

function pearson(xs: number[], ys: number[]): number {
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  xs.forEach((x, i) => {
    const y = ys[i] ?? 0;
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
  });
  return sxy / Math.sqrt(sxx * syy);
}

/** Multinomial naive Bayes on unigrams+bigrams: a cheap stand-in for a TF-IDF baseline. */
function naiveBayesAccuracy(reviews: Review[]): { accuracy: number; majority: number } {
  const data = reviews.filter((r) => r.stars !== 3).map((r) => {
    const w = words(`${r.title} ${r.text}`);
    return { y: r.stars >= 4 ? 1 : 0, tokens: [...w, ...w.slice(1).map((b, i) => `${w[i]}_${b}`)] };
  });
  const cut = Math.floor(data.length * 0.7); // reviews are in time order: train on the past, test on the future
  const train = data.slice(0, cut);
  const test = data.slice(cut);
  const counts = [new Map<string, number>(), new Map<string, number>()];
  const totals = [0, 0];
  const docs = [0, 0];
  const vocab = new Set<string>();
  for (const d of train) {
    docs[d.y]! += 1;
    for (const t of d.tokens) {
      counts[d.y]!.set(t, (counts[d.y]!.get(t) ?? 0) + 1);
      totals[d.y]! += 1;
      vocab.add(t);
    }
  }
  let correct = 0;
  for (const d of test) {
    const logp = [0, 1].map((c) => {
      let lp = Math.log(docs[c]! / train.length);
      for (const t of d.tokens) if (vocab.has(t)) lp += Math.log(((counts[c]!.get(t) ?? 0) + 1) / (totals[c]! + vocab.size));
      return lp;
    });
    if ((logp[1]! > logp[0]! ? 1 : 0) === d.y) correct++;
  }
  const positives = test.filter((d) => d.y === 1).length;
  return { accuracy: correct / test.length, majority: Math.max(positives, test.length - positives) / test.length };
}

describe('reviews.ndjson', () => {
  const parsed = defaultShop();
  const reviews = parsed.reviews as unknown as Review[];
  const { truth } = parsed.shop;

  it('has thousands of distinct texts and a large vocabulary', () => {
    const distinct = new Set(reviews.map((r) => r.text));
    expect(distinct.size / reviews.length).toBeGreaterThan(0.8);
    const vocabulary = new Set(reviews.flatMap((r) => words(r.text)));
    expect(vocabulary.size).toBeGreaterThan(700);
    const lengths = reviews.map((r) => r.text.split(/[.!?]+\s|\n/).length);
    expect(Math.min(...lengths)).toBe(1);
    expect(Math.max(...lengths)).toBeGreaterThanOrEqual(6);
  });

  it('has stars that go with the sentiment of the words', () => {
    const r = pearson(reviews.map((x) => x.stars), reviews.map((x) => lexiconScore(`${x.title} ${x.text}`)));
    expect(r).toBeGreaterThan(0.35);
    const mean = (stars: number): number => {
      const xs = reviews.filter((x) => x.stars === stars).map((x) => lexiconScore(x.text));
      return xs.reduce((a, b) => a + b, 0) / xs.length;
    };
    expect(mean(5)).toBeGreaterThan(mean(3));
    expect(mean(3)).toBeGreaterThan(mean(1));
  });

  it('is learnable but not trivially so', () => {
    const { accuracy, majority } = naiveBayesAccuracy(reviews);
    expect(accuracy).toBeGreaterThan(majority + 0.03);
    expect(accuracy).toBeGreaterThan(0.72);
    expect(accuracy).toBeLessThan(0.95);
  });

  it('records about 8% label noise', () => {
    const rate = truth.reviews.noisyLabels.length / reviews.length;
    expect(rate).toBeGreaterThan(0.05);
    expect(rate).toBeLessThan(0.11);
    const ids = new Set(reviews.map((r) => r.review_id));
    for (const id of truth.reviews.noisyLabels) expect(ids.has(id)).toBe(true);
  });

  it('spikes delivery complaints for one product in one month', () => {
    const { sku, month } = truth.deliverySpike;
    const complaint = (r: Review): boolean =>
      r.stars <= 3 && /deliver|arriv|courier|parcel|shipping|tracking|dispatch|depot/i.test(r.text);
    const byKey = new Map<string, number>();
    for (const r of reviews.filter(complaint)) {
      const key = `${r.product} ${r.created_at.slice(0, 7)}`;
      byKey.set(key, (byKey.get(key) ?? 0) + 1);
    }
    const ranked = [...byKey].sort((a, b) => b[1] - a[1]);
    expect(ranked[0]?.[0]).toBe(`${sku} ${month}`);
    // The runner-up is far behind: the spike stands out.
    expect((ranked[0]?.[1] ?? 0) / (ranked[1]?.[1] ?? 1)).toBeGreaterThan(4);
  });
});
