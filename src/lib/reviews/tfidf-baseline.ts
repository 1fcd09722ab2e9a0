import { fitLogistic, logisticDefaults, logLoss, predictLogistic, type LogisticModel, type SparseRows } from './logistic-regression';

// The baseline every transformer run is compared with, on the same split in the same run:
// TF-IDF over word unigrams and bigrams (sublinear tf, a minimum document frequency, smooth idf,
// rows scaled to unit length) and a multinomial logistic regression. C is picked on the
// validation rows by log loss, then the model is refitted on train + validation with that C.

export interface TfidfConfig {
  maxNgram: number; // 1: words; 2: words and word pairs
  minDf: number; // terms in fewer training texts are dropped
  maxDfFraction: number; // terms in more than this share of training texts are dropped (1: keep all)
  sublinearTf: boolean; // 1 + ln(count) instead of count
  maxFeatures: number; // keep the most frequent terms (by document frequency) beyond this
  maxChars: number; // read at most this much of each text (a pasted attachment is not language)
}

export const tfidfDefaults: TfidfConfig = { maxNgram: 2, minDf: 2, maxDfFraction: 1, sublinearTf: true, maxFeatures: 200_000, maxChars: 20_000 };

export interface TfidfVectorizer {
  config: TfidfConfig;
  /** Term -> feature index. */
  index: Map<string, number>;
  /** Smooth idf per feature: ln((1 + N) / (1 + df)) + 1. */
  idf: Float32Array;
}

