// Cleaning steps arrive from IndexedDB and worker messages as `unknown`; this narrows them,
// naming the first thing wrong, so a corrupted history fails loudly instead of half-applying.
import { AppError } from '../../errors';
import { decimalSeparators } from '../types';
import { caseModes, cleanOps, imputeMethods, outlierBounds, unicodeForms, unitDimensions, type CleanStep, type Replacement } from './steps';
import type { CellValue } from '../../store';

type Fields = Record<string, unknown>;

function fail(why: string): never {
  throw new AppError('input-malformed', `A saved cleaning step is damaged (${why}). Undo it or clear the cleaning history.`, { why });
}

function str(o: Fields, key: string): string {
  const v = o[key];
  return typeof v === 'string' ? v : fail(`"${key}" must be text`);
}

function oneOf<T extends string>(o: Fields, key: string, allowed: readonly T[]): T {
  const v = o[key];
  return (allowed as readonly unknown[]).includes(v) ? (v as T) : fail(`"${key}" must be one of ${allowed.join(', ')}`);
}

function bool(o: Fields, key: string): boolean {
  const v = o[key];
  return typeof v === 'boolean' ? v : fail(`"${key}" must be true or false`);
}

function cell(v: unknown, key: string): CellValue {
  if (v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) return v;
  return fail(`"${key}" must be a cell value`);
}

function nullableStr(o: Fields, key: string): string | null {
  return o[key] === null ? null : str(o, key);
}

function columnsOrNull(o: Fields): string[] | null {
  const v = o['columns'];
  if (v === null) return null;
  if (Array.isArray(v) && v.every((c) => typeof c === 'string')) return v as string[];
  return fail('"columns" must be a list of column names or null');
}

function replacements(o: Fields): Replacement[] {
  const v = o['replacements'];
  if (!Array.isArray(v)) fail('"replacements" must be a list');
  return v.map((r: unknown) => {
    if (typeof r !== 'object' || r === null) fail('each replacement must be an object');
    const f = r as Fields;
    return { from: str(f, 'from'), to: cell(f['to'], 'to') };
  });
}

export function parseCleanStep(value: unknown): CleanStep {
  if (typeof value !== 'object' || value === null) fail('not an object');
  const o = value as Fields;
  const op = oneOf(o, 'op', cleanOps);
  switch (op) {
    case 'trim': case 'collapse-whitespace': case 'repair-encoding':
      return { op, column: str(o, 'column') };
    case 'case': return { op, column: str(o, 'column'), mode: oneOf(o, 'mode', caseModes) };
    case 'normalize-unicode': return { op, column: str(o, 'column'), form: oneOf(o, 'form', unicodeForms) };
    case 'replace-values': return { op, column: str(o, 'column'), replacements: replacements(o) };
    case 'parse-dates': return { op, column: str(o, 'column'), dayFirst: bool(o, 'dayFirst'), epoch: bool(o, 'epoch') };
    case 'normalize-currency':
      return { op, column: str(o, 'column'), decimal: oneOf(o, 'decimal', decimalSeparators), currencyColumn: nullableStr(o, 'currencyColumn'), defaultCurrency: nullableStr(o, 'defaultCurrency') };
    case 'normalize-units': return { op, column: str(o, 'column'), dimension: oneOf(o, 'dimension', unitDimensions), unit: str(o, 'unit') };
    case 'impute': return { op, column: str(o, 'column'), method: oneOf(o, 'method', imputeMethods), value: cell(o['value'], 'value') };
    case 'drop-duplicates': return { op, columns: columnsOrNull(o) };
    case 'flag-duplicates': return { op, columns: columnsOrNull(o), flagColumn: str(o, 'flagColumn') };
    case 'clip-outliers': return { op, column: str(o, 'column'), bounds: oneOf(o, 'bounds', outlierBounds) };
    case 'flag-outliers': return { op, column: str(o, 'column'), bounds: oneOf(o, 'bounds', outlierBounds), flagColumn: str(o, 'flagColumn') };
  }
}
