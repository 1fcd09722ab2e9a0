// What discovery knows about one column as a join key: how unique and how complete it is,
// whether its values are ids (and with which prefix), and two MinHash sketches of its distinct
// values, as written and normalised. One pass hashes every value into a typed array; nothing
// is allocated per value.
import type { InferredType, Role } from '../../profile';
import type { FusionColumn, FusionTable } from '../types';
import { cellKeyText, detectIdPrefix, idNumber, keyHash, type KeyForm } from './key-text';
import { minHashSketch, type MinHashSketch } from './min-hash';
import type { RelateOptions } from './options';

export interface ColumnKeyStats {
  table: string;
  column: string;
  type: InferredType;
  role: Role;
  rowCount: number;
  /** Cells that are not missing or blank. */
  nonNull: number;
  nullRate: number;
  /** Lower-case id prefix ('' for plain digits), null when the column is not id-like. */
  idPrefix: string | null;
  /** Share of non-missing values that are plain digit strings or whole numbers. */
  digitsShare: number;
  /** Smallest and largest number carried by the column's ids; null when not id-like. */
  idRange: { min: number; max: number } | null;
  /** Distinct values as written. */
  raw: MinHashSketch;
  /** Distinct values after trimming, case-folding and, for ids, dropping prefix and zeros. */
  normalised: MinHashSketch;
  /** Distinct normalised values per non-missing cell: 1 for a key. */
  uniqueness: number;
  /** Mean words per value over the first values: names and titles are short, prose is long. */
  meanWords: number;
}

/** Types whose values can be join keys; measures, dates and flags cannot. */
export const keyTypes: readonly InferredType[] = ['identifier', 'integer', 'text', 'categorical', 'email', 'phone', 'url'];

const wordSampleSize = 500;

export function formOf(stats: Pick<ColumnKeyStats, 'idPrefix'>, normalised: boolean): KeyForm {
  return { normalised, idPrefix: stats.idPrefix };
}

/** Hashes every value of `column` in both forms and sketches the distinct ones. */
export function columnKeyStats(
  table: Pick<FusionTable, 'name' | 'rowCount'>,
  column: FusionColumn,
  options: Pick<RelateOptions, 'exactLimit' | 'sketchSize'>,
): ColumnKeyStats {
  const { values } = column;
  const idPrefix = detectIdPrefix(values);
  const rawForm: KeyForm = { normalised: false, idPrefix };
  const normForm: KeyForm = { normalised: true, idPrefix };
  const rawHashes = new Uint32Array(values.length);
  const normHashes = new Uint32Array(values.length);
  let nonNull = 0;
  let plainDigits = 0;
  let min = Infinity;
  let max = -Infinity;
  let words = 0;
  let wordValues = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] ?? null;
    const raw = keyHash(value, rawForm);
    if (raw < 0) continue;
    rawHashes[nonNull] = raw;
    normHashes[nonNull] = keyHash(value, normForm);
    nonNull++;
    const text = typeof value === 'string' ? value : null;
    if (typeof value === 'number' ? Number.isInteger(value) && value >= 0 : text !== null && !Number.isNaN(idNumber(text, true))) plainDigits++;
    if (idPrefix !== null) {
      const n = typeof value === 'number' ? value : idNumber(cellKeyText(value) ?? '');
      if (n < min) min = n;
      if (n > max) max = n;
    }
    if (text !== null && wordValues < wordSampleSize) {
      words += countWords(text);
      wordValues++;
    }
  }
  const raw = minHashSketch(rawHashes.subarray(0, nonNull), options.sketchSize, options.exactLimit);
  const normalised = minHashSketch(normHashes.subarray(0, nonNull), options.sketchSize, options.exactLimit);
  return {
    table: table.name,
    column: column.name,
    type: column.type,
    role: column.role,
    rowCount: table.rowCount,
    nonNull,
    nullRate: table.rowCount === 0 ? 1 : 1 - nonNull / table.rowCount,
    idPrefix,
    digitsShare: nonNull === 0 ? 0 : plainDigits / nonNull,
    idRange: idPrefix !== null && min <= max ? { min, max } : null,
    raw,
    normalised,
    uniqueness: nonNull === 0 ? 0 : normalised.distinct / nonNull,
    meanWords: wordValues === 0 ? 0 : words / wordValues,
  };
}

function countWords(text: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = text.charCodeAt(i) <= 32;
    if (!space && !inWord) count++;
    inWord = !space;
  }
  return count;
}

/**
 * A candidate key: near-unique, mostly filled, of a key type and with enough distinct values
 * that containing another column in it means something. Only these are offered as `to`.
 */
export function isKeyLike(
  stats: ColumnKeyStats,
  options: Pick<RelateOptions, 'minKeyUniqueness' | 'maxKeyNullRate' | 'minKeyDistinct'>,
): boolean {
  return keyTypes.includes(stats.type)
    && stats.uniqueness >= options.minKeyUniqueness
    && stats.nullRate <= options.maxKeyNullRate
    && stats.normalised.distinct >= options.minKeyDistinct;
}
