// One entry point for every cleaning step: `(batch, step, stats) => batch`, pure. The input
// batch is never modified; untouched columns are shared with the output.
import { applyConvertStep } from './convert-steps';
import { applyRowStep } from './row-steps';
import { applyStatStep } from './stat-steps';
import { applyTextStep } from './text-steps';
import type { CleanStats, CleanStep } from './steps';
import type { ColumnBatch } from '../types';

export const emptyCleanStats: CleanStats = { columns: {}, duplicates: {} };

export function applyStep(batch: ColumnBatch, step: CleanStep, stats: CleanStats = emptyCleanStats): ColumnBatch {
  switch (step.op) {
    case 'trim':
    case 'collapse-whitespace':
    case 'case':
    case 'normalize-unicode':
    case 'repair-encoding':
    case 'replace-values':
      return applyTextStep(batch, step);
    case 'parse-dates':
    case 'normalize-currency':
    case 'normalize-units':
      return applyConvertStep(batch, step);
    case 'impute':
    case 'clip-outliers':
    case 'flag-outliers':
      return applyStatStep(batch, step, stats);
    case 'drop-duplicates':
    case 'flag-duplicates':
      return applyRowStep(batch, step, stats);
  }
}

/** Applies steps in order: the pipeline a source's history describes. */
export function applySteps(batch: ColumnBatch, steps: readonly CleanStep[], stats: CleanStats = emptyCleanStats): ColumnBatch {
  return steps.reduce((b, step) => applyStep(b, step, stats), batch);
}
