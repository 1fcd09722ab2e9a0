// How far one column's values lie inside another's, as written and normalised, and how much of
// that overlap chance alone would give. Containment is measured on distinct values (a customer
// who ordered fifty times counts once), from the two columns' sketches.
import type { KeyMatch } from '../types';
import type { ColumnKeyStats } from './column-key-stats';
import { prefixesCompatible } from './key-text';
import { sketchContainment, type MinHashSketch } from './min-hash';

export interface ValueOverlap {
  /** `exact` unless normalising finds more of `from` in `to`. */
  keyMatch: Exclude<KeyMatch, 'fuzzy'>;
  /** Share of `from`'s distinct values found in `to`, in the chosen form. */
  containment: number;
  /** Share of `to`'s distinct values found in `from`. */
  reverseContainment: number;
  /** Containment as written, for the evidence. */
  rawContainment: number;
  /** Hashes the estimate rests on, and whether it is exact (both columns below the sketch limit). */
  samples: number;
  exact: boolean;
  /** Containment that plain numbers would reach by coincidence (see `coincidentContainment`). */
  chance: number;
}

/** Normalising must find at least this much more of `from` to count as needed. */
const normalisingGain = 0.01;

function overlapIn(from: MinHashSketch, to: MinHashSketch): { containment: number; reverse: number; samples: number; exact: boolean } {
  const estimate = sketchContainment(from, to);
  const shared = estimate.containment * from.distinct;
  return { ...estimate, reverse: to.distinct === 0 ? 0 : Math.min(1, shared / to.distinct) };
}

/** Share of plain numbers at which a column's matches rest on numbers alone. */
const plainShare = 0.9;

/**
 * Plain numbers coincide: quantities 1..5 all lie inside customer numbers 1..2000. When the
 * match rests on numbers alone (`from` is plain numbers, or normalising stripped `to`'s prefix
 * to meet plain numbers), the containment expected by chance is the density of `to`'s ids over
 * the part of `from`'s range they share. Ids matched with their prefix (`C-00012` in both) do
 * not coincide this way: chance is 0.
 */
export function coincidentContainment(from: ColumnKeyStats, to: ColumnKeyStats, normalised: boolean): number {
  const numbersOnly = from.digitsShare >= plainShare || (normalised && to.digitsShare >= plainShare);
  if (!numbersOnly || !from.idRange || !to.idRange) return 0;
  const low = Math.max(from.idRange.min, to.idRange.min);
  const high = Math.min(from.idRange.max, to.idRange.max);
  if (high < low) return 0;
  const toDensity = Math.min(1, to.normalised.distinct / (to.idRange.max - to.idRange.min + 1));
  const shared = (high - low + 1) / (from.idRange.max - from.idRange.min + 1);
  return toDensity * shared;
}

/** Overlap of `from` in `to`, as written and (when their id prefixes agree) normalised. */
export function valueOverlap(from: ColumnKeyStats, to: ColumnKeyStats): ValueOverlap {
  const raw = overlapIn(from.raw, to.raw);
  const normalised = prefixesCompatible(from.idPrefix, to.idPrefix) ? overlapIn(from.normalised, to.normalised) : raw;
  const useNormalised = normalised.containment > raw.containment + normalisingGain;
  const chosen = useNormalised ? normalised : raw;
  return {
    keyMatch: useNormalised ? 'normalised' : 'exact',
    containment: chosen.containment,
    reverseContainment: chosen.reverse,
    rawContainment: raw.containment,
    samples: chosen.samples,
    exact: chosen.exact,
    chance: coincidentContainment(from, to, useNormalised),
  };
}
