// Steps that turn text into typed values: dates to ISO 8601, money to numbers (plus a currency
// column), measures to one unit. A cell that does not parse is kept as written, so nothing is
// lost and the quality view can still point at it.
import { requireColumn, withColumn, withNamedColumn } from '../batch';
import { isoFromMs, parseDate } from '../parse-date';
import { parseNumberCell } from '../parse-number';
import { AppError } from '../../errors';
import { describeStep, type CleanStep } from './steps';
import { toBaseUnit, unitFactor } from './units';
import type { CellValue } from '../../store';
import type { ColumnBatch } from '../types';

export type ConvertStep = Extract<CleanStep, { op: 'parse-dates' | 'normalize-currency' | 'normalize-units' }>;

function parseDates(batch: ColumnBatch, step: Extract<ConvertStep, { op: 'parse-dates' }>): ColumnBatch {
  const at = requireColumn(batch, step.column, describeStep(step));
  const options = { dayFirst: step.dayFirst, epoch: step.epoch };
  return withColumn(batch, at, (batch.columns[at] ?? []).map((cell) => {
    const date = parseDate(typeof cell === 'string' ? cell.trim() : cell, options);
    return date ? isoFromMs(date.ms, date.hasTime) : cell;
  }));
}

function normalizeCurrency(batch: ColumnBatch, step: Extract<ConvertStep, { op: 'normalize-currency' }>): ColumnBatch {
  const at = requireColumn(batch, step.column, describeStep(step));
  const values: CellValue[] = [];
  const codes: CellValue[] = [];
  for (const cell of batch.columns[at] ?? []) {
    const parsed = typeof cell === 'boolean' ? null : parseNumberCell(typeof cell === 'string' ? cell.trim() : cell, step.decimal);
    values.push(parsed ? parsed.value : cell);
    codes.push(parsed ? (parsed.currency ?? step.defaultCurrency) : null);
  }
  const out = withColumn(batch, at, values);
  return step.currencyColumn ? withNamedColumn(out, step.currencyColumn, codes) : out;
}

function normalizeUnits(batch: ColumnBatch, step: Extract<ConvertStep, { op: 'normalize-units' }>): ColumnBatch {
  const at = requireColumn(batch, step.column, describeStep(step));
  const factor = unitFactor(step.dimension, step.unit);
  if (factor === undefined) {
    throw new AppError('input-malformed', `"${step.unit}" is not a unit of ${step.dimension} EdgeFuse knows. Pick another target unit.`, { unit: step.unit });
  }
  return withColumn(batch, at, (batch.columns[at] ?? []).map((cell) => {
    if (typeof cell !== 'string') return cell;
    const base = toBaseUnit(cell, step.dimension);
    return base === null ? cell : Number((base / factor).toPrecision(12));
  }));
}

export function applyConvertStep(batch: ColumnBatch, step: ConvertStep): ColumnBatch {
  switch (step.op) {
    case 'parse-dates': return parseDates(batch, step);
    case 'normalize-currency': return normalizeCurrency(batch, step);
    case 'normalize-units': return normalizeUnits(batch, step);
  }
}
