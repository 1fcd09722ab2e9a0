// What relationship discovery can be told, with the defaults the app uses. One record goes
// whole to every step; overrides name only what differs, and unknown keys are refused.
import { AppError } from '../../errors';

export interface RelateOptions {
  /** Suggestions scoring below this (0..1) are left out. */
  minScore: number;
  /** Least share of the `from` column's distinct values that must be found in `to`. */
  minContainment: number;
  /** Columns with at most this many distinct values are compared exactly; larger ones by sketch. */
  exactLimit: number;
  /** Hashes kept by a column's MinHash sketch once it is past `exactLimit`. */
  sketchSize: number;
  /** A key column's share of distinct values among its non-missing ones. */
  minKeyUniqueness: number;
  /** A key column's largest share of missing cells. */
  maxKeyNullRate: number;
  /** A key column's fewest distinct values: a 5-row lookup table is not worth suggesting. */
  minKeyDistinct: number;
  /** Whether to look for fuzzy links between name and title columns. */
  fuzzy: boolean;
  /** Distinct `from` values matched when testing a fuzzy link. */
  fuzzySampleSize: number;
  /** Similarity (0..1) at which a `from` value counts as having a match in `to`. */
  fuzzyMinSimilarity: number;
  /** Example value pairs per relationship. */
  examples: number;
}

export const defaultRelateOptions: Readonly<RelateOptions> = Object.freeze({
  minScore: 0.5,
  minContainment: 0.6,
  exactLimit: 50_000,
  sketchSize: 2048,
  minKeyUniqueness: 0.95,
  maxKeyNullRate: 0.2,
  minKeyDistinct: 10,
  fuzzy: true,
  fuzzySampleSize: 200,
  fuzzyMinSimilarity: 0.6,
  examples: 3,
});

/** Defaults overridden by `overrides`; an unknown key or a non-number where a number belongs throws. */
export function relateOptions(overrides: Partial<RelateOptions> = {}): RelateOptions {
  const options: RelateOptions = { ...defaultRelateOptions };
  for (const [key, value] of Object.entries(overrides)) {
    if (!(key in defaultRelateOptions)) {
      throw new AppError('input-malformed', `Unknown relationship discovery option "${key}". Remove it or check its spelling.`, { key });
    }
    const expected = typeof defaultRelateOptions[key as keyof RelateOptions];
    if (typeof value !== expected || (typeof value === 'number' && !Number.isFinite(value))) {
      throw new AppError('input-malformed', `The relationship discovery option "${key}" must be a ${expected}.`, { key });
    }
    Object.assign(options, { [key]: value });
  }
  return options;
}
