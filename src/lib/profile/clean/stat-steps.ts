// Steps that need whole-column figures: impute with the mean, median or mode, and clip or flag
// outliers at the profile's fences or quantiles. The figures come from `CleanStats` (built from
// the profile before the pass), never from the batch at hand, so every batch of a source is
// cleaned the same way and one pass suffices.
import { AppError } from '../../errors';
import { requireColumn, withColumn, withNamedColumn } from '../batch';
import { isMissing } from '../cell-text';
import { parseNumberCell } from '../parse-number';
import { statFamily } from '../read-cell';
import { describeStep, type CleanStats, type CleanStep, type ColumnCleanStats, type OutlierBounds } from './steps';
import type { CellValue } from '../../store';
import type { ColumnBatch } from '../types';

export type StatStep = Extract<CleanStep, { op: 'impute' | 'clip-outliers' | 'flag-outliers' }>;

function statsOf(stats: CleanStats, step: StatStep): ColumnCleanStats {
  // Own keys only: a column called `constructor` must not find Object's.
  const found = Object.hasOwn(stats.columns, step.column) ? stats.columns[step.column] : undefined;
  if (!found) {
    throw new AppError('input-malformed', `"${describeStep(step)}" needs the profile of column "${step.column}". Profile the source again, then retry.`, { column: step.column });
  }
  return found;
}

function missingFigure(step: StatStep, what: string, why = 'it holds no numbers'): AppError {
  return new AppError('unsupported', `"${describeStep(step)}" needs the ${what} of "${step.column}", which it does not have (${why}). Choose another method.`, { column: step.column });
}

function fillValue(step: Extract<StatStep, { op: 'impute' }>, s: ColumnCleanStats): CellValue {
  switch (step.method) {
    case 'constant': return step.value;
    case 'mean': if (s.mean === null) throw missingFigure(step, 'mean'); return s.mean;
    case 'median': if (s.median === null) throw missingFigure(step, 'median'); return s.median;
    case 'mode': {
      if (s.mode === null) throw missingFigure(step, 'most frequent value', 'no value in it repeats often');
      const parsed = statFamily(s.type) === 'number' ? parseNumberCell(s.mode, s.parse.decimal) : null;
      return parsed ? parsed.value : s.mode;
    }
  }
}

export function outlierLimits(step: StatStep, s: ColumnCleanStats, bounds: OutlierBounds): { lower: number; upper: number } {
  if (bounds === 'fences') {
    if (!s.fences) throw missingFigure(step, 'outlier fences');
    return { lower: s.fences.lower, upper: s.fences.upper };
  }
  if (!s.quantiles) throw missingFigure(step, 'quantiles');
  return bounds === 'p1-p99' ? { lower: s.quantiles.p1, upper: s.quantiles.p99 } : { lower: s.quantiles.p5, upper: s.quantiles.p95 };
}

export function applyStatStep(batch: ColumnBatch, step: StatStep, stats: CleanStats): ColumnBatch {
  const at = requireColumn(batch, step.column, describeStep(step));
  const s = statsOf(stats, step);
  const cells = batch.columns[at] ?? [];
  const read = (cell: CellValue): number | null =>
    typeof cell === 'boolean' ? null : (parseNumberCell(typeof cell === 'string' ? cell.trim() : cell, s.parse.decimal)?.value ?? null);
  switch (step.op) {
    case 'impute': {
      const fill = fillValue(step, s);
      return withColumn(batch, at, cells.map((cell) => (isMissing(cell) ? fill : cell)));
    }
    case 'clip-outliers': {
      const { lower, upper } = outlierLimits(step, s, step.bounds);
      return withColumn(batch, at, cells.map((cell) => {
        const x = read(cell);
        return x === null ? cell : x < lower ? lower : x > upper ? upper : cell;
      }));
    }
    case 'flag-outliers': {
      const { lower, upper } = outlierLimits(step, s, step.bounds);
      return withNamedColumn(batch, step.flagColumn, cells.map((cell) => {
        const x = read(cell);
        return x === null ? null : x < lower || x > upper;
      }));
    }
  }
}
