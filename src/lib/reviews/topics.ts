// Topics of reviews: their sentence vectors (USE-lite, or any embedding) clustered by spherical
// k-means, k given or chosen by silhouette on a sample (chooseK); each topic named by
// class-based TF-IDF keywords (BERTopic's c-TF-IDF: a word's frequency in the topic times
// log(1 + mean words per topic / its frequency overall)), shown by the reviews closest to its
// centroid, and, when sentiment scores are given, by its sentiment mix.
import { AppError } from '../errors';
import { Rng } from '../ml/train/rng';
import { stopWords, words } from './sentences';
import { silhouette, sphericalKMeans, unitRows, type KMeansResult } from './topics-kmeans';
import { checkedOptions, createTick, type RunOptions } from './topics-options';

export interface TopicOptions {
  /** Number of topics; null chooses it between minTopics and maxTopics by silhouette (chooseK). */
  topics: number | null;
  minTopics: number;
  maxTopics: number;
  /** chooseK keeps the largest k whose silhouette is within this fraction of the best. */
  silhouetteTolerance: number;
  /** Texts (drawn with the seed) on which k is chosen; the chosen k is then fitted on all. */
  selectionSample: number;
  /** Seed of k-means++; the same seed gives the same topics. */
  seed: number;
  /** k-means runs per k from different seeds; the one with the highest total similarity is kept. */
  restarts: number;
  maxIterations: number;
  /** Keywords per topic. */
  keywords: number;
  /** Two-word keywords ("customer service") besides single words. */
  bigrams: boolean;
  /** A keyword must occur in at least this many reviews overall. */
  minKeywordReviews: number;
  /** Representative reviews per topic (closest to its centroid, duplicates skipped). */
  representatives: number;
  /** A sentiment score below −neutralBand is negative, above +neutralBand positive. */
  neutralBand: number;
}

export const defaultTopicOptions: Readonly<TopicOptions> = Object.freeze({
  topics: null,
  minTopics: 2,
  maxTopics: 10,
  silhouetteTolerance: 0.1,
  selectionSample: 1000,
  seed: 1,
  restarts: 3,
  maxIterations: 50,
  keywords: 8,
  bigrams: true,
  minKeywordReviews: 2,
  representatives: 3,
  neutralBand: 0.05,
});

export interface TopicInput {
  texts: readonly string[];
  /** One vector per text, any width (all the same). */
  embeddings: readonly Float32Array[];
  /** Optional sentiment per text in [-1, 1] (NaN: unknown), e.g. (stars − 3) / 2 or p(pos) − p(neg). */
  sentiment?: ArrayLike<number>;
}

export interface SentimentMix {
  /** Texts with a known score. */
  scored: number;
  negative: number;
  neutral: number;
  positive: number;
  meanScore: number;
}

export interface Topic {
  id: number;
  /** The first three keywords. */
  label: string;
  size: number;
  /** size / all texts. */
  share: number;
  keywords: { word: string; score: number }[];
  representatives: { review: number; text: string; similarity: number }[];
  /** Mean cosine similarity of its texts to the centroid: how tight the topic is. */
  cohesion: number;
  sentiment: SentimentMix | null;
}

export interface TopicResult {
  k: number;
  /** Silhouette of the topics, over all texts. */
  silhouette: number;
  /** The silhouette of every k tried, on the selection sample (one entry, on all texts, when k was given). */
  candidates: { k: number; silhouette: number }[];
  /** Topic id of each text. Topics are numbered by size, largest first. */
  assignment: Int32Array;
  /** Cosine similarity of each text to its topic's centroid. */
  similarity: Float32Array;
  topics: Topic[];
}

function bestOfRestarts(X: Float32Array, n: number, d: number, k: number, o: TopicOptions): KMeansResult {
  const rng = new Rng(o.seed * 7919 + k);
  let best: KMeansResult | null = null;
  for (let r = 0; r < Math.max(1, o.restarts); r++) {
    const run = sphericalKMeans(X, n, d, k, rng, o.maxIterations);
    if (!best || run.objective > best.objective) best = run;
  }
  return best as KMeansResult;
}

