// A first guess at what to compare, from the roles and types ingest inferred: names by
// Jaro-Winkler with term frequencies, e-mails (with term frequencies) and phones exactly (after normalising), cities and
// countries exactly, titles by TF-IDF over character trigrams, prices by closeness, dates by
// distance, categories and flags exactly; the sizes and counts inside a title exactly too. In link mode columns pair up by role first, then by equal names. The user edits it.
import type { FusionColumn, FusionTable } from '../types';
import { comparison } from './settings';
import type { BlockingRule, FieldComparison } from './types';

function comparisonsFor(left: FusionColumn, right: FusionColumn): FieldComparison[] {
  const c = comparisonFor(left, right);
  if (!c) return [];
  // Look-alike products differ in size ("Filters Size 02 x50" / "... x200"): compare the numbers
  // of a title on their own, so a title's one differing word is not drowned by the rest.
  // A typo in a size ("1500gr" for 150g, "x02" for x20) stays close by Jaro-Winkler; another size
  // ("x10" / "x20", 0.82) does not.
  if (left.role === 'title') {
    return [c, comparison({ left: left.name, right: right.name, name: `${c.name} numbers`, kind: 'jaro-winkler', normaliser: 'quantity', thresholds: [0.9], termFrequency: true })];
  }
  return [c];
}

function comparisonFor(left: FusionColumn, right: FusionColumn): FieldComparison | null {
  const base = { name: left.name === right.name ? left.name : `${left.name}~${right.name}`, left: left.name, right: right.name };
  // Full names share long prefixes ("Daniel Brown" / "Daniel Wagner" is 0.88), so the levels sit high.
  if (left.role === 'name') return comparison({ ...base, kind: 'jaro-winkler', normaliser: 'name', thresholds: [0.96, 0.92, 0.85], termFrequency: true });
  // A near-miss e-mail is usually someone else's at the same provider, so only exact agreement counts.
  if (left.type === 'email' || left.role === 'email') return comparison({ ...base, kind: 'exact', normaliser: 'email', termFrequency: true });
  if (left.type === 'phone') return comparison({ ...base, kind: 'exact', normaliser: 'phone' });
  if (left.role === 'city') return comparison({ ...base, kind: 'exact', normaliser: 'name', termFrequency: true });
  if (left.role === 'country') return comparison({ ...base, kind: 'exact', normaliser: 'country', termFrequency: true });
  if (left.role === 'title') return comparison({ ...base, kind: 'tfidf-qgrams', normaliser: 'text' });
  if (left.role === 'price') return comparison({ ...base, kind: 'numeric', scale: 0.5 });
  // Few values, so agreement says little, but a customer who changes segment or opt-in between
  // two sign-ups is rare: disagreement counts.
  if (left.type === 'boolean') return comparison({ ...base, kind: 'exact', normaliser: 'boolean' });
  if (left.role === 'category' && left.type === 'categorical') return comparison({ ...base, kind: 'exact', normaliser: 'name' });
  if (left.role === 'event-time' && (left.type === 'date' || left.type === 'datetime')) return comparison({ ...base, kind: 'date', scale: 365 });
  return null;
}

/** Columns of `right` that fit `left`: same role (not 'none'), else same name. */
function partner(left: FusionColumn, right: FusionTable, used: ReadonlySet<string>): FusionColumn | undefined {
  const free = right.columns.filter((c) => !used.has(c.name));
  return (left.role !== 'none' ? free.find((c) => c.role === left.role) : undefined)
    ?? free.find((c) => c.name.toLowerCase() === left.name.toLowerCase());
}

export function chooseComparisons(left: FusionTable, right: FusionTable | null): FieldComparison[] {
  const out: FieldComparison[] = [];
  const used = new Set<string>();
  for (const column of left.columns) {
    const other = right === null ? column : partner(column, right, used);
    if (!other) continue;
    const found = comparisonsFor(column, other);
    if (found.length === 0) continue;
    used.add(other.name);
    out.push(...found);
  }
  return out;
}

/** Blocking over the chosen fields: tokens and trigrams of names and titles, exact e-mail and
 *  phone, a sorted neighbourhood over the first name-like field. Blocks grow with the table. */
export function chooseBlocking(comparisons: readonly FieldComparison[], rows: number): BlockingRule[] {
  const maxBlockSize = Math.min(1000, Math.max(50, Math.round(Math.sqrt(rows) * 3)));
  const rules: BlockingRule[] = [];
  const texty = comparisons.filter((c) => c.kind === 'jaro-winkler' && c.normaliser === 'name' || c.kind.startsWith('tfidf') || c.kind === 'token-jaccard');
  for (const c of texty) {
    rules.push({ kind: 'token', field: c.name, maxBlockSize });
    if (rows <= 20_000) rules.push({ kind: 'qgram', field: c.name, q: 3, maxBlockSize });
  }
  for (const c of comparisons) {
    if (c.normaliser === 'email' || c.normaliser === 'phone') rules.push({ kind: 'exact', fields: [c.name], maxBlockSize });
  }
  const first = texty[0];
  if (first) rules.push({ kind: 'sorted-neighbourhood', field: first.name, window: 5 });
  if (comparisons.some((c) => c.kind === 'embedding')) rules.push({ kind: 'lsh', bands: 16, bitsPerBand: 12, maxBlockSize, seed: 7 });
  return rules;
}
