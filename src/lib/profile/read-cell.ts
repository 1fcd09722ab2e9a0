// One cell read under its column's decided type and parse options: the single place where
// profiling, quality checks and cleaning turn raw cells into numbers, dates or booleans, so the
// three never disagree on what a cell means.
import { cellText } from './cell-text';
import { parseBooleanCell } from './parse-boolean';
import { parseDate, type ParsedDate } from './parse-date';
import { parseNumberCell, type ParsedNumber } from './parse-number';
import { emailPattern } from './value-kind';
import type { CellValue } from '../store';
import type { InferredType, ParseOptions } from './types';

/** Which statistics a type gets: numeric moments, a date range, true/false counts, or none. */
export const statFamilies = ['number', 'date', 'boolean', 'text'] as const;
export type StatFamily = (typeof statFamilies)[number];

export function statFamily(type: InferredType): StatFamily {
  switch (type) {
    case 'integer': case 'float': case 'decimal': return 'number';
    case 'date': case 'datetime': return 'date';
    case 'boolean': return 'boolean';
    default: return 'text';
  }
}

export type TypedCell =
  | { kind: 'missing' }
  | { kind: 'number'; value: number; parsed: ParsedNumber }
  | { kind: 'date'; date: ParsedDate }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'text'; text: string }
  /** Present, but not readable as the column's type. */
  | { kind: 'invalid'; text: string };

const missing: TypedCell = { kind: 'missing' };

export function readCell(value: CellValue, type: InferredType, parse: ParseOptions): TypedCell {
  const text = cellText(value);
  if (text === null) return missing;
  switch (statFamily(type)) {
    case 'number': {
      const parsed = parseNumberCell(typeof value === 'string' ? value.trim() : value, parse.decimal);
      return parsed ? { kind: 'number', value: parsed.value, parsed } : { kind: 'invalid', text };
    }
    case 'date': {
      const date = parseDate(value, parse);
      return date ? { kind: 'date', date } : { kind: 'invalid', text };
    }
    case 'boolean': {
      const b = parseBooleanCell(value);
      return b === null ? { kind: 'invalid', text } : { kind: 'boolean', value: b };
    }
    case 'text':
      if (type === 'email' && !emailPattern.test(text.trim())) return { kind: 'invalid', text };
      return { kind: 'text', text };
  }
}
