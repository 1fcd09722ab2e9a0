// Settings with defaults, and a shorthand for one comparison. Checked once here, so the loops
// downstream trust them.
import { AppError } from '../../errors';
import type { ComparisonKind, FieldComparison, LinkSettings } from './types';

export const defaultSettings: Omit<LinkSettings, 'comparisons' | 'blocking'> = {
  maxCandidatesPerRow: 50,
  randomPairs: 50_000,
  emIterations: 40,
  threshold: 0.5,
  maxClusterSize: 20,
  seed: 1,
};

/** Typical cut-offs per kind (similarity >= each), strongest first. */
const defaultThresholds: Readonly<Record<ComparisonKind, number[]>> = {
  exact: [],
  'jaro-winkler': [0.92, 0.8],
  'token-jaccard': [0.8, 0.5, 0.3],
  'tfidf-tokens': [0.8, 0.6, 0.4],
  'tfidf-qgrams': [0.85, 0.7, 0.55, 0.4],
  numeric: [0.95, 0.8],
  date: [0.97, 0.75],
  embedding: [0.95, 0.85, 0.7],
};

/** A comparison with the defaults of its kind; `left` names the column on both sides unless `right` is given. */
export function comparison(
  spec: Pick<FieldComparison, 'left' | 'kind'> & Partial<FieldComparison>,
): FieldComparison {
  const kind = spec.kind;
  return {
    name: spec.name ?? spec.left,
    left: spec.left,
    right: spec.right ?? spec.left,
    kind,
    normaliser: spec.normaliser ?? (kind === 'numeric' || kind === 'date' ? 'none' : 'text'),
    thresholds: spec.thresholds ?? defaultThresholds[kind],
    termFrequency: spec.termFrequency ?? false,
    scale: spec.scale ?? (kind === 'date' ? 365 : 0.5),
  };
}

export function linkSettings(spec: Pick<LinkSettings, 'comparisons' | 'blocking'> & Partial<LinkSettings>): LinkSettings {
  const settings: LinkSettings = { ...defaultSettings, ...spec };
  const names = new Set<string>();
  for (const c of settings.comparisons) {
    if (names.has(c.name)) throw new AppError('input-malformed', `Two comparisons are both called "${c.name}". Give each a name of its own.`, { field: c.name });
    names.add(c.name);
    if (c.thresholds.some((t, k) => t <= 0 || t > 1 || (k > 0 && t >= c.thresholds[k - 1]!))) {
      throw new AppError('input-malformed', `The thresholds of "${c.name}" must fall from 1 towards 0.`, { field: c.name });
    }
    if (c.thresholds.length > 8) throw new AppError('input-malformed', `"${c.name}" has more than 8 levels; use fewer thresholds.`, { field: c.name });
  }
  if (settings.comparisons.length === 0) throw new AppError('input-malformed', 'Choose at least one pair of columns to compare.');
  if (settings.blocking.length === 0) throw new AppError('input-malformed', 'Choose at least one blocking rule, or every row would be compared with every other.');
  return settings;
}
