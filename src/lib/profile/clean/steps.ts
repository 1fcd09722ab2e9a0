// Cleaning steps are data: a closed union keyed on `op`, stored in a source's history and
// applied on read by pure functions (apply.ts). Raw rows are never rewritten, so every step can
// be undone, replayed, or shown as lineage. Each step names its column(s) and everything it
// needs to run the same way again (the date order, the decimal separator, the target unit);
// whole-column figures (mean, quantiles, duplicate rows) come from `CleanStats`, computed
// from the profile before the pass, so applying stays a single streaming pass.
import type { CellValue } from '../../store';
import type { DecimalSeparator, Fences, InferredType, ParseOptions, Quantiles } from '../types';

export const cleanOps = [
  'trim', 'collapse-whitespace', 'case', 'normalize-unicode', 'repair-encoding', 'replace-values',
  'parse-dates', 'normalize-currency', 'normalize-units', 'impute', 'drop-duplicates', 'flag-duplicates',
  'clip-outliers', 'flag-outliers',
] as const;
export type CleanOp = (typeof cleanOps)[number];

export const caseModes = ['lower', 'upper', 'title'] as const;
export type CaseMode = (typeof caseModes)[number];

export const unicodeForms = ['NFC', 'NFKC'] as const;
export type UnicodeForm = (typeof unicodeForms)[number];

export const imputeMethods = ['mean', 'median', 'mode', 'constant'] as const;
export type ImputeMethod = (typeof imputeMethods)[number];

/** Where outliers are cut: the profile's IQR/MAD fences, or a pair of quantiles. */
export const outlierBounds = ['fences', 'p1-p99', 'p5-p95'] as const;
export type OutlierBounds = (typeof outlierBounds)[number];

export const unitDimensions = ['mass', 'volume', 'length'] as const;
export type UnitDimension = (typeof unitDimensions)[number];

export interface Replacement {
  from: string;
  to: CellValue;
}

export type CleanStep =
  | { op: 'trim'; column: string }
  | { op: 'collapse-whitespace'; column: string }
  | { op: 'case'; column: string; mode: CaseMode }
  | { op: 'normalize-unicode'; column: string; form: UnicodeForm }
  /** Undoes UTF-8 read as Windows-1252 (`CafÃ©` -> `Café`). */
  | { op: 'repair-encoding'; column: string }
  /** Exact matches of the cell text (as written) are replaced; others are kept. */
  | { op: 'replace-values'; column: string; replacements: Replacement[] }
  /** Dates to ISO 8601 (`YYYY-MM-DD`, or the full instant when there is a time of day). */
  | { op: 'parse-dates'; column: string; dayFirst: boolean; epoch: boolean }
  /** Money strings to numbers, with the currency code in `currencyColumn` (if not null). */
  | { op: 'normalize-currency'; column: string; decimal: DecimalSeparator; currencyColumn: string | null; defaultCurrency: string | null }
  /** `1.5 kg`, `250g`, `33 cl` to a number in `unit`; cells without a known unit are kept. */
  | { op: 'normalize-units'; column: string; dimension: UnitDimension; unit: string }
  /** Missing cells get the column's mean/median/mode (from stats) or `value`. */
  | { op: 'impute'; column: string; method: ImputeMethod; value: CellValue }
  /** Drops rows that repeat an earlier row (over `columns`, or whole rows when null). */
  | { op: 'drop-duplicates'; columns: string[] | null }
  | { op: 'flag-duplicates'; columns: string[] | null; flagColumn: string }
  | { op: 'clip-outliers'; column: string; bounds: OutlierBounds }
  | { op: 'flag-outliers'; column: string; bounds: OutlierBounds; flagColumn: string };

/** Whole-column figures of one column, from its profile. */
export interface ColumnCleanStats {
  type: InferredType;
  parse: ParseOptions;
  mean: number | null;
  median: number | null;
  /** Most frequent raw value. */
  mode: string | null;
  quantiles: Quantiles | null;
  fences: Fences | null;
}

export interface CleanStats {
  columns: Record<string, ColumnCleanStats>;
  /** Repeating rows by `duplicateKey(columns)`, ascending. */
  duplicates: Record<string, number[]>;
}

/** A short label for history lists and lineage ("trim name", "parse dates in signup_date"). */
export function describeStep(step: CleanStep): string {
  switch (step.op) {
    case 'trim': return `Trim spaces in ${step.column}`;
    case 'collapse-whitespace': return `Collapse spaces in ${step.column}`;
    case 'case': return `Make ${step.column} ${step.mode === 'title' ? 'title case' : `${step.mode} case`}`;
    case 'normalize-unicode': return `Normalize ${step.column} to ${step.form}`;
    case 'repair-encoding': return `Repair garbled characters in ${step.column}`;
    case 'replace-values': return `Replace ${step.replacements.length} value(s) in ${step.column}`;
    case 'parse-dates': return `Write ${step.column} as ISO dates`;
    case 'normalize-currency': return `Turn ${step.column} into numbers${step.currencyColumn ? ` (+ ${step.currencyColumn})` : ''}`;
    case 'normalize-units': return `Convert ${step.column} to ${step.unit}`;
    case 'impute': return `Fill missing ${step.column} with ${step.method === 'constant' ? JSON.stringify(step.value) : `the ${step.method}`}`;
    case 'drop-duplicates': return step.columns ? `Drop rows repeating ${step.columns.join(', ')}` : 'Drop duplicate rows';
    case 'flag-duplicates': return `Flag duplicate rows in ${step.flagColumn}`;
    case 'clip-outliers': return `Clip outliers in ${step.column} (${step.bounds})`;
    case 'flag-outliers': return `Flag outliers of ${step.column} in ${step.flagColumn}`;
  }
}
