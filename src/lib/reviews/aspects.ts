// Aspect-based sentiment of reviews. Reviews are cut into sentences (and clauses at "but"), each
// clause is assigned to aspects by keyword (seed lists plus discovered ones) or, failing that and
// given sentence vectors, by similarity to aspect prototypes (aspects-similarity.ts); a scorer
// gives each clause a sentiment. Per aspect: counts, sentiment mix, its negative rate against the
// rest and evidence sentences; per product and category: the aspects that drive negative reviews
// (aspects-drivers.ts).
import { AppError } from '../errors';
import { negativeDrivers, type NegativeDriver } from './aspects-drivers';
import { pickEvidence, type Evidence } from './aspects-evidence';
import { discoverAspects } from './aspects-discover';
import { lexiconScorer, type SentenceScorer } from './aspects-lexicon';
import { defaultAspects, type AspectDefinition } from './aspects-seeds';
import { similarAspects } from './aspects-similarity';
import { lift, twoProportionZ } from './monitor-stats';
import { sentenceTable, words, type SentenceTable } from './sentences';
import { checkedOptions, createTick, type RunOptions } from './topics-options';

export interface AspectOptions {
  /** Cut sentences into clauses at contrasts ("…, but …"), so each holds one opinion. */
  clauses: boolean;
  /** Add aspects found in sentences no seed covers (aspects-discover.ts). */
  discover: boolean;
  maxDiscovered: number;
  minDiscoveredSentences: number;
  minNounShare: number;
  minContextShare: number;
  /** A sentence without keywords takes the aspect of the nearest prototype (aspects-similarity.ts)
   *  at this cosine similarity or more … */
  minSimilarity: number;
  /** … and this much more similar to it than to the corpus centroid. */
  minMargin: number;
  /** Keyword-only sentences an aspect needs for a prototype from examples (else its description). */
  minExamples: number;
  /** A score below −neutralBand is negative, above +neutralBand positive. */
  neutralBand: number;
  /** Evidence sentences per aspect and polarity, and per driver. */
  evidence: number;
  /** A driver needs at least this many negative sentences … */
  minDriverNegatives: number;
  /** … and at least this z against the same aspect elsewhere (3: one-sided p ≈ 0.001, as many groups are tested). */
  minDriverZ: number;
  /** Sentences per scorer call (between calls, progress and abort). */
  batchSize: number;
}

export const defaultAspectOptions: Readonly<AspectOptions> = Object.freeze({
  clauses: true,
  discover: true,
  maxDiscovered: 6,
  minDiscoveredSentences: 10,
  minNounShare: 0.4,
  minContextShare: 0.15,
  minSimilarity: 0.35,
  minMargin: 0.1,
  minExamples: 5,
  neutralBand: 0.05,
  evidence: 3,
  minDriverNegatives: 5,
  minDriverZ: 3,
  batchSize: 256,
});

export interface AspectInput {
  texts: readonly string[];
  /** Product and category of each review (missing: left out of that level's drivers). */
  product?: readonly (string | null | undefined)[];
  category?: readonly (string | null | undefined)[];
  /** The seed aspects; default: defaultAspects. */
  aspects?: readonly AspectDefinition[];
  /** Sentiment per sentence; default: the lexicon scorer. */
  scorer?: SentenceScorer;
  /** One vector per sentence of sentenceTable(texts, { clauses }), same order: sentences with no
   *  keyword are then assigned by similarity. */
  sentenceEmbeddings?: readonly Float32Array[];
  /** One vector per seed aspect's description, same order as `aspects`: the prototype of an
   *  aspect with too few keyword examples. */
  aspectEmbeddings?: readonly Float32Array[];
}

export interface AspectSummary {
  name: string;
  discovered: boolean;
  keywords: readonly string[];
  sentences: number;
  /** Distinct reviews with a sentence on the aspect. */
  reviews: number;
  /** Sentences assigned by a keyword, and by embedding similarity alone. */
  byKeyword: number;
  byEmbedding: number;
  positive: number;
  negative: number;
  neutral: number;
  meanScore: number;
  negativeRate: number;
  /** Negative rate of all sentences not on this aspect. */
  baselineRate: number;
  lift: number;
  /** Two-proportion z of negativeRate against baselineRate. */
  z: number;
  evidence: { negative: Evidence[]; positive: Evidence[] };
}