/** Terms of a text: words minus stop words (and bare numbers), plus optional adjacent pairs. */
export function topicTerms(text: string, bigrams: boolean): string[] {
  const all = words(text);
  const keep = all.map((w) => w.length > 1 && !stopWords.has(w) && !/^\d+$/u.test(w));
  const terms = all.filter((_, i) => keep[i]);
  if (bigrams) for (let i = 1; i < all.length; i++) if (keep[i - 1] && keep[i]) terms.push(`${all[i - 1]} ${all[i]}`);
  return terms;
}

/** c-TF-IDF keywords of each topic; a picked pair hides its words, and words already picked hide the pair. */
export function topicKeywords(texts: readonly string[], assignment: Int32Array, k: number, o: Pick<TopicOptions, 'keywords' | 'bigrams' | 'minKeywordReviews'>): { word: string; score: number }[][] {
  const index = new Map<string, number>();
  const reviewsWith: number[] = [];
  const termIds = texts.map((text) => {
    const ids = topicTerms(text, o.bigrams).map((t) => {
      let id = index.get(t);
      if (id === undefined) index.set(t, (id = reviewsWith.push(0) - 1));
      return id;
    });
    for (const id of new Set(ids)) reviewsWith[id]!++;
    return ids;
  });
  const V = reviewsWith.length;
  const counts = new Float64Array(k * V); // [k, V]
  const totals = new Float64Array(k);
  termIds.forEach((ids, i) => {
    const c = assignment[i] as number;
    for (const id of ids) counts[c * V + id]!++;
    totals[c]! += ids.length;
  });
  const overall = new Float64Array(V);
  for (let c = 0; c < k; c++) for (let v = 0; v < V; v++) overall[v]! += counts[c * V + v] as number;
  const meanWords = totals.reduce((s, t) => s + t, 0) / k;
  const terms = [...index.keys()];
  return Array.from({ length: k }, (_, c) => {
    const scored: { word: string; score: number }[] = [];
    for (let v = 0; v < V; v++) {
      const count = counts[c * V + v] as number;
      if (count === 0 || (reviewsWith[v] as number) < o.minKeywordReviews) continue;
      scored.push({ word: terms[v] as string, score: (count / Math.max(1, totals[c] as number)) * Math.log(1 + meanWords / (overall[v] as number)) });
    }
    scored.sort((a, b) => b.score - a.score || (a.word < b.word ? -1 : 1));
    const picked: { word: string; score: number }[] = [];
    const used = new Set<string>();
    for (const term of scored) {
      if (picked.length >= o.keywords) break;
      const parts = term.word.split(' ');
      if (parts.every((p) => used.has(p))) continue;
      if (parts.length === 1 && used.has(term.word)) continue;
      picked.push(term);
      for (const p of parts) used.add(p);
    }
    return picked;
  });
}

function sentimentMix(members: readonly number[], sentiment: ArrayLike<number>, band: number): SentimentMix {
  const mix = { scored: 0, negative: 0, neutral: 0, positive: 0, meanScore: 0 };
  for (const i of members) {
    const s = sentiment[i] as number;
    if (!Number.isFinite(s)) continue;
    mix.scored++;
    mix.meanScore += s;
    if (s < -band) mix.negative++;
    else if (s > band) mix.positive++;
    else mix.neutral++;
  }
  mix.meanScore = mix.scored > 0 ? mix.meanScore / mix.scored : NaN;
  return mix;
}

