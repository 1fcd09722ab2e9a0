// A small sentence grammar for review texts. Each sentence is about one aspect with one polarity and takes
// one of several shapes (copula, negation, stock clause, comparison, experience, exclamation, contrast).
// Mixed sentences, "not bad"-style negations and hedges keep a bag-of-words model from a perfect score.
import type { Random } from './random';
import {
  aspectWeights, aspectWords, hedges, intensifiers, occasions, people, places, softeners, type AspectWords,
} from './review-vocabulary';
import { demoAspects, type DemoAspect, type DemoMainCategory } from './types';
import { typosInText } from './typos';

export const textPolarities = ['positive', 'negative', 'mixed'] as const;
export type TextPolarity = (typeof textPolarities)[number];

export interface ReviewSubject {
  main: DemoMainCategory;
  sub: string;
  noun: string;
  plural: boolean;
  /** The kind of thing, as a shopper says it: "black tea", "coffee", "mugs". */
  kind: string;
  /** A word from the title that people use ("colombian", "sage green"), if any. */
  qualifier: string | undefined;
}

export interface ReviewRequest {
  product: ReviewSubject;
  polarity: TextPolarity;
  /** An aspect that must come up first with this polarity (the planted delivery complaints). */
  focus?: { aspect: DemoAspect; positive: boolean };
}

