import { AppError } from '../errors';
import type { ColumnProfile } from '../profile';
import type { CellValue } from '../store';

// Class labels for review classification: a label column taken as is, or star ratings mapped to
// classes by ranges the user sees and edits (1-2 negative, 3 neutral, 4-5 positive). The mapping
// is data, so the UI can show it, the CLI can parse it, and a model card can store it.

/** Values from `min` to `max` (both included) get class `label`. */
export interface LabelRule {
  min: number;
  max: number;
  label: string;
}

/** The usual reading of five-star ratings. */
export const starLabelMap: readonly LabelRule[] = [
  { min: 1, max: 2, label: 'negative' },
  { min: 3, max: 3, label: 'neutral' },
  { min: 4, max: 5, label: 'positive' },
];

/** Rows of a label column as class indices. */
export interface Labels {
  /** targets[row]: class index, or −1 when the row has no label (empty, or outside every rule). */
  targets: Int32Array;
  /** Class names by index: the map's order, or the column's values sorted. */
  classes: string[];
  /** Rows with a value that no rule covers (numbers between ranges, text in a rating column). */
  unmapped: number;
}

/**
 * `"1-2:negative,3:neutral,4-5:positive"` -> rules. Ranges are inclusive; a label may appear in
 * several rules (`1:bad,2:bad`). Overlapping ranges are refused: a value would have two classes.
 */
export function parseLabelMap(text: string): LabelRule[] {
  const number = String.raw`-?\d+(?:\.\d+)?`;
  const rulePattern = new RegExp(`^(${number})(?:\\s*-\\s*(${number}))?\\s*:\\s*(.+)$`);
  const rules = text.split(',').map((part) => {
    const match = rulePattern.exec(part.trim());
    if (!match) throw new AppError('input-malformed', `The label map entry "${part.trim()}" is not of the form 1-2:negative or 3:neutral.`, { entry: part.trim() });
    const min = Number(match[1]);
    const max = match[2] === undefined ? min : Number(match[2]);
    if (max < min) throw new AppError('input-malformed', `The label map range ${min}-${max} runs backwards.`, { entry: part.trim() });
    return { min, max, label: (match[3] as string).trim() };
  });
  const sorted = [...rules].sort((a, b) => a.min - b.min);
  for (let i = 1; i < sorted.length; i++) {
    const [a, b] = [sorted[i - 1] as LabelRule, sorted[i] as LabelRule];
    if (b.min <= a.max) throw new AppError('input-malformed', `The label map ranges ${formatLabelMap([a])} and ${formatLabelMap([b])} overlap.`, { label: b.label });
  }
  if (new Set(rules.map((r) => r.label)).size < 2) throw new AppError('input-malformed', 'A label map needs at least two classes.');
  return rules;
}

/** Rules -> the text parseLabelMap reads. */
export function formatLabelMap(rules: readonly LabelRule[]): string {
  return rules.map((r) => `${r.min === r.max ? r.min : `${r.min}-${r.max}`}:${r.label}`).join(',');
}

/**
 * The star map when the column looks like ratings: every value a whole number from 1 to 5
 * (or 1 to 10, mapped as 1-4, 5-6, 7-10), at least three of them distinct. Null otherwise.
 */
export function suggestLabelMap(values: readonly CellValue[]): LabelRule[] | null {
  const present = values.filter((v): v is NonNullable<CellValue> => v !== null && String(v).trim() !== '');
  if (present.length === 0) return null;
  const numbers = present.map(Number);
  if (!numbers.every((x) => Number.isInteger(x) && x >= 1 && x <= 10)) return null;
  const top = Math.max(...numbers);
  if (new Set(numbers).size < 3) return null;
  if (top <= 5) return starLabelMap.map((r) => ({ ...r }));
  return [{ min: 1, max: 4, label: 'negative' }, { min: 5, max: 6, label: 'neutral' }, { min: 7, max: 10, label: 'positive' }];
}

