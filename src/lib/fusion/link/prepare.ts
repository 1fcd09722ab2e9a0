// Turns the compared columns of one table into what comparisons read fast: normalised strings,
// numbers, sorted token/q-gram ids with TF-IDF weights. Corpus statistics (vocabulary, document
// frequencies, value frequencies for term-frequency adjustment) come from the indexed side only,
// so records added later are prepared against the same statistics and score as they would have
// in a full run.
import { parseDate, parseNumberCell } from '../../profile';
import type { CellValue } from '../../store';
import { AppError } from '../../errors';
import type { FusionTable } from '../types';
import { expandAbbreviations, wordIndex, wordsAndPairs } from './abbreviations';
import { normaliseValue, qgramsOf, tokensOf } from './normalise';
import type { FieldComparison } from './types';

/** Statistics of one field over the indexed side. Mutable only in that unseen tokens get new ids. */
export interface FieldStatistics {
  vocabulary: Map<string, number>;
  /** documentFrequency[id]: indexed rows containing the token. */
  documentFrequency: number[];
  documents: number;
  /** Share of indexed rows holding each normalised value, for term-frequency adjustment. */
  valueShare: Map<string, number>;
  /** Every normalised value either side has shown -> a small integer, so equality is one compare. */
  valueIds: Map<string, number>;
  /** TF-IDF fields: indexed rows holding each word and pair of adjacent words, to read the other side's abbreviations. */
  words: Map<string, number>;
}

/** One field of one side, ready to compare. Arrays are indexed by row. */
export interface PreparedField {
  text: (string | null)[];
  /** Id of each row's normalised text (equal texts, equal ids; the ids are shared by both sides); -1 when missing. */
  codes: Int32Array;
  /** Numbers (numeric) or days since 1970 (date); NaN when missing. */
  numbers: Float64Array | null;
  /** Sorted, distinct token or q-gram ids. */
  ids: Int32Array[] | null;
  /** TF-IDF weights of `ids`, scaled to unit length. */
  weights: Float32Array[] | null;
  embeddings: (Float32Array | undefined)[] | null;
  /** Indexed side, term-frequency fields: the share of indexed rows holding each row's value. */
  valueShare: Float32Array | null;
}

const msPerDay = 86_400_000;
const usesIds = (c: FieldComparison): boolean => c.kind === 'token-jaccard' || c.kind === 'tfidf-tokens' || c.kind === 'tfidf-qgrams';

export function columnValues(table: FusionTable, name: string): CellValue[] {
  const column = table.columns.find((c) => c.name === name);
  if (!column) {
    throw new AppError('input-malformed', `Table "${table.name}" has no column "${name}". Pick another column to compare.`, { table: table.name, column: name });
  }
  return column.values;
}

function featuresOf(text: string, comparison: FieldComparison): string[] {
  return comparison.kind === 'tfidf-qgrams' ? qgramsOf(text, 3) : tokensOf(text);
}

function numberOf(value: CellValue, comparison: FieldComparison): number {
  if (value === null) return NaN;
  if (comparison.kind === 'date') {
    const parsed = parseDate(value, { dayFirst: false, epoch: true });
    return parsed ? Math.floor(parsed.ms / msPerDay) : NaN;
  }
  if (typeof value === 'number') return value;
  return parseNumberCell(value)?.value ?? NaN;
}

export function emptyStatistics(): FieldStatistics {
  return { vocabulary: new Map(), documentFrequency: [], documents: 0, valueShare: new Map(), valueIds: new Map(), words: new Map() };
}

/**
 * Prepares one field of one side. With `countInto`, the rows are the indexed side and their
 * counts go into the statistics; otherwise the statistics are only read (and new ids added).
 */
export function prepareField(
  values: readonly CellValue[],
  comparison: FieldComparison,
  stats: FieldStatistics,
  countInto: boolean,
  embeddings: Float32Array[] | undefined,
): PreparedField {
  const n = values.length;
  let text = values.map((v) => (comparison.kind === 'embedding' ? null : normaliseValue(v, comparison.normaliser)));
  const tfidf = comparison.kind === 'tfidf-tokens' || comparison.kind === 'tfidf-qgrams';
  if (tfidf && countInto) {
    for (const t of text) if (t !== null) for (const w of wordsAndPairs(t)) stats.words.set(w, (stats.words.get(w) ?? 0) + 1);
  } else if (tfidf && stats.words.size > 0) {
    const index = wordIndex(stats.words);
    text = text.map((t) => (t === null ? null : expandAbbreviations(t, index)));
  }
  const numeric = comparison.kind === 'numeric' || comparison.kind === 'date';
  const numbers = numeric ? Float64Array.from(values, (v) => numberOf(v, comparison)) : null;
  if (countInto) {
    const counts = new Map<string, number>();
    for (const t of text) if (t !== null) counts.set(t, (counts.get(t) ?? 0) + 1);
    for (const [value, count] of counts) stats.valueShare.set(value, count / n);
  }
  let ids: Int32Array[] | null = null;
  if (usesIds(comparison)) {
    ids = text.map((t) => {
      if (t === null) return new Int32Array(0);
      const row = new Set<number>();
      for (const feature of featuresOf(t, comparison)) {
        let id = stats.vocabulary.get(feature);
        if (id === undefined) {
          id = stats.vocabulary.size;
          stats.vocabulary.set(feature, id);
          stats.documentFrequency.push(0);
        }
        row.add(id);
      }
      const sorted = Int32Array.from(row).sort();
      if (countInto) for (const id of sorted) stats.documentFrequency[id]!++;
      return sorted;
    });
    if (countInto) stats.documents += n;
  }
  const weights = ids && comparison.kind !== 'token-jaccard' ? ids.map((row) => tfidfWeights(row, stats)) : null;
  const rowEmbeddings = comparison.kind === 'embedding' ? Array.from({ length: n }, (_, i) => embeddings?.[i]) : null;
  const valueShare = countInto && comparison.termFrequency ? Float32Array.from(text, (t) => (t === null ? 0 : stats.valueShare.get(t) ?? 0)) : null;
  const codes = Int32Array.from(text, (t) => {
    if (t === null) return -1;
    let id = stats.valueIds.get(t);
    if (id === undefined) stats.valueIds.set(t, (id = stats.valueIds.size));
    return id;
  });
  return { text, codes, numbers, ids, weights, embeddings: rowEmbeddings, valueShare };
}

/** Smoothed IDF weights (each feature once per row), scaled to unit length. */
function tfidfWeights(ids: Int32Array, stats: FieldStatistics): Float32Array {
  const out = new Float32Array(ids.length);
  let norm = 0;
  for (let k = 0; k < ids.length; k++) {
    const df = stats.documentFrequency[ids[k]!] ?? 0;
    const w = Math.log((stats.documents + 1) / (df + 1)) + 1;
    out[k] = w;
    norm += w * w;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let k = 0; k < out.length; k++) out[k]! *= scale;
  return out;
}
