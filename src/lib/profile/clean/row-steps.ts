// Steps over whole rows: drop or flag rows that repeat an earlier row. Which rows repeat is
// decided beforehand by a DuplicateDetector pass and handed in through `CleanStats`, so a
// batch needs no memory of earlier batches, and the first occurrence always survives.
import { AppError } from '../../errors';
import { filterRows, withNamedColumn } from '../batch';
import { duplicateKey } from '../duplicates';
import { describeStep, type CleanStats, type CleanStep } from './steps';
import type { ColumnBatch } from '../types';

export type RowStep = Extract<CleanStep, { op: 'drop-duplicates' | 'flag-duplicates' }>;

/** Sets built once per stats object and list, not once per batch. */
const setCache = new WeakMap<readonly number[], ReadonlySet<number>>();

function duplicateRows(stats: CleanStats, step: RowStep): ReadonlySet<number> {
  const key = duplicateKey(step.columns);
  const rows = Object.hasOwn(stats.duplicates, key) ? stats.duplicates[key] : undefined;
  if (!rows) {
    throw new AppError('input-malformed', `"${describeStep(step)}" needs a duplicate scan of this source. Run the quality check again, then retry.`);
  }
  let set = setCache.get(rows);
  if (!set) {
    set = new Set(rows);
    setCache.set(rows, set);
  }
  return set;
}

export function applyRowStep(batch: ColumnBatch, step: RowStep, stats: CleanStats): ColumnBatch {
  const repeats = duplicateRows(stats, step);
  if (step.op === 'drop-duplicates') return filterRows(batch, (i) => !repeats.has(batch.rowIndex[i] ?? -1));
  return withNamedColumn(batch, step.flagColumn, Array.from(batch.rowIndex, (row) => repeats.has(row)));
}