/**
 * suggestLabelMap from a column's profile (its most frequent values and its range), for a form
 * that shows the map before any row is read. Null without a profile: the job then decides on
 * every value.
 */
export function suggestLabelMapOfProfile(profile: Pick<ColumnProfile, 'topValues' | 'numeric'> | null | undefined): LabelRule[] | null {
  if (!profile) return null;
  const range = profile.numeric ? [profile.numeric.min, profile.numeric.max] : [];
  return suggestLabelMap([...profile.topValues.map((v) => v.value), ...range]);
}

/** Compares "2" < "10" as numbers and text as text, so class order reads naturally. */
const natural = new Intl.Collator('en', { numeric: true });

/**
 * The column's rows as class indices: through `rules` when given, else each distinct value a class.
 * A map the column does not fit is refused here, naming `column` and the map: left to run, its
 * classes would look fine (they come from the rules) while no row had one, and training would fail
 * far away with "no training examples". It does not fit when no value falls in a range, or when
 * more values are text than fall in a range (genre names or ham/spam through the star map). Numbers
 * outside every range stay allowed and counted in `unmapped`: `1-2:negative,4-5:positive` leaves
 * the 3s out on purpose.
 */
export function labelsOf(values: readonly CellValue[], rules: readonly LabelRule[] | null, column?: string): Labels {
  const targets = new Int32Array(values.length).fill(-1);
  let unmapped = 0;
  if (rules) {
    const classes = [...new Set(rules.map((r) => r.label))];
    const index = new Map(classes.map((name, i) => [name, i]));
    let [matched, text] = [0, 0];
    values.forEach((value, row) => {
      if (value === null || String(value).trim() === '') return;
      const x = Number(value);
      const rule = rules.find((r) => x >= r.min && x <= r.max);
      if (rule) {
        targets[row] = index.get(rule.label) as number;
        matched++;
      } else {
        unmapped++;
        if (Number.isNaN(x)) text++;
      }
    });
    if (unmapped > 0 && (matched === 0 || text > matched)) throw mapMismatch(column, rules, matched, matched + unmapped);
    return { targets, classes, unmapped };
  }
  const text = values.map((v) => (v === null ? '' : String(v).trim()));
  const classes = [...new Set(text.filter((t) => t !== ''))].sort(natural.compare);
  const index = new Map(classes.map((name, i) => [name, i]));
  text.forEach((t, row) => {
    if (t !== '') targets[row] = index.get(t) as number;
  });
  return { targets, classes, unmapped };
}

/** The error of a label map that does not fit its column, with what to do about it. */
function mapMismatch(column: string | undefined, rules: readonly LabelRule[], matched: number, present: number): AppError {
  const name = column === undefined ? 'the label column' : `"${column}"`;
  const map = formatLabelMap(rules);
  const what = matched === 0
    ? `No value of ${name} matches the label map ${map}`
    : `Only ${matched} of the ${present} values of ${name} match the label map ${map}; most of the others are text`;
  return new AppError('input-malformed', `${what}. Clear the map to learn the column's own values, or edit it to cover them.`, { ...(column !== undefined && { column }), labelMap: map, matched, present });
}

/** Whether `classes` are sentiment (negative, neutral, positive, or some of them), as the star map gives: what to call a model of them. */
export function isSentiment(classes: readonly string[]): boolean {
  const sentiment = new Set(starLabelMap.map((r) => r.label));
  return classes.length >= 2 && classes.every((c) => sentiment.has(c));
}

/** Rows per class, for the report and for class weights. */
export function classCounts(targets: ArrayLike<number>, classCount: number): number[] {
  const counts = new Array<number>(classCount).fill(0);
  for (let i = 0; i < targets.length; i++) {
    const t = targets[i] as number;
    if (t >= 0) counts[t] = (counts[t] as number) + 1;
  }
  return counts;
}