export interface ReviewText {
  title: string;
  text: string;
  aspects: DemoAspect[];
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

function copula(plural: boolean, past: boolean, negated: boolean): string {
  const base = plural ? (past ? 'were' : 'are') : past ? 'was' : 'is';
  return negated ? `${base}n't` : base;
}

interface Phrase {
  text: string;
  plural: boolean;
}

function subjectOf(random: Random, words: AspectWords, product: ReviewSubject): Phrase {
  const subject = random.pick(words.subjects);
  if (!subject.includes('{noun}')) return { text: subject, plural: false };
  const det = random.pick(product.plural ? ['the', 'these', 'my'] : ['the', 'this', 'my']);
  const qualifier = product.qualifier !== undefined && random.chance(0.3) ? `${product.qualifier} ` : '';
  return { text: `${det} ${qualifier}${product.noun}`, plural: product.plural };
}

const gradable = (predicate: string): boolean => /^[a-z-]+$/.test(predicate) && !predicate.endsWith('er');

const pronoun = (p: ReviewSubject): string => (p.plural ? 'them' : 'it');

function useVerb(random: Random, main: DemoMainCategory): string {
  switch (main) {
    case 'Coffee':
      return random.pick(['brew', 'drink', 'have']);
    case 'Tea':
      return random.pick(['brew', 'drink', 'steep']);
    case 'Snacks':
      return random.pick(['snack on', 'eat', 'nibble on']);
    case 'Kitchenware':
      return random.pick(['use', 'reach for']);
    case 'Apparel':
      return random.pick(['wear', 'put on']);
  }
}

/** One clause, no final punctuation, about `aspect` with the given polarity. */
function clause(random: Random, aspect: DemoAspect, positive: boolean, product: ReviewSubject): string {
  const words = aspectWords(aspect, product.main);
  if (words === undefined) return positive ? 'no complaints' : 'not impressed';
  const past = aspect === 'delivery' || aspect === 'service' || aspect === 'packaging' || random.chance(0.3);
  const good = positive ? words.positive : words.negative;
  const bad = positive ? words.negative : words.positive;
  // Comparisons and "I use it ... and ..." only read well about the product itself, not about the courier.
  const aboutProduct = aspect === 'taste' || aspect === 'quality' || aspect === 'fit';
  const shape = random.weighted(
    ['copula', 'negated', 'stock', 'comparison', 'experience'] as const,
    [0.38, 0.14, 0.28, aboutProduct ? 0.1 : 0, aboutProduct ? 0.1 : 0],
  );
  switch (shape) {
    case 'copula': {
      const s = subjectOf(random, words, product);
      const predicate = random.pick(good);
      // Only single gradable words take "very"/"a bit": "very fresh", never "very a bargain".
      const boost = gradable(predicate) && random.chance(0.45)
        ? `${random.pick(positive || random.chance(0.5) ? intensifiers : softeners)} `
        : '';
      return `${s.text} ${copula(s.plural, past, false)} ${boost}${predicate}`;
    }
    case 'negated': {
      // "wasn't fresh" says negative with a positive word; "isn't bitter at all" the reverse.
      const s = subjectOf(random, words, product);
      const tail = positive ? random.pick([' at all', '', ' in the slightest']) : '';
      return `${s.text} ${copula(s.plural, past, true)} ${random.pick(bad)}${tail}`;
    }
    case 'stock':
      return random.pick(positive ? words.positiveClauses : words.negativeClauses);
    case 'comparison': {
      const place = random.pick(places);
      const lead = positive
        ? random.pick(['better than', 'much better than', 'miles better than', 'a step up from'])
        : random.pick(['not as good as', 'worse than', 'a step down from']);
      return `${lead} what I used to get from ${place}`;
    }
    case 'experience': {
      const inner = random.chance(0.5)
        ? random.pick(positive ? words.positiveClauses : words.negativeClauses)
        : `${pronoun(product) === 'them' ? 'they' : 'it'} ${copula(product.plural, false, false)} ${random.pick(good)}`;
      return `I ${useVerb(random, product.main)} ${pronoun(product)} ${random.pick(occasions)} and ${inner}`;
    }
  }
}

function exclamation(random: Random, positive: boolean, product: ReviewSubject): string {
  const det = product.plural ? 'these' : 'this';
  return positive
    ? random.pick([`Love ${det} ${product.noun}!`, `What a great ${product.noun}!`, `Absolutely love ${pronoun(product)}!`,
      `So happy with ${det} ${product.noun}.`])
    : random.pick([`Really disappointed with ${det} ${product.noun}.`, 'What a letdown.',
      `I regret buying ${pronoun(product)}.`, 'Such a waste of money.']);
}

function mild(random: Random, positive: boolean): string {
  return positive
    ? random.pick(['Not bad at all.', "Can't complain.", 'Does the job.', 'No complaints really.', 'Pretty decent.'])
    : random.pick(['Could be better.', 'Not great.', 'Nothing special.', 'Not what I expected.', "It's just okay."]);
}

function opener(random: Random, product: ReviewSubject): string {
  const it = pronoun(product);
  return random.pick([
    `Bought ${it} for ${random.pick(people)}.`, `Ordered ${it} ${random.pick(['last month', 'before Christmas',
      'on a whim', 'after reading the reviews', 'during the sale'])}.`, `Second time buying ${it}.`,
    'First order from this shop.', 'Long-time customer here.', `Got ${it} as a gift.`,
    `I have been buying ${product.kind} online for years.`, 'Saw this on Instagram and gave it a go.',
  ]);
}

function closer(random: Random, polarity: TextPolarity, product: ReviewSubject): string {
  switch (polarity) {
    case 'positive':
      return random.pick(['Will buy again.', 'Highly recommend!', 'Already ordered more.', 'Five stars from me.',
        `Would recommend to anyone who likes ${product.kind}.`, 'Cannot wait to try the rest of the range.']);
    case 'negative':
      return random.pick(["Won't buy again.", 'Sent it back.', 'Avoid.', 'Asked for a refund.', 'One star is generous.',
        'Really regret this purchase.']);
    case 'mixed':
      return random.pick(['Might try something else next time.', "Not sure I'd reorder.", 'Three stars.',
        "It's fine for the price, I guess.", 'Some good, some bad.']);
  }
}

function title(random: Random, polarity: TextPolarity, first: { aspect: DemoAspect; positive: boolean }, product: ReviewSubject): string {
  if (random.chance(0.08)) return '';
  const words = aspectWords(first.aspect, product.main);
  const adjectives = (first.positive ? words?.positive : words?.negative)?.filter(gradable) ?? [];
  if (adjectives.length > 0 && random.chance(0.45)) {
    const adj = random.pick(adjectives);
    const noun = first.aspect === 'delivery' || first.aspect === 'service' || first.aspect === 'packaging' ||
      first.aspect === 'price' ? first.aspect : product.noun;
    return capitalise(`${random.chance(0.3) ? `${random.pick(intensifiers)} ` : ''}${adj} ${noun}`);
  }
  const pool = polarity === 'positive'
    ? ['Love it', 'Great!', 'Excellent', 'Perfect', 'Very happy', 'Recommended', 'Top notch', 'Superb']
    : polarity === 'negative'
      ? ['Disappointed', 'Not good', 'Avoid', 'Waste of money', 'Not as described', 'Meh', 'Poor']
      : ['Okay', 'Decent', 'Mixed feelings', 'Could be better', 'Not bad', 'Average'];
  return random.pick(pool);
}

/** How likely a sentence agrees with the review's overall polarity. */
const agreement = 0.8;

export function writeReview(random: Random, request: ReviewRequest): ReviewText {
  const { product, polarity } = request;
  const weights = aspectWeights[product.main];
  const aspects = demoAspects.filter((a) => weights[a] !== undefined);
  const sentenceCount = random.weighted([1, 2, 3, 4, 5, 6], [0.14, 0.26, 0.26, 0.16, 0.1, 0.08]);
  const sentences: string[] = [];
  const used: DemoAspect[] = [];
  const hasOpener = sentenceCount >= 3 && random.chance(0.4);
  const hasCloser = sentenceCount >= 2 && random.chance(0.5);
  if (hasOpener) sentences.push(opener(random, product));
  let first: { aspect: DemoAspect; positive: boolean } | undefined;
  const body = sentenceCount - (hasOpener ? 1 : 0) - (hasCloser ? 1 : 0);
  for (let i = 0; i < body; i++) {
    const focus = i === 0 ? request.focus : undefined;
    const aspect = focus?.aspect ?? random.weighted(aspects, aspects.map((a) => weights[a] ?? 0));
    const positive = focus?.positive ?? (polarity === 'mixed' ? random.chance(0.5)
      : random.chance(agreement) === (polarity === 'positive'));
    first ??= { aspect, positive };
    used.push(aspect);
    const roll = random.next();
    let sentence: string;
    if (roll < 0.08 && focus === undefined) sentence = exclamation(random, positive, product);
    else if (roll < (polarity === 'mixed' ? 0.3 : 0.14) && focus === undefined) sentence = mild(random, positive);
    else {
      let text = clause(random, aspect, positive, product);
      if (random.chance(0.15)) text = `${random.pick(hedges)} ${text}`;
      if (random.chance(0.2)) {
        // Contrast ("..., but ...") flips polarity; "and" keeps it.
        const contrast = polarity === 'mixed' || random.chance(0.35);
        const otherAspect = random.weighted(aspects, aspects.map((a) => weights[a] ?? 0));
        used.push(otherAspect);
        text = `${text}${contrast ? ', but' : ' and'} ${clause(random, otherAspect, contrast ? !positive : positive, product)}`;
      }
      sentence = `${capitalise(text)}${random.chance(0.06) ? '!' : '.'}`;
    }
    sentences.push(sentence);
  }
  if (hasCloser) sentences.push(closer(random, polarity, product));
  first ??= { aspect: used[0] ?? 'quality', positive: polarity !== 'negative' };

  let text = sentences.join(random.chance(0.05) ? '\n' : ' ');
  if (random.chance(0.12)) text = typosInText(random, text, random.int(1, 2));
  const style = random.next();
  if (style < 0.06) text = text.toLowerCase();
  else if (style < 0.1) text = text.replace(/[.!]$/, '');
  else if (style < 0.13) text = text.replace(/[.!]$/, '!!');
  return { title: title(random, polarity, first, product), text, aspects: [...new Set(used)] };
}
