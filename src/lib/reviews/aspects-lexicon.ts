// A small opinion lexicon as the default sentence scorer, so aspects work (and are tested)
// without a trained model; the fine-tuned sentiment model replaces it through the same
// SentenceScorer type. Word lists are our own, general shopping English.
//
// score = (positive hits − negative hits) / hits, in [-1, 1], 0 with no hit. A hit is flipped
// by a negator among the three words before it ("not bad", "wasn't fresh", "no complaints");
// "too" before any word makes it negative ("too small"). Phrases are matched before words.
import { words } from './sentences';

/** Sentiment per sentence in [-1, 1]: below 0 negative. May be async (a model on a device). */
export type SentenceScorer = (sentences: readonly string[]) => ArrayLike<number> | Promise<ArrayLike<number>>;

const positiveWords = `good great excellent amazing awesome fantastic wonderful lovely love loved loves perfect perfectly best
  better nice happy pleased delighted recommend recommended superb brilliant outstanding impressive impressed
  favourite favorite fresh tasty delicious yummy smooth rich fast quick quickly speedy prompt promptly early helpful
  friendly polite responsive courteous efficient reliable sturdy solid durable robust comfortable comfy soft
  beautiful beautifully pretty gorgeous elegant stylish cute neat secure fair reasonable affordable bargain worth
  generous handy convenient easy useful works fine decent satisfied exceeded glad enjoy enjoyed fragrant aromatic
  crisp crunchy balanced flavourful flavorful vibrant premium accurate flawless faultless consistent refreshing
  moreish compliments cracking ideal thanks superior top-notch spotless gentle mellow delicate`;

const negativeWords = `bad poor terrible awful horrible dreadful worst worse disappointing disappointed disappointment letdown
  useless rubbish garbage junk broken broke cracked damaged defective faulty flimsy fragile cheaply leaky leaks
  leaking scratched stained dirty ripped torn crushed dented missing lost late delayed delay delays slow slowly
  stuck wrong incorrect unhelpful rude unreachable ignored dismissive unprofessional stale bitter bland tasteless
  flavourless sour burnt rancid soggy watery weak musty dusty artificial chemical gross disgusting inedible expired
  mouldy moldy overpriced expensive pricey overcharged ripoff rip-off scam waste wasteful excessive
  uncomfortable itchy scratchy shrank shrunk faded see-through unusable unacceptable annoying annoyed angry
  frustrated frustrating regret avoid complaint problem problems issue issues fault mess nightmare ridiculous
  mediocre meh inconsistent unreliable awkward impractical bulky smelly noisy fail failed fails died ruined harsh
  wobbly badly refused chase chased chasing misleading fake unhappy upset sadly unfortunately shame pity
  lukewarm unimpressed overcooked`;

/** Phrases with their polarity: matched as words in a row, before single words. */
const phrases: ReadonlyArray<readonly [string, number]> = [
  ['waste of money', -1], ['could be better', -1], ['could have been better', -1], ['fell apart', -1], ['came apart', -1],
  ['stopped working', -1], ['never arrived', -1], ['never came', -1], ['nothing came', -1], ['sent it back', -1],
  ['send it back', -1], ['one star', -1], ['ripped off', -1], ['went downhill', -1], ['gone downhill', -1],
  ['nothing special', -1], ['let down', -1], ['took forever', -1], ['took ages', -1], ['weeks to arrive', -1],
  ['not as described', -1], ['five stars', 1], ['works well', 1], ['as described', 1], ['on time', 1], ['next day', 1],
  ['value for money', 1], ['well made', 1], ['true to size', 1], ['no fuss', 1], ['no complaints', 1],
];

const lexicon = new Map<string, number>([...positiveWords.split(/\s+/u).filter(Boolean).map((w) => [w, 1] as const), ...negativeWords.split(/\s+/u).filter(Boolean).map((w) => [w, -1] as const)]);
const phraseWords = phrases.map(([p, v]) => [p.split(' '), v] as const);
const negators = new Set(['not', 'no', 'never', 'nothing', 'hardly', 'barely', 'without', 'nor', 'neither', 'cannot']);
const isNegator = (w: string) => negators.has(w) || w.endsWith("n't");

/** Score of one sentence in [-1, 1]. */
export function opinionScore(sentence: string): number {
  const ws = words(sentence);
  let sum = 0;
  let hits = 0;
  for (let i = 0; i < ws.length; i++) {
    let polarity = 0;
    let length = 1;
    const phrase = phraseWords.find(([parts]) => parts.every((p, j) => ws[i + j] === p));
    if (phrase) [polarity, length] = [phrase[1], phrase[0].length];
    else if (ws[i] === 'too' && i + 1 < ws.length && ws[i + 1] !== 'much' && ws[i + 1] !== 'good') [polarity, length] = [-1, 2];
    else polarity = lexicon.get(ws[i] as string) ?? 0;
    if (polarity !== 0) {
      // "no complaints" is a phrase already; other negators flip what follows within three words.
      const negated = !phrase && ws.slice(Math.max(0, i - 3), i).some(isNegator);
      sum += negated ? -polarity : polarity;
      hits++;
    }
    i += length - 1;
  }
  return hits > 0 ? sum / hits : 0;
}

export const lexiconScorer: SentenceScorer = (sentences) => Float32Array.from(sentences, opinionScore);

/** Whether the lexicon holds the word: opinion words are not aspects, so discovery skips them. */
export const isOpinionWord = (word: string): boolean => lexicon.has(word);

/**
 * A scorer from a classifier's class probabilities (row-major [N, K], as the fine-tuned
 * sentiment model's predict gives): p(positive class) − p(negative class), in [-1, 1].
 */
export function classifierScorer(predict: (texts: readonly string[]) => Promise<Float32Array>, classCount: number, positive: number, negative: number): SentenceScorer {
  return async (sentences) => {
    const p = await predict(sentences);
    return Float32Array.from(sentences, (_, i) => (p[i * classCount + positive] as number) - (p[i * classCount + negative] as number));
  };
}
