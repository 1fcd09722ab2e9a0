import { Rng } from '../../../../src/lib/ml/train/rng';

// Sentiment-like review texts built from word lists, with a learnable label (the sentiment of
// the adjectives), for fine-tuning tests and the CLI tests.

const positive = ['great', 'excellent', 'wonderful', 'lovely', 'perfect', 'fantastic', 'comfortable', 'delightful', 'superb', 'brilliant'];
const negative = ['terrible', 'awful', 'broken', 'horrible', 'useless', 'disappointing', 'poor', 'dreadful', 'cheap', 'faulty'];
const products = ['shoes', 'jacket', 'lamp', 'blender', 'headphones', 'backpack', 'kettle', 'chair', 'watch', 'phone case'];
const templates = ['The {p} is {a}.', 'Really {a} {p}, {a2} quality.', 'I bought this {p} and it is {a}', '{a} delivery, the {p} feels {a2}', 'Honestly a {a} {p}.'];

export interface Review {
  text: string;
  label: 'positive' | 'negative';
  /** A score in [1, 5] that follows the sentiment, with noise (for regression). */
  stars: number;
}

export function reviews(count: number, seed = 1): Review[] {
  const rng = new Rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[rng.int(xs.length)] as T;
  return Array.from({ length: count }, (_, i) => {
    const good = i % 2 === 0;
    const words = good ? positive : negative;
    const text = pick(templates).replace('{p}', pick(products)).replace('{a}', pick(words)).replace('{a2}', pick(words));
    const stars = Math.round((good ? 4 : 1.8) * 10 + (rng.next() - 0.5) * 16) / 10;
    return { text: text.charAt(0).toUpperCase() + text.slice(1), label: good ? 'positive' : 'negative', stars };
  });
}