/** Letters and digits, with inner apostrophes kept ("isn't"), lower-cased. */
const wordPattern = /[\p{L}\p{N}]+(?:'[\p{L}]+)*/gu;

export function wordTokens(text: string, maxChars = tfidfDefaults.maxChars): string[] {
  return text.slice(0, maxChars).toLowerCase().replace(/[\u2018\u2019]/g, "'").match(wordPattern) ?? [];
}

/** Each n-gram of the text up to maxNgram, as written ("not", "not good"), with repeats. */
function termsOf(text: string, config: TfidfConfig): string[] {
  const words = wordTokens(text, config.maxChars);
  const out = [...words];
  for (let n = 2; n <= config.maxNgram; n++) for (let i = 0; i + n <= words.length; i++) out.push(words.slice(i, i + n).join(' '));
  return out;
}

export function fitTfidf(texts: readonly string[], config: Partial<TfidfConfig> = {}): TfidfVectorizer {
  const c = { ...tfidfDefaults, ...config };
  const df = new Map<string, number>();
  for (const text of texts) for (const term of new Set(termsOf(text, c))) df.set(term, (df.get(term) ?? 0) + 1);
  const maxDf = c.maxDfFraction * texts.length;
  const kept = [...df].filter(([, n]) => n >= c.minDf && n <= maxDf);
  // Most frequent first, then alphabetical, so the feature order is the same on every run.
  kept.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const terms = kept.slice(0, c.maxFeatures);
  const N = texts.length;
  return {
    config: c,
    index: new Map(terms.map(([term], j) => [term, j])),
    idf: Float32Array.from(terms, ([, n]) => Math.log((1 + N) / (1 + n)) + 1),
  };
}

/** Texts -> unit-length TF-IDF rows over the vectorizer's terms (unknown terms are ignored). */
export function tfidfRows(vectorizer: TfidfVectorizer, texts: readonly string[]): SparseRows {
  const { index, idf, config } = vectorizer;
  const offsets = new Int32Array(texts.length + 1);
  const indices: number[] = [];
  const values: number[] = [];
  texts.forEach((text, i) => {
    const counts = new Map<number, number>();
    for (const term of termsOf(text, config)) {
      const j = index.get(term);
      if (j !== undefined) counts.set(j, (counts.get(j) ?? 0) + 1);
    }
    const row = [...counts].sort((a, b) => a[0] - b[0]);
    let norm = 0;
    const weighted = row.map(([j, n]) => {
      const w = (config.sublinearTf ? 1 + Math.log(n) : n) * (idf[j] as number);
      norm += w * w;
      return w;
    });
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    row.forEach(([j], e) => {
      indices.push(j);
      values.push((weighted[e] as number) * scale);
    });
    offsets[i + 1] = indices.length;
  });
  return { rows: texts.length, columns: idf.length, offsets, indices: Int32Array.from(indices), values: Float32Array.from(values) };
}

// ---- the baseline ----------------------------------------------------------------------------

export interface BaselineConfig {
  tfidf: TfidfConfig;
  /** Values of C tried on the validation rows, small to large (each fit warm-starts the next). */
  cGrid: number[];
  /** L-BFGS iterations per fit. */
  iterations: number;
}

export const baselineDefaults: BaselineConfig = { tfidf: tfidfDefaults, cGrid: [0.3, 1, 3, 10, 30, 100], iterations: 200 };

/** A fitted baseline: plain data, so it can be stored or sent to a worker. */
export interface TfidfBaseline {
  vectorizer: TfidfVectorizer;
  model: LogisticModel;
  /** The C chosen on validation, and the validation log loss of each C tried. */
  c: number;
  validationLoss: { c: number; loss: number }[];
  /** Probabilities [N_val, K] for the validation rows from the fit on train alone at the chosen C (null without validation rows). */
  validationProbabilities: Float32Array | null;
}

export interface LabelledSet {
  texts: readonly string[];
  /** Class index per text. */
  targets: ArrayLike<number>;
}

/** Row weights N / (K · n_class), so every class weighs the same in the loss. */
export function balancedRowWeights(targets: ArrayLike<number>, classCount: number): Float64Array {
  const counts = new Float64Array(classCount);
  for (let i = 0; i < targets.length; i++) counts[targets[i] as number]! += 1;
  return Float64Array.from({ length: targets.length }, (_, i) => targets.length / (classCount * (counts[targets[i] as number] as number)));
}

/**
 * Fits the vectorizer and the regression on `train`; picks C on `validation` (when it has rows),
 * then refits on both. `balanced` weighs classes equally, as the transformer run does.
 */
export function fitTfidfBaseline(train: LabelledSet, validation: LabelledSet, classCount: number, options: { balanced?: boolean; config?: Partial<BaselineConfig> } = {}): TfidfBaseline {
  const config = { ...baselineDefaults, ...options.config };
  const weightsOf = (targets: ArrayLike<number>) => (options.balanced ? balancedRowWeights(targets, classCount) : undefined);
  const validationLoss: { c: number; loss: number }[] = [];
  let c = config.cGrid.length === 1 ? (config.cGrid[0] as number) : logisticDefaults.c;
  let validationProbabilities: Float32Array | null = null;
  if (validation.texts.length > 0) {
    const vectorizer = fitTfidf(train.texts, config.tfidf);
    const x = tfidfRows(vectorizer, train.texts);
    const xVal = tfidfRows(vectorizer, validation.texts);
    let previous: LogisticModel | undefined;
    let bestLoss = Infinity;
    for (const candidate of config.cGrid.length > 0 ? config.cGrid : [c]) {
      previous = fitLogistic(x, train.targets, classCount, { c: candidate, iterations: config.iterations }, weightsOf(train.targets), previous);
      const probabilities = predictLogistic(previous, xVal);
      const loss = logLoss(probabilities, validation.targets, classCount);
      validationLoss.push({ c: candidate, loss });
      if (loss < bestLoss) [bestLoss, c, validationProbabilities] = [loss, candidate, probabilities];
    }
  }
  const texts = [...train.texts, ...validation.texts];
  const targets = Int32Array.from([...Array.from(train.targets), ...Array.from(validation.targets)]);
  const vectorizer = fitTfidf(texts, config.tfidf);
  const model = fitLogistic(tfidfRows(vectorizer, texts), targets, classCount, { c, iterations: config.iterations }, weightsOf(targets));
  return { vectorizer, model, c, validationLoss, validationProbabilities };
}

/** Class probabilities [N, K] of the baseline for `texts`. */
export function predictTfidfBaseline(baseline: TfidfBaseline, texts: readonly string[]): Float32Array {
  return predictLogistic(baseline.model, tfidfRows(baseline.vectorizer, texts));
}

/** The `count` terms that push hardest towards each class (largest weight minus the class mean). */
export function topTerms(baseline: TfidfBaseline, count = 10): string[][] {
  const { model, vectorizer } = baseline;
  const K = model.classCount;
  const terms = [...vectorizer.index.keys()];
  return Array.from({ length: K }, (_, k) => {
    const score = (j: number) => {
      let mean = 0;
      for (let q = 0; q < K; q++) mean += model.weights[j * K + q] as number;
      return (model.weights[j * K + k] as number) - mean / K;
    };
    return terms.map((term, j) => ({ term, s: score(j) })).sort((a, b) => b.s - a.s).slice(0, count).map((t) => t.term);
  });
}
