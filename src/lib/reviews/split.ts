import { AppError } from '../errors';
import { Rng } from '../ml/train';
import type { CellValue } from '../store';

// Which rows train and which are held out. Either the data says so (a split column with values
// like train / test / validation), or a seeded stratified draw: every class keeps its share in
// both parts, so a rare class is never missing from the test set by bad luck.

/** Row indices of each part, ascending. Validation is taken from the training rows (early stopping). */
export interface Split {
  train: Int32Array;
  validation: Int32Array;
  test: Int32Array;
}

export const splitParts = ['train', 'validation', 'test'] as const;
export type SplitPart = (typeof splitParts)[number];

/** Words a split column uses for each part (lower-cased, trimmed). */
const partWords: Record<SplitPart, readonly string[]> = {
  train: ['train', 'training', 'trn', 'fit'],
  validation: ['validation', 'valid', 'val', 'dev', 'development'],
  test: ['test', 'testing', 'tst', 'holdout', 'heldout', 'held-out', 'held out', 'eval', 'evaluation'],
};
const partOfWord = new Map(splitParts.flatMap((part) => partWords[part].map((word) => [word, part] as const)));

/** The labelled rows (target ≥ 0) of each class, in row order. */
function rowsByClass(targets: ArrayLike<number>, rows: ArrayLike<number>): Map<number, number[]> {
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as number;
    const t = targets[row] as number;
    if (t < 0) continue;
    const list = byClass.get(t);
    if (list) list.push(row);
    else byClass.set(t, [row]);
  }
  return byClass;
}

const ascending = (rows: number[]) => Int32Array.from(rows).sort();

/**
 * Splits `rows` (default: every row) with a labelled target into `fraction` held out and the
 * rest, per class: round(n·fraction) of each class, at least one when the class has two or more.
 */
export function stratifiedSplit(targets: ArrayLike<number>, fraction: number, seed: number, rows?: ArrayLike<number>): { kept: Int32Array; held: Int32Array } {
  if (!(fraction > 0 && fraction < 1)) throw new AppError('input-malformed', `The held-out fraction must be between 0 and 1; got ${fraction}.`, { fraction });
  const rng = new Rng(seed);
  const kept: number[] = [];
  const held: number[] = [];
  const all = rows ?? Int32Array.from({ length: targets.length }, (_, i) => i);
  for (const [, classRows] of [...rowsByClass(targets, all)].sort((a, b) => a[0] - b[0])) {
    const shuffled = rng.shuffle(classRows);
    const count = classRows.length < 2 ? 0 : Math.min(classRows.length - 1, Math.max(1, Math.round(classRows.length * fraction)));
    held.push(...shuffled.slice(0, count));
    kept.push(...shuffled.slice(count));
  }
  return { kept: ascending(kept), held: ascending(held) };
}

export interface RandomSplitOptions {
  /** Share of labelled rows held out for testing. */
  testFraction: number;
  /** Share of the training rows set aside for validation (early stopping, baseline tuning). */
  validationFraction: number;
  /** At most this many validation rows: every evaluation runs the encoder over all of them. */
  maxValidationRows: number;
  seed: number;
}

export const randomSplitDefaults: RandomSplitOptions = { testFraction: 0.2, validationFraction: 0.1, maxValidationRows: 300, seed: 1 };

/** Validation rows drawn (stratified) from `train`, within the options' fraction and cap. */
export function holdOutValidation(targets: ArrayLike<number>, train: Int32Array, options: Pick<RandomSplitOptions, 'validationFraction' | 'maxValidationRows' | 'seed'>): { train: Int32Array; validation: Int32Array } {
  const fraction = Math.min(options.validationFraction, options.maxValidationRows / Math.max(1, train.length));
  if (fraction <= 0 || train.length < 4) return { train, validation: new Int32Array(0) };
  const { kept, held } = stratifiedSplit(targets, fraction, options.seed ^ 0x9e3779b9, train);
  return { train: kept, validation: held };
}

/** A seeded stratified split of the labelled rows into train, validation and test. */
export function randomSplit(targets: ArrayLike<number>, options: Partial<RandomSplitOptions> = {}): Split {
  const o = { ...randomSplitDefaults, ...options };
  const { kept, held } = stratifiedSplit(targets, o.testFraction, o.seed);
  return { ...holdOutValidation(targets, kept, o), test: held };
}

/**
 * The split a column names: `train` / `test` (and optionally `validation`) rows, in the words of
 * partWords. Rows with an empty split cell or no label are left out. Without validation rows in
 * the column, validation is drawn from the training rows.
 */
export function splitFromColumn(values: readonly CellValue[], targets: ArrayLike<number>, options: Partial<Pick<RandomSplitOptions, 'validationFraction' | 'maxValidationRows' | 'seed'>> = {}): Split {
  const o = { ...randomSplitDefaults, ...options };
  const parts: Record<SplitPart, number[]> = { train: [], validation: [], test: [] };
  const unknown = new Set<string>();
  values.forEach((value, row) => {
    if (value === null || (targets[row] as number) < 0) return;
    const word = String(value).trim().toLowerCase();
    if (word === '') return;
    const part = partOfWord.get(word);
    if (part) parts[part].push(row);
    else unknown.add(String(value));
  });
  if (unknown.size > 0) {
    const shown = [...unknown].slice(0, 5).map((v) => `"${v}"`).join(', ');
    throw new AppError('input-malformed', `The split column holds values other than train, validation and test (${shown}). Rename them, or use a random split.`, { values: shown });
  }
  if (parts.train.length === 0 || parts.test.length === 0) throw new AppError('input-malformed', `The split column needs both train and test rows; it has ${parts.train.length} train and ${parts.test.length} test rows with a label.`);
  const train = ascending(parts.train);
  if (parts.validation.length > 0) return { train, validation: ascending(parts.validation), test: ascending(parts.test) };
  return { ...holdOutValidation(targets, train, o), test: ascending(parts.test) };
}

/** The most of a training cap that early stopping may take. */
const maxValidationShareOfCap = 0.3;

/**
 * A split whose training and validation rows together fit `maxRows` (stratified samples; test
 * untouched). Validation keeps its rows up to 30% of the cap (at least one per class), and the
 * rest of the cap is sampled from train: a small cap once left 3 rows to train on beside 240
 * to stop with.
 */
export function capTrainingRows(split: Split, targets: ArrayLike<number>, maxRows: number, classCount: number): Split {
  if (split.train.length + split.validation.length <= maxRows) return split;
  const sample = (rows: Int32Array, n: number, seed: number) => (n >= rows.length ? rows : stratifiedSplit(targets, Math.max(0.001, n / rows.length), seed, rows).held);
  const validationRows = Math.min(split.validation.length, Math.max(classCount, Math.floor(maxRows * maxValidationShareOfCap)));
  return { ...split, validation: sample(split.validation, validationRows, 8), train: sample(split.train, Math.max(2, maxRows - validationRows), 7) };
}
