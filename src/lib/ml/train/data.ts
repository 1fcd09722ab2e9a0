import * as tf from '@tensorflow/tfjs-core';
import { AppError } from '../../errors';
import type { FusionTable } from '../../fusion/types';
import type { EncoderInputs } from '../models';
import type { Rng } from './rng';

// Data for training, nanoGPT's get_batch in spirit: examples are plain token lists (plus a
// target), a batch is drawn at random with the run's seeded Rng, and padded only to its own
// longest sequence (at most maxLength).

/** One text as token ids, with what the head should predict (class index or number). */
export interface Example {
  tokens: number[];
  target: number;
}

/** Two texts and whether they match (1) or not (0), for pair heads. */
export interface PairExample {
  left: number[];
  right: number[];
  target: number;
}

/** A seeded split: `fraction` of the items (at least one, when there are two or more) for validation. */
export function splitValidation<T>(items: readonly T[], fraction: number, rng: Rng): { train: T[]; val: T[] } {
  if (!(fraction >= 0 && fraction < 1)) throw new AppError('input-malformed', `The validation fraction must be in [0, 1); got ${fraction}.`, { fraction });
  const shuffled = rng.shuffle(items);
  const count = fraction === 0 || items.length < 2 ? 0 : Math.max(1, Math.round(items.length * fraction));
  return { val: shuffled.slice(0, count), train: shuffled.slice(count) };
}

/** `size` items drawn uniformly (with replacement) with `rng`. */
export function nextBatch<T>(items: readonly T[], size: number, rng: Rng): T[] {
  if (items.length === 0) throw new AppError('input-malformed', 'There are no training examples.');
  return Array.from({ length: size }, () => items[rng.int(items.length)] as T);
}

/** Consecutive slices of at most `size`, for evaluation in a fixed order. */
export function inOrder<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Token lists, cut at maxLength and padded to the batch's longest: ids int32 [B, T], mask [B, T]. */
export function padBatch(tokens: readonly (readonly number[])[], maxLength: number, padId = 0): EncoderInputs {
  const B = tokens.length;
  const T = Math.max(1, Math.min(maxLength, Math.max(0, ...tokens.map((t) => t.length))));
  const ids = new Int32Array(B * T).fill(padId);
  const mask = new Float32Array(B * T);
  tokens.forEach((row, b) => {
    for (let t = 0; t < Math.min(T, row.length); t++) {
      ids[b * T + t] = row[t] as number;
      mask[b * T + t] = 1;
    }
  });
  return { ids: tf.tensor2d(ids, [B, T], 'int32'), mask: tf.tensor2d(mask, [B, T], 'float32') };
}

// ---- texts and labels from a table ----------------------------------------------------------

export interface LabelledTexts {
  texts: string[];
  /** Present when a label column was named: class indices or numbers, one per text. */
  targets: number[];
  task: 'classification' | 'regression' | null;
  /** Class names by index (classification only). */
  classes: string[];
}

const numericTypes = new Set(['integer', 'float', 'decimal']);

/**
 * The non-empty texts of `textColumn` and, when `labelColumn` is given, their labels: numbers for
 * a numeric column with many values (regression), class indices otherwise (classification).
 * Rows with a missing text or label are skipped.
 */
export function labelledTexts(table: FusionTable, textColumn: string, labelColumn?: string): LabelledTexts {
  const column = (name: string) => {
    const found = table.columns.find((c) => c.name === name);
    if (!found) throw new AppError('input-malformed', `The table ${table.name} has no column "${name}"; it has ${table.columns.map((c) => c.name).join(', ')}.`, { column: name });
    return found;
  };
  const text = column(textColumn);
  const label = labelColumn === undefined ? null : column(labelColumn);
  const rows = text.values.flatMap((v, i) => (v === null || String(v).trim() === '' || (label && label.values[i] === null) ? [] : [i]));
  const texts = rows.map((i) => String(text.values[i]));
  if (!label) return { texts, targets: [], task: null, classes: [] };
  const raw = rows.map((i) => label.values[i]);
  const distinct = [...new Set(raw.map(String))].sort();
  const regression = numericTypes.has(label.type) && distinct.length > 20 && raw.every((v) => Number.isFinite(Number(v)));
  if (regression) return { texts, targets: raw.map(Number), task: 'regression', classes: [] };
  const index = new Map(distinct.map((name, i) => [name, i]));
  return { texts, targets: raw.map((v) => index.get(String(v)) as number), task: 'classification', classes: distinct };
}

export interface TaskExamples {
  examples: Example[];
  /** Regression targets are trained standardised; these turn predictions (and RMSE) back into the label's units. */
  targetMean: number;
  targetStd: number;
}

/** Tokenised texts with their targets, regression targets standardised (mean 0, std 1). */
export function taskExamples(labelled: LabelledTexts, tokens: readonly number[][]): TaskExamples {
  const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
  const regression = labelled.task === 'regression';
  const targetMean = regression ? mean(labelled.targets) : 0;
  const targetStd = regression ? Math.sqrt(mean(labelled.targets.map((t) => (t - targetMean) ** 2))) || 1 : 1;
  const examples = labelled.targets.map((target, i) => ({ tokens: tokens[i] ?? [], target: (target - targetMean) / targetStd }));
  return { examples, targetMean, targetStd };
}
