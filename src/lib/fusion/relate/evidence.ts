// What the UI shows under a suggested link: a few value pairs as written in each file, and
// plain sentences that say why ("97% of orders.csv/CustomerID values appear in
// customers.csv/customer_id after ignoring case, id prefix and leading zeros").
import type { Role } from '../../profile';
import type { Cardinality, FusionColumn, KeyMatch } from '../types';
import type { ColumnKeyStats } from './column-key-stats';
import { formOf } from './column-key-stats';
import { cellKeyText, keyHash } from './key-text';
import { uniqueShare } from './link-score';
import { sketchHolds } from './min-hash';

export interface ExamplePair {
  from: string;
  to: string;
}

/** Rows of `from` read when looking for examples; the first matches are as good as any. */
const exampleScanRows = 20_000;
/** Candidate `from` values kept, so that the chosen few can show different spellings. */
const exampleCandidates = 50;

/**
 * Up to `max` pairs of values that matched, as written. For normalised links, pairs whose
 * spellings differ come first: they show what normalising did (`12` ~ `C-00012`).
 */
export function keyExamples(
  fromColumn: FusionColumn,
  toColumn: FusionColumn,
  from: ColumnKeyStats,
  to: ColumnKeyStats,
  keyMatch: Exclude<KeyMatch, 'fuzzy'>,
  max: number,
): ExamplePair[] {
  const normalised = keyMatch === 'normalised';
  const fromForm = formOf(from, normalised);
  const toForm = formOf(to, normalised);
  const target = normalised ? to.normalised : to.raw;
  const candidates: { hash: number; text: string }[] = [];
  const seenTexts = new Set<string>();
  const rows = Math.min(fromColumn.values.length, exampleScanRows);
  for (let i = 0; i < rows && candidates.length < exampleCandidates; i++) {
    const value = fromColumn.values[i] ?? null;
    const hash = keyHash(value, fromForm);
    if (hash < 0 || sketchHolds(target, hash) !== true) continue;
    const text = cellKeyText(value)!;
    if (seenTexts.has(text)) continue;
    seenTexts.add(text);
    candidates.push({ hash, text });
  }
  const wanted = new Set(candidates.map((c) => c.hash));
  const toText = new Map<number, string>();
  for (let i = 0; i < toColumn.values.length && toText.size < wanted.size; i++) {
    const value = toColumn.values[i] ?? null;
    const hash = keyHash(value, toForm);
    if (wanted.has(hash) && !toText.has(hash)) toText.set(hash, cellKeyText(value)!);
  }
  const pairs = candidates.flatMap((c) => {
    const match = toText.get(c.hash);
    return match === undefined ? [] : [{ from: c.text, to: match }];
  });
  if (normalised) pairs.sort((a, b) => Number(a.from === a.to) - Number(b.from === b.to));
  return pairs.slice(0, max);
}

const count = (n: number): string => Math.round(n).toLocaleString('en-US');

/** Whole percent, rounded down below 100 so that 99.6% never reads as "all". */
export function percent(share: number): string {
  return share >= 1 ? '100%' : `${Math.floor(share * 100)}%`;
}

const roleLabels: Partial<Record<Role, string>> = {
  'customer-id': 'customer ids', 'product-id': 'product ids', 'order-id': 'order ids', title: 'titles', name: 'names',
  email: 'email addresses', category: 'categories', country: 'countries', city: 'cities',
};

export interface EvidenceInput {
  from: ColumnKeyStats;
  to: ColumnKeyStats;
  keyMatch: KeyMatch;
  containment: number;
  reverseContainment: number;
  /** Containment as written (fuzzy links: after normalising); shows what the looser match added. */
  rawContainment: number;
  cardinality: Cardinality;
  /** Values the containment rests on, and whether it is exact or a sketch's estimate. */
  samples: number;
  exact: boolean;
  chance: number;
  nameSimilarity: number;
  fuzzyMinSimilarity: number;
}

const refText = (s: ColumnKeyStats): string => `${s.table}/${s.column}`;

function containmentSentence(e: EvidenceInput): string {
  const share = `${percent(e.containment)} of ${refText(e.from)} values`;
  if (e.keyMatch === 'fuzzy') {
    return `${share} have a close match in ${refText(e.to)} by word similarity (at least ${e.fuzzyMinSimilarity}, ${count(e.samples)} values compared); ${e.rawContainment > 0 ? `only ${percent(e.rawContainment)}` : 'none'} match exactly, even ignoring case.`;
  }
  const estimate = e.exact ? '' : ` (estimated from ${count(e.samples)} sampled values)`;
  if (e.keyMatch === 'exact') return `${share} appear in ${refText(e.to)} as written${estimate}.`;
  const how = e.from.idPrefix !== null || e.to.idPrefix !== null ? 'case, id prefixes and leading zeros' : 'case and spacing';
  return `${share} appear in ${refText(e.to)} after ignoring ${how}${estimate}; ${percent(e.rawContainment)} as written.`;
}

function uniquenessText(s: ColumnKeyStats): string {
  const distinct = s.normalised.distinct;
  const blank = s.nullRate > 0 ? `, ${percent(s.nullRate)} blank` : '';
  if (distinct >= s.nonNull) return `${refText(s)} is unique (${count(distinct)} values${blank})`;
  if (s.uniqueness >= uniqueShare) return `${refText(s)} is nearly unique (${count(distinct)} distinct values in ${count(s.nonNull)} filled rows)`;
  return `${refText(s)} repeats (${count(distinct)} distinct values in ${count(s.nonNull)} filled rows)`;
}

function cardinalitySentence(e: EvidenceInput): string {
  const reading: Record<Cardinality, string> = {
    '1:1': 'one row on each side',
    'n:1': `many ${e.from.table} rows point at one ${e.to.table} row`,
    '1:n': `one ${e.from.table} row points at many ${e.to.table} rows`,
    'n:m': 'neither side is unique, so rows pair up many to many',
  };
  return `${uniquenessText(e.to)}; ${uniquenessText(e.from)}: ${reading[e.cardinality]}.`;
}

/** Sentences for the UI, strongest evidence first. */
export function evidenceSentences(e: EvidenceInput): string[] {
  const sentences = [containmentSentence(e)];
  sentences.push(`${percent(e.reverseContainment)} of ${refText(e.to)} values are used by ${refText(e.from)}.`);
  sentences.push(cardinalitySentence(e));
  if (e.nameSimilarity >= 0.5) sentences.push(`The names agree: ${e.from.column} and ${refText(e.to)}.`);
  const label = roleLabels[e.from.role];
  if (e.from.role === e.to.role && label) sentences.push(`Both columns hold ${label}.`);
  if (e.chance >= 0.05) {
    sentences.push(`Both hold plain numbers in overlapping ranges, so about ${percent(e.chance)} would match by coincidence.`);
  }
  return sentences;
}
