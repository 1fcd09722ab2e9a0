// Shared types of the profile domain. Everything a profile, an inference or an issue holds is
// plain JSON-safe data (no class instances, no Infinity/NaN: absent figures are null), because
// profiles are stored in IndexedDB and cross worker boundaries.
import type { CellValue } from '../store';

/**
 * A slice of rows in column form, the one shape cleaning and profiling read. `rowIndex[i]` is the
 * original row number of row i, kept through filtering so lineage and undo can name source rows.
 */
export interface ColumnBatch {
  names: string[];
  /** columns[c][i]: value of column names[c] in row i. */
  columns: CellValue[][];
  rowIndex: Int32Array;
}

/** What a column means as data, decided from a sample of its values and its name. */
export const inferredTypes = [
  'integer', 'float', 'decimal', 'boolean', 'date', 'datetime', 'categorical', 'text',
  'identifier', 'url', 'email', 'phone', 'image-reference', 'empty',
] as const;
export type InferredType = (typeof inferredTypes)[number];

/** Coarse kinds of single values; a column whose values spread over several is "mixed". */
export const valueFamilies = ['number', 'boolean', 'date', 'email', 'url', 'image', 'phone', 'code', 'string'] as const;
export type ValueFamily = (typeof valueFamilies)[number];

export const decimalSeparators = ['.', ','] as const;
export type DecimalSeparator = (typeof decimalSeparators)[number];

/** How a column's cells are read; decided once per column so ambiguous cells read consistently. */
export interface ParseOptions {
  /** Decimal separator of the column; only ambiguous cells like `1,234` depend on it. */
  decimal: DecimalSeparator;
  /** Most common currency (ISO code) among the cells, null when none carries one. */
  currency: string | null;
  /** Most common date format, e.g. `MM/DD/YYYY`; null for non-date columns. */
  dateFormat: string | null;
  /** Numeric dates like `03/04/2021` read day first (EU) rather than month first (US). */
  dayFirst: boolean;
  /** Plain numbers in the epoch range are read as timestamps (seconds or milliseconds). */
  epoch: boolean;
}

export interface ValueCount {
  value: string;
  count: number;
}

export interface FamilyShare {
  family: ValueFamily;
  /** Share of the sampled non-missing values, 0..1. */
  share: number;
}

/** Figures of the sample that inference looked at; roles reuse them. */
export interface SampleStats {
  /** Non-missing values in the sample. */
  values: number;
  distinct: number;
  distinctRatio: number;
  meanLength: number;
  meanWords: number;
  /** Smallest and largest parsed number, when the column is numeric. */
  numericMin: number | null;
  numericMax: number | null;
}

export interface TypeInference {
  type: InferredType;
  /** Share of sampled values consistent with `type`, 0..1. */
  confidence: number;
  /** True when more than 5% of values belong to another family than the chosen type's. */
  mixed: boolean;
  shares: FamilyShare[];
  parse: ParseOptions;
  /** Formats of the date values seen, most common first (empty for non-dates). */
  dateFormats: ValueCount[];
  /** Numeric dates where no part exceeds 12, so day-first vs month-first is a guess. */
  ambiguousDates: boolean;
  stats: SampleStats;
  /** One short sentence saying why, for the UI. */
  because: string;
}

export interface Quantiles {
  p1: number;
  p5: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
  p99: number;
}
export const quantileKeys = ['p1', 'p5', 'p25', 'p50', 'p75', 'p95', 'p99'] as const;
export const quantileLevels: Readonly<Record<keyof Quantiles, number>> = {
  p1: 0.01, p5: 0.05, p25: 0.25, p50: 0.5, p75: 0.75, p95: 0.95, p99: 0.99,
};

export interface HistogramBin {
  lower: number;
  /** Exclusive, except for the last bin, which holds the maximum. */
  upper: number;
  count: number;
}

/** `iqr`: Tukey fences; `mad`: median +- k sigma from the mean absolute deviation (when IQR is 0). */
export const fenceMethods = ['iqr', 'mad'] as const;
export type FenceMethod = (typeof fenceMethods)[number];

export interface Fences {
  lower: number;
  upper: number;
  method: FenceMethod;
}

export interface OutlierSummary extends Fences {
  count: number;
  /** A few rows holding the most extreme outlying values. */
  exampleRows: number[];
}

export interface NumericSummary {
  count: number;
  min: number;
  max: number;
  mean: number;
  /** Sample standard deviation (n - 1); 0 for a single value. */
  std: number;
  sum: number;
  negatives: number;
  zeros: number;
  quantiles: Quantiles;
  /** Quantiles and histogram are exact while the column fits the sketch, approximate beyond. */
  quantilesExact: boolean;
  histogram: HistogramBin[];
  /** Cells written with a decimal point / a decimal comma (ambiguous cells count for the column's). */
  decimalPoint: number;
  decimalComma: number;
  currencies: ValueCount[];
}

export interface DateSummary {
  count: number;
  minMs: number;
  maxMs: number;
  /** ISO 8601 of minMs / maxMs. */
  min: string;
  max: string;
  /** Cells that carried a time of day. */
  withTime: number;
  histogram: HistogramBin[];
}

export interface StringSummary {
  minLength: number;
  maxLength: number;
  meanLength: number;
}

export interface ColumnProfile {
  name: string;
  inference: TypeInference;
  /** Rows seen, missing cells included. */
  count: number;
  missing: number;
  missingPct: number;
  /** First few rows with a missing cell. */
  missingRows: number[];
  /**
   * Non-missing cells by how the file stored them. JSON may hold `12.5` in one document and
   * `"12.50"` in the next: the same meaning, but a sign of an inconsistent export.
   */
  valueTypes: { text: number; number: number; boolean: number };
  /** Exact while under the exact limit, then a HyperLogLog estimate. */
  distinct: { value: number; exact: boolean };
  numeric: NumericSummary | null;
  dates: DateSummary | null;
  booleans: { trueCount: number; falseCount: number } | null;
  strings: StringSummary | null;
  /** Most frequent raw values; counts are exact when `topValuesExact`. */
  topValues: ValueCount[];
  topValuesExact: boolean;
  /** Shapes like `A-99999`, most frequent first. */
  patterns: ValueCount[];
  /** Per-cell number styles or date formats, most frequent first. */
  formats: ValueCount[];
  /** Cells that did not parse as the column's type. */
  invalid: { count: number; exampleRows: number[] };
  outliers: OutlierSummary | null;
}

export interface TableProfile {
  rowCount: number;
  columns: ColumnProfile[];
}