export async function findTopics(input: TopicInput, overrides: Partial<TopicOptions> = {}, run: RunOptions = {}): Promise<TopicResult> {
  const o = checkedOptions(defaultTopicOptions, overrides, 'topic');
  const { texts, embeddings } = input;
  const n = texts.length;
  const d = embeddings[0]?.length ?? 0;
  if (embeddings.length !== n || embeddings.some((e) => e.length !== d)) throw new AppError('input-malformed', `Topics need one vector of the same width per text; got ${embeddings.length} vectors for ${n} texts.`);
  if (n < 3) throw new AppError('input-malformed', `Topics need at least 3 texts; got ${n}.`, { texts: n });
  const ks = o.topics !== null ? [o.topics] : range(Math.max(2, o.minTopics), Math.min(o.maxTopics, n - 1));
  if (ks.length === 0 || ks.some((k) => !Number.isInteger(k) || k < 1 || k > n)) throw new AppError('input-malformed', `The number of topics must be a whole number from 1 to ${n} (or a range within it).`, { topics: o.topics, minTopics: o.minTopics, maxTopics: o.maxTopics });

  const X = unitRows(embeddings);
  const tick = createTick(run, 'candidates');
  // k is chosen on a seeded sample (k-means and silhouette cost grow with n), then fitted on all rows.
  const candidates: { k: number; silhouette: number }[] = [];
  if (ks.length > 1) {
    const rows = sampleRows(n, o.selectionSample, o.seed);
    const m = rows.length;
    const sample = new Float32Array(m * d);
    rows.forEach((row, i) => sample.set(X.subarray(row * d, (row + 1) * d), i * d));
    for (const [step, k] of ks.entries()) {
      await tick(step, ks.length + 1, `Trying ${k} topics`);
      candidates.push({ k, silhouette: silhouette(sample, m, d, bestOfRestarts(sample, m, d, k, o).assignment, k) });
    }
  }
  const k = ks.length === 1 ? (ks[0] as number) : chooseK(candidates, o.silhouetteTolerance);
  await tick(ks.length, ks.length + 1, `Clustering into ${k} topics`);
  const best = bestOfRestarts(X, n, d, k, o);
  const score = silhouette(X, n, d, best.assignment, k);
  if (ks.length === 1) candidates.push({ k, silhouette: score });
  await tick(ks.length + 1, ks.length + 1, 'Naming topics');

  // Renumber by size, largest first.
  const sizes = new Int32Array(k);
  for (const c of best.assignment) sizes[c]!++;
  const order = range(0, k - 1).sort((a, b) => (sizes[b] as number) - (sizes[a] as number) || a - b);
  const rank = new Int32Array(k);
  order.forEach((c, r) => (rank[c] = r));
  const assignment = best.assignment.map((c) => rank[c] as number);
  const members: number[][] = Array.from({ length: k }, () => []);
  assignment.forEach((c, i) => members[c]?.push(i));
  const keywords = topicKeywords(texts, assignment, k, o);

  const topics = members.map((rows, id): Topic => {
    const closest = [...rows].sort((a, b) => (best.similarity[b] as number) - (best.similarity[a] as number));
    const seen = new Set<string>();
    const representatives: Topic['representatives'] = [];
    for (const review of closest) {
      if (representatives.length >= o.representatives) break;
      const key = (texts[review] as string).trim().toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      representatives.push({ review, text: texts[review] as string, similarity: best.similarity[review] as number });
    }
    const topicWords = keywords[id] ?? [];
    return {
      id,
      label: topicWords.slice(0, 3).map((w) => w.word).join(' · '),
      size: rows.length,
      share: rows.length / n,
      keywords: topicWords,
      representatives,
      cohesion: rows.reduce((s, i) => s + (best.similarity[i] as number), 0) / Math.max(1, rows.length),
      sentiment: input.sentiment ? sentimentMix(rows, input.sentiment, o.neutralBand) : null,
    };
  });
  return { k, silhouette: score, candidates, assignment, similarity: best.similarity, topics };
}

/**
 * The largest k whose silhouette is within `tolerance` (a fraction) of the best. On sentence
 * vectors of reviews the silhouette is nearly flat over small k and often peaks at 2, which is
 * too coarse to be useful; among clusterings about as well separated, the finest is kept.
 */
export function chooseK(candidates: readonly { k: number; silhouette: number }[], tolerance: number): number {
  const best = Math.max(...candidates.map((c) => c.silhouette));
  const floor = best > 0 ? best * (1 - tolerance) : best;
  return Math.max(...candidates.filter((c) => c.silhouette >= floor).map((c) => c.k));
}

/** Up to `size` distinct rows of n, drawn with the seed, ascending. */
function sampleRows(n: number, size: number, seed: number): number[] {
  const all = range(0, n - 1);
  return n <= size ? all : new Rng(seed).shuffle(all).slice(0, size).sort((a, b) => a - b);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}
