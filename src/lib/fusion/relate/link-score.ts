// One number per suggested link, so suggestions can be ranked and cut. Values carry it: the
// share of `from` found in `to`, of which the part chance could explain (plain numbers inside
// a dense range of ids) counts only as far as names and roles agree, discounted when `from`
// has few distinct values (five values fit anywhere). Names, roles and types then scale it
// between half and full weight: they rank links, they cannot make one the values do not allow.
import type { Cardinality, KeyMatch } from '../types';

export interface LinkMeasures {
  containment: number;
  /** Containment expected by coincidence, 0..1. */
  chance: number;
  keyMatch: KeyMatch;
  /** Distinct values of the `from` column. */
  fromDistinct: number;
  /** Uniqueness and missing share of the `to` column. */
  toUniqueness: number;
  toNullRate: number;
  nameSimilarity: number;
  roleCompatibility: number;
  typeCompatibility: number;
}

/** A column this unique counts as unique for cardinality: a few duplicate rows don't make n:m. */
export const uniqueShare = 0.98;

/** Distinct `from` values at which their number stops being a discount. */
const plentyDistinct = 50;

/** Normalised and fuzzy links are likelier to be wrong than links as written. */
const matchWeight: Readonly<Record<KeyMatch, number>> = { exact: 1, normalised: 0.95, fuzzy: 0.9 };

/** 0..1, see the file header. */
export function linkScore(m: LinkMeasures): number {
  // Sequential integer keys look like coincidence by value alone; `customer_id` -> customers.id
  // is saved by its name, `quantity` -> customers.id is not.
  const agreement = m.nameSimilarity * (0.5 + 0.5 * m.roleCompatibility);
  const values = m.containment * (1 - m.chance + m.chance * agreement);
  const plenty = Math.min(1, 0.5 + (0.5 * Math.log10(Math.max(1, m.fromDistinct))) / Math.log10(plentyDistinct));
  const meta = 0.45 * m.nameSimilarity + 0.35 * m.roleCompatibility + 0.2 * m.typeCompatibility;
  const keyness = Math.min(1, m.toUniqueness) * (1 - m.toNullRate / 2);
  return values * plenty * (0.5 + 0.5 * meta) * keyness * matchWeight[m.keyMatch];
}

/** Read left to right from the uniqueness of each side: `n:1` when `to` is unique and `from` repeats. */
export function cardinalityOf(fromUniqueness: number, toUniqueness: number): Cardinality {
  const fromUnique = fromUniqueness >= uniqueShare;
  const toUnique = toUniqueness >= uniqueShare;
  if (fromUnique && toUnique) return '1:1';
  if (toUnique) return 'n:1';
  if (fromUnique) return '1:n';
  return 'n:m';
}
