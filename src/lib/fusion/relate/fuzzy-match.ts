// Fuzzy links between name-like text columns: a supplier's `ORG. COLOMBIAN COFFEE 500 g`
// against the shop's `Organic Colombian Coffee Beans 500g`. No value matches as written, but
// most words and their letter trigrams do. A sample of `from` values is matched against every
// `to` value; blocking on shared words (weighted by rarity) keeps that near-linear, and the
// similarity is the Dice coefficient of the two values' word-trigram sets, which ignores word
// order, case and punctuation and forgives a typo or an abbreviation.
import type { CellValue } from '../../store';
import { cellKeyText, hashKeyText } from './key-text';

export interface FuzzyMatch {
  from: string;
  to: string;
  /** Dice coefficient of trigram sets, 0..1. */
  similarity: number;
}

export interface FuzzyContainment {
  /** Share of sampled `from` values with a match at or above the threshold. */
  containment: number;
  /** Estimated share of `to` values that some `from` value matches. */
  reverseContainment: number;
  samples: number;
  /** The matches found, in sample order. */
  matches: FuzzyMatch[];
}

/** Key columns with more distinct values are not searched: the index would not fit a tab. */
export const fuzzyMaxKeys = 200_000;
/** Candidates per `from` value that get a full similarity: the best by shared rare words. */
const candidatesPerValue = 25;

/** Lower-case words, split at punctuation and between letters and digits (`500g` -> 500, g). */
export function fuzzyWords(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+|(?<=\p{L})(?=\p{N})|(?<=\p{N})(?=\p{L})/u).filter((w) => w.length > 0);
}

/** Sorted distinct hashes of each word's trigrams, the word padded by a space on each side. */
function trigramSet(words: readonly string[]): Uint32Array {
  const grams: number[] = [];
  for (const word of words) {
    const padded = ` ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) grams.push(hashKeyText(padded.slice(i, i + 3)));
  }
  const sorted = Uint32Array.from(grams).sort();
  let n = 0;
  for (let i = 0; i < sorted.length; i++) if (n === 0 || sorted[i] !== sorted[n - 1]) sorted[n++] = sorted[i]!;
  return sorted.subarray(0, n);
}

function dice(a: Uint32Array, b: Uint32Array): number {
  if (a.length + b.length === 0) return 0;
  let shared = 0;
  let j = 0;
  for (let i = 0; i < a.length; i++) {
    while (j < b.length && b[j]! < a[i]!) j++;
    if (b[j] === a[i]) shared++;
  }
  return (2 * shared) / (a.length + b.length);
}

/** Distinct non-blank texts of a column, first spelling kept, keyed case- and space-insensitively. */
export function distinctTexts(values: readonly CellValue[], limit = Infinity): string[] {
  const seen = new Map<string, string>();
  for (const value of values) {
    const text = cellKeyText(value);
    if (text === null) continue;
    const key = text.trim().toLowerCase();
    if (!seen.has(key)) {
      seen.set(key, text.trim());
      if (seen.size > limit) break;
    }
  }
  return [...seen.values()];
}

/** Up to `size` of the texts, chosen by hash: the same sample every run, unrelated to row order. */
export function hashSample(texts: readonly string[], size: number): string[] {
  if (texts.length <= size) return [...texts];
  return texts
    .map((text) => ({ text, hash: hashKeyText(text.toLowerCase()) }))
    .sort((a, b) => a.hash - b.hash)
    .slice(0, size)
    .map((x) => x.text);
}

/**
 * For each sampled `from` text, the best-matching `to` text; `containment` is the share whose
 * best match reaches `minSimilarity`. `fromDistinct` is the size the sample was drawn from.
 */
export function fuzzyContainment(
  fromSample: readonly string[],
  toTexts: readonly string[],
  minSimilarity: number,
  fromDistinct = fromSample.length,
): FuzzyContainment {
  const N = toTexts.length;
  const toWords = toTexts.map(fuzzyWords);
  const postings = new Map<string, number[]>();
  toWords.forEach((words, i) => {
    for (const w of new Set(words)) {
      const list = postings.get(w);
      if (list) list.push(i);
      else postings.set(w, [i]);
    }
  });
  const toGrams: (Uint32Array | undefined)[] = new Array(N);
  const weight = new Float64Array(N);
  const touched: number[] = [];
  const matchedTargets = new Set<number>();
  const matches: FuzzyMatch[] = [];
  for (const text of fromSample) {
    const words = fuzzyWords(text);
    // A word in every title (`coffee`) says little; a word in three says a lot: idf weights.
    for (const w of new Set(words)) {
      const list = postings.get(w);
      if (!list) continue;
      const idf = Math.log(1 + N / list.length);
      for (const i of list) {
        if (weight[i] === 0) touched.push(i);
        weight[i]! += idf;
      }
    }
    touched.sort((a, b) => weight[b]! - weight[a]!);
    const grams = trigramSet(words);
    let best = -1;
    let bestSimilarity = 0;
    for (let c = 0; c < Math.min(candidatesPerValue, touched.length); c++) {
      const i = touched[c]!;
      const target = (toGrams[i] ??= trigramSet(toWords[i]!));
      const similarity = dice(grams, target);
      if (similarity > bestSimilarity) [best, bestSimilarity] = [i, similarity];
    }
    for (const i of touched) weight[i] = 0;
    touched.length = 0;
    if (best >= 0 && bestSimilarity >= minSimilarity) {
      matches.push({ from: text, to: toTexts[best]!, similarity: bestSimilarity });
      matchedTargets.add(best);
    }
  }
  const samples = fromSample.length;
  return {
    containment: samples === 0 ? 0 : matches.length / samples,
    // Targets hit by the sample, scaled up to the whole `from` column.
    reverseContainment: N === 0 || samples === 0 ? 0 : Math.min(1, (matchedTargets.size * fromDistinct) / samples / N),
    samples,
    matches,
  };
}
