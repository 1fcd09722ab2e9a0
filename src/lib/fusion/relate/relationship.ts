// Measures one ordered pair of columns and writes it up as a Relationship: overlap (by key or,
// for names and titles, by similarity), cardinality, score, examples and evidence. Discovery
// calls it for every candidate pair; `describeRelationship` for a pair the user picked.
import type { ColumnRef, FusionColumn, KeyMatch, Relationship, RelationshipStatus } from '../types';
import type { ColumnKeyStats } from './column-key-stats';
import { evidenceSentences, keyExamples, type ExamplePair } from './evidence';
import { distinctTexts, fuzzyContainment, fuzzyMaxKeys, hashSample } from './fuzzy-match';
import { cardinalityOf, linkScore } from './link-score';
import { nameSimilarity, roleCompatibility, typeCompatibility } from './name-similarity';
import type { RelateOptions } from './options';
import { valueOverlap, type ValueOverlap } from './value-overlap';

/** A column with its key statistics. */
export interface KeyColumn {
  column: FusionColumn;
  stats: ColumnKeyStats;
}

export function relationshipId(from: ColumnRef, to: ColumnRef): string {
  return `${from.table}/${from.column} -> ${to.table}/${to.column}`;
}

const refOf = (s: ColumnKeyStats): ColumnRef => ({ table: s.table, column: s.column });

/** A value overlap, or a fuzzy one, with example pairs for the evidence. */
interface Measured extends Omit<ValueOverlap, 'keyMatch'> {
  keyMatch: KeyMatch;
  examples: ExamplePair[];
}

function writeUp(from: ColumnKeyStats, to: ColumnKeyStats, m: Measured, options: RelateOptions, status: RelationshipStatus): Relationship {
  const names = nameSimilarity(from.column, to.table, to.column);
  const cardinality = cardinalityOf(from.uniqueness, to.uniqueness);
  const score = linkScore({
    containment: m.containment,
    chance: m.chance,
    keyMatch: m.keyMatch,
    fromDistinct: from.normalised.distinct,
    toUniqueness: to.uniqueness,
    toNullRate: to.nullRate,
    nameSimilarity: names,
    roleCompatibility: roleCompatibility(from.role, to.role),
    typeCompatibility: typeCompatibility(from.type, to.type),
  });
  return {
    id: relationshipId(refOf(from), refOf(to)),
    from: refOf(from),
    to: refOf(to),
    containment: round(m.containment),
    reverseContainment: round(m.reverseContainment),
    cardinality,
    keyMatch: m.keyMatch,
    score: round(score),
    examples: m.examples,
    evidence: evidenceSentences({ ...m, from, to, cardinality, nameSimilarity: names, fuzzyMinSimilarity: options.fuzzyMinSimilarity }),
    status,
  };
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

/** The pair linked by key values, as written or normalised. */
export function keyRelationship(from: KeyColumn, to: KeyColumn, options: RelateOptions, status: RelationshipStatus = 'suggested'): Relationship {
  const overlap = valueOverlap(from.stats, to.stats);
  const examples = overlap.containment > 0
    ? keyExamples(from.column, to.column, from.stats, to.stats, overlap.keyMatch, options.examples)
    : [];
  return writeUp(from.stats, to.stats, { ...overlap, examples }, options, status);
}

/** Whether a column can hold names or titles worth matching fuzzily: short, unique-ish text. */
export function isFuzzyCandidate(stats: ColumnKeyStats, options: Pick<RelateOptions, 'minKeyDistinct'>): boolean {
  return stats.type === 'text'
    && stats.uniqueness >= 0.9
    && stats.meanWords >= 1.5 && stats.meanWords <= 12
    && stats.normalised.distinct >= options.minKeyDistinct
    && stats.normalised.distinct <= fuzzyMaxKeys;
}

/** The pair linked by text similarity (a sample of `from` matched against all of `to`). */
export function fuzzyRelationship(from: KeyColumn, to: KeyColumn, options: RelateOptions, status: RelationshipStatus = 'suggested'): Relationship {
  const fromTexts = distinctTexts(from.column.values);
  const sample = hashSample(fromTexts, options.fuzzySampleSize);
  const toTexts = distinctTexts(to.column.values, fuzzyMaxKeys);
  const fuzzy = fuzzyContainment(sample, toTexts, options.fuzzyMinSimilarity, fromTexts.length);
  const overlap = valueOverlap(from.stats, to.stats);
  return writeUp(from.stats, to.stats, {
    keyMatch: 'fuzzy',
    containment: fuzzy.containment,
    reverseContainment: fuzzy.reverseContainment,
    rawContainment: overlap.containment,
    samples: fuzzy.samples,
    exact: false,
    chance: 0,
    examples: fuzzy.matches.slice(0, options.examples).map(({ from, to }) => ({ from, to })),
  }, options, status);
}