export interface AspectResult {
  aspects: AspectSummary[];
  drivers: NegativeDriver[];
  overall: { sentences: number; negative: number; negativeRate: number };
  sentences: SentenceTable;
  /** Sentiment of each sentence. */
  scores: Float32Array;
  /** Aspects of sentence i: aspectIds[aspectStart[i]] … aspectIds[aspectStart[i + 1] − 1], indices into `aspects`. */
  aspectStart: Int32Array;
  aspectIds: Int32Array;
  /** 1 where a sentence's aspect came from embedding similarity alone (no keyword). */
  byEmbedding: Uint8Array;
}

/** keyword's first word -> [aspect, words] to try there (phrases first, longest first). */
function keywordIndex(aspects: readonly AspectDefinition[]): Map<string, [number, string[]][]> {
  const index = new Map<string, [number, string[]][]>();
  aspects.forEach((aspect, a) => {
    for (const keyword of aspect.keywords) {
      const parts = keyword.toLowerCase().split(/\s+/u).filter(Boolean);
      if (parts.length === 0) continue;
      const list = index.get(parts[0] as string) ?? [];
      list.push([a, parts]);
      index.set(parts[0] as string, list);
    }
  });
  for (const list of index.values()) list.sort((x, y) => y[1].length - x[1].length);
  return index;
}

/** Aspects whose keyword occurs in the words (a plural "-s" also matches the singular keyword). */
function keywordAspects(ws: readonly string[], index: Map<string, [number, string[]][]>): Set<number> {
  const found = new Set<number>();
  ws.forEach((w, i) => {
    const candidates = index.get(w) ?? (w.endsWith('s') ? index.get(w.slice(0, -1))?.filter(([, parts]) => parts.length === 1) : undefined) ?? [];
    for (const [a, parts] of candidates) if (parts.length === 1 || parts.every((p, j) => j === 0 || ws[i + j] === p)) found.add(a);
  });
  return found;
}

