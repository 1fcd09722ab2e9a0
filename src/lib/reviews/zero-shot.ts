import { opinionScore } from './aspects-lexicon';

// A start with no labels at all: each class is described in a few sentences ("a negative
// review: broken, waste of money"), texts and descriptions are embedded with the same sentence
// encoder, and a text's class scores are its cosine similarities to the class descriptions.
// Two corrections make raw similarities usable: each class's mean similarity over the texts is
// subtracted (a description that is close to everything should not win everything), and for
// sentiment classes the opinion lexicon (aspects-lexicon.ts, our own word lists) adds its vote.
// Probabilities come from a softmax at a fixed temperature: a ranking for active labelling to
// start from, not calibrated, and weak on its own (see the README's figures).

/** Sentence vectors for texts, e.g. ml's useLiteTextEmbedder(...).embed. */
export type EmbedTexts = (texts: readonly string[], signal?: AbortSignal) => Promise<Float32Array[]>;

/** Descriptions of the sentiment classes, by class name (lower case). */
export const sentimentDescriptions: Readonly<Record<string, readonly string[]>> = {
  positive: ['A positive review: great product, love it, works perfectly, highly recommend.', 'I am very happy with this purchase, excellent quality and fast delivery.', 'Five stars, would buy again.'],
  negative: ['A negative review: broken, poor quality, waste of money, very disappointed.', 'Terrible product, it arrived damaged and I want a refund.', 'One star, avoid, would not buy again.'],
  neutral: ['A mixed review: it is okay, some good and some bad points.', 'Average product, nothing special, does the job for the price.', 'Three stars, not sure I would reorder.'],
};

const sentimentSynonyms: Record<string, string> = { positive: 'positive', pos: 'positive', good: 'positive', negative: 'negative', neg: 'negative', bad: 'negative', neutral: 'neutral', mixed: 'neutral' };

/** Descriptions per class: the sentiment set for sentiment names, else the class name in a sentence. */
export function defaultDescriptions(classes: readonly string[]): string[][] {
  return classes.map((name) => {
    const sentiment = sentimentSynonyms[name.trim().toLowerCase()];
    return sentiment ? [...(sentimentDescriptions[sentiment] as string[])] : [`A text about ${name.replace(/[_-]+/g, ' ')}.`, name.replace(/[_-]+/g, ' ')];
  });
}

export interface ZeroShotConfig {
  temperature: number; // softmax temperature on similarities (they differ by hundredths)
  centre: boolean; // subtract each class's mean similarity over the texts
  lexiconWeight: number; // logit added per unit of lexicon polarity (sentiment classes only); 0: off
}

export const zeroShotDefaults: ZeroShotConfig = { temperature: 0.05, centre: true, lexiconWeight: 3 };

const normalise = (v: Float32Array): Float32Array => {
  let norm = 0;
  for (let i = 0; i < v.length; i++) norm += (v[i] as number) ** 2;
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  return v.map((x) => x * scale);
};

/** One unit vector per class: the normalised mean of its descriptions' vectors. */
export function classPrototypes(descriptionVectors: readonly (readonly Float32Array[])[]): Float32Array[] {
  return descriptionVectors.map((vectors) => {
    const sum = new Float32Array(vectors[0]?.length ?? 0);
    for (const v of vectors) for (let i = 0; i < sum.length; i++) sum[i]! += v[i] as number;
    return normalise(sum);
  });
}

/**
 * Class probabilities [N, K] from text vectors and class prototypes. `lexicon` (one polarity in
 * [−1, 1] per text, from opinionScore) is added to the positive class and subtracted from the negative one.
 */
export function zeroShotProbabilities(textVectors: readonly Float32Array[], prototypes: readonly Float32Array[], classes: readonly string[], config: Partial<ZeroShotConfig> = {}, lexicon?: ArrayLike<number>): Float32Array {
  const c = { ...zeroShotDefaults, ...config };
  const N = textVectors.length;
  const K = prototypes.length;
  const similarity = new Float64Array(N * K);
  for (let i = 0; i < N; i++) {
    const t = normalise(textVectors[i] as Float32Array);
    for (let k = 0; k < K; k++) {
      const p = prototypes[k] as Float32Array;
      let dot = 0;
      for (let d = 0; d < p.length; d++) dot += (t[d] as number) * (p[d] as number);
      similarity[i * K + k] = dot;
    }
  }
  if (c.centre && N > 1) {
    for (let k = 0; k < K; k++) {
      let mean = 0;
      for (let i = 0; i < N; i++) mean += similarity[i * K + k] as number;
      mean /= N;
      for (let i = 0; i < N; i++) similarity[i * K + k]! -= mean;
    }
  }
  const sentimentOf = classes.map((name) => sentimentSynonyms[name.trim().toLowerCase()]);
  const out = new Float32Array(N * K);
  const logits = new Float64Array(K);
  for (let i = 0; i < N; i++) {
    const polarity = lexicon ? (lexicon[i] as number) : 0;
    let max = -Infinity;
    for (let k = 0; k < K; k++) {
      const vote = sentimentOf[k] === 'positive' ? polarity : sentimentOf[k] === 'negative' ? -polarity : 0;
      logits[k] = (similarity[i * K + k] as number) / c.temperature + c.lexiconWeight * vote;
      max = Math.max(max, logits[k] as number);
    }
    let sum = 0;
    for (let k = 0; k < K; k++) sum += logits[k] = Math.exp((logits[k] as number) - max);
    for (let k = 0; k < K; k++) out[i * K + k] = (logits[k] as number) / sum;
  }
  return out;
}

/** The whole zero-shot start: embed texts and descriptions, score, add the lexicon for sentiment classes. */
export async function zeroShotClassify(
  texts: readonly string[],
  classes: readonly string[],
  embed: EmbedTexts,
  options: { descriptions?: readonly (readonly string[])[]; config?: Partial<ZeroShotConfig>; signal?: AbortSignal } = {},
): Promise<{ probabilities: Float32Array; textVectors: Float32Array[] }> {
  const descriptions = options.descriptions ?? defaultDescriptions(classes);
  const flat = descriptions.flat();
  const described = await embed(flat, options.signal);
  let at = 0;
  const prototypes = classPrototypes(descriptions.map((d) => described.slice(at, (at += d.length))));
  const textVectors = await embed(texts, options.signal);
  const usesLexicon = classes.some((name) => sentimentSynonyms[name.trim().toLowerCase()] !== undefined);
  const lexicon = usesLexicon ? Float32Array.from(texts, opinionScore) : undefined;
  return { probabilities: zeroShotProbabilities(textVectors, prototypes, classes, options.config, lexicon), textVectors };
}