export async function analyseAspects(input: AspectInput, overrides: Partial<AspectOptions> = {}, run: RunOptions = {}): Promise<AspectResult> {
  const o = checkedOptions(defaultAspectOptions, overrides, 'aspect');
  const seeds = input.aspects ?? defaultAspects;
  const table = sentenceTable(input.texts, { clauses: o.clauses });
  const S = table.text.length;
  if (input.sentenceEmbeddings && input.sentenceEmbeddings.length !== S) throw new AppError('input-malformed', `Expected one vector per sentence (${S}), got ${input.sentenceEmbeddings.length}: split with sentenceTable(texts, { clauses: ${o.clauses} }).`);
  if (input.aspectEmbeddings && input.aspectEmbeddings.length !== seeds.length) throw new AppError('input-malformed', `Expected one vector per aspect (${seeds.length}), got ${input.aspectEmbeddings.length}.`);
  for (const [what, column] of [['product', input.product], ['category', input.category]] as const) {
    if (column && column.length !== input.texts.length) throw new AppError('input-malformed', `Expected one ${what} per review (${input.texts.length}), got ${column.length}.`);
  }

  // Keywords: the seeds' hits decide which sentences are uncovered, where new aspects are
  // discovered; then every sentence is matched against seeds and discovered aspects alike.
  const sentenceWords = table.text.map(words);
  const seedIndex = keywordIndex(seeds);
  const seedHits = sentenceWords.map((ws) => keywordAspects(ws, seedIndex));
  const discovered = o.discover ? discoverAspects(sentenceWords, Uint8Array.from(seedHits, (h) => (h.size > 0 ? 1 : 0)), seeds, o) : [];
  const aspects = [...seeds, ...discovered];
  const allIndex = keywordIndex(aspects);
  const A = aspects.length;
  const hits = discovered.length > 0 ? sentenceWords.map((ws) => keywordAspects(ws, allIndex)) : seedHits;
  const bySimilarity = input.sentenceEmbeddings ? similarAspects(input.sentenceEmbeddings, hits, A, input.aspectEmbeddings ?? [], o) : new Int32Array(S).fill(-1);
  const byEmbedding = Uint8Array.from(bySimilarity, (a) => (a >= 0 ? 1 : 0));
  const starts: number[] = [0];
  const ids: number[] = [];
  for (let s = 0; s < S; s++) {
    const a = bySimilarity[s] as number;
    ids.push(...(a >= 0 ? [a] : [...(hits[s] as Set<number>)].sort((x, y) => x - y)));
    starts.push(ids.length);
  }
  const aspectStart = Int32Array.from(starts);
  const aspectIds = Int32Array.from(ids);

  // Sentiment of every sentence, in batches (the scorer may be a model on the device).
  const scorer = input.scorer ?? lexiconScorer;
  const scores = new Float32Array(S);
  const tick = createTick(run, 'sentences');
  for (let from = 0; from < S; from += o.batchSize) {
    await tick(from, S, 'Scoring sentences');
    const sentences = table.text.slice(from, from + o.batchSize);
    const batch = await scorer(sentences);
    if (batch.length !== sentences.length) throw new AppError('input-malformed', `The sentiment scorer returned ${batch.length} scores for ${sentences.length} sentences.`);
    for (let i = 0; i < batch.length; i++) {
      const score = batch[i] as number;
      if (!Number.isFinite(score)) throw new AppError('input-malformed', `The sentiment scorer returned ${score} for "${sentences[i]}"; scores must be numbers in [-1, 1].`);
      scores[from + i] = score;
    }
  }
  await tick(S, S, 'Summarising aspects');
  const negative = Uint8Array.from(scores, (x) => (x < -o.neutralBand ? 1 : 0));
  const negativeTotal = negative.reduce((s, x) => s + x, 0);

  const rowsOf: number[][] = Array.from({ length: A }, () => []);
  for (let s = 0; s < S; s++) for (let j = aspectStart[s] as number; j < (aspectStart[s + 1] as number); j++) rowsOf[aspectIds[j] as number]?.push(s);
  const summaries = aspects.map((aspect, a): AspectSummary => {
    const rows = rowsOf[a] as number[];
    const n = rows.length;
    const neg = rows.reduce((c, s) => c + (negative[s] as number), 0);
    const pos = rows.reduce((c, s) => c + ((scores[s] as number) > o.neutralBand ? 1 : 0), 0);
    const negativeRate = n > 0 ? neg / n : 0;
    const baselineRate = S - n > 0 ? (negativeTotal - neg) / (S - n) : 0;
    return {
      name: aspect.name,
      discovered: a >= seeds.length,
      keywords: aspect.keywords,
      sentences: n,
      reviews: new Set(rows.map((s) => table.review[s])).size,
      byKeyword: rows.filter((s) => !byEmbedding[s]).length,
      byEmbedding: rows.filter((s) => byEmbedding[s]).length,
      positive: pos,
      negative: neg,
      neutral: n - pos - neg,
      meanScore: n > 0 ? rows.reduce((t, s) => t + (scores[s] as number), 0) / n : 0,
      negativeRate,
      baselineRate,
      lift: lift(negativeRate, baselineRate),
      z: twoProportionZ(neg, n, negativeTotal - neg, S - n),
      evidence: {
        negative: pickEvidence(rows.filter((s) => negative[s]), table, scores, o.evidence, true),
        positive: pickEvidence(rows.filter((s) => (scores[s] as number) > o.neutralBand), table, scores, o.evidence, false),
      },
    };
  });

  const groupings = (['product', 'category'] as const).flatMap((level) => (input[level] ? [{ level, groupOf: input[level] }] : []));
  const drivers = negativeDrivers({ table, scores, negative, aspectStart, aspectIds, aspectNames: aspects.map((a) => a.name) }, groupings, o);
  return { aspects: summaries, drivers, overall: { sentences: S, negative: negativeTotal, negativeRate: S > 0 ? negativeTotal / S : 0 }, sentences: table, scores, aspectStart, aspectIds, byEmbedding };
}
