// A source column read as what the warehouse stores: times as epoch ms, amounts as numbers
// plus their currency, everything else as text. Parsing goes through the profile domain's
// parsers with options decided once per column (decimal separator, day/month order), so the
// warehouse reads a cell exactly as profiling and cleaning did.
import { cellText, currencyCode, detectDateFormat, detectDecimalSeparator, parseDate, parseNumberCell } from '../../profile';
import type { CellValue } from '../../store';
import type { FusionColumn } from '../types';
import type { ViewValue } from './types';

/** Epoch ms per row, NaN where the cell is missing or no date. */
export function readTimes(column: FusionColumn): Float64Array {
  const { options } = detectDateFormat(column.values, column.name);
  const out = new Float64Array(column.values.length).fill(Number.NaN);
  column.values.forEach((value, row) => {
    const parsed = parseDate(typeof value === 'string' ? value.trim() : value, options);
    if (parsed) out[row] = parsed.ms;
  });
  return out;
}

/** Numbers per row, NaN where the cell is missing or no number. */
export function readNumbers(column: FusionColumn): Float64Array {
  return readAmounts(column).amount;
}

export interface Amounts {
  amount: Float64Array;
  /** ISO code of the cell's own currency mark, null when it had none. */
  currency: (string | null)[];
}

/** Money per row: `€1.234,50` and `$12.00` in one column read as 1234.5 EUR and 12 USD. */
export function readAmounts(column: FusionColumn): Amounts {
  const { decimal } = detectDecimalSeparator(column.values);
  const amount = new Float64Array(column.values.length).fill(Number.NaN);
  const currency: (string | null)[] = new Array<string | null>(column.values.length).fill(null);
  column.values.forEach((value, row) => {
    const parsed = parseNumberCell(typeof value === 'string' ? value.trim() : value, decimal);
    if (!parsed) return;
    amount[row] = parsed.value;
    currency[row] = parsed.currency;
  });
  return { amount, currency };
}

/** The cell as a view value: trimmed text, numbers as they are, booleans as `true`/`false`. */
export function viewValue(value: CellValue | undefined): ViewValue {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  const text = cellText(value);
  if (text === null) return null;
  const trimmed = text.trim();
  return trimmed.length > 0 ? trimmed : null;
}

/** NaN as null, for numeric view cells. */
export function numberOrNull(value: number | undefined): number | null {
  return value === undefined || Number.isNaN(value) ? null : value;
}

/**
 * Whether a column holds currency codes (`price.currency` beside `price.amount`): at least
 * nine in ten of its present cells are ISO codes.
 */
export function isCurrencyColumn(column: FusionColumn): boolean {
  let present = 0;
  let codes = 0;
  for (const value of column.values) {
    const text = cellText(value)?.trim();
    if (!text) continue;
    present++;
    if (text.length === 3 && currencyCode(text) === text.toUpperCase()) codes++;
    if (present >= 200) break;
  }
  return present > 0 && codes >= 0.9 * present;
}

/** The column's currency codes per row (upper case), for a column that passes `isCurrencyColumn`. */
export function readCurrencyCodes(column: FusionColumn): (string | null)[] {
  return column.values.map((value) => {
    const text = cellText(value)?.trim();
    return text ? currencyCode(text) : null;
  });
}

/**
 * The currency most amounts are marked with, over every price column and currency-code column
 * of the tables: the best guess for amounts written bare (`17.99` in an EUR shop's lines).
 */
export function dominantCurrency(columns: Iterable<FusionColumn>): string | null {
  const counts = new Map<string, number>();
  const count = (code: string | null): void => {
    if (code) counts.set(code, (counts.get(code) ?? 0) + 1);
  };
  for (const column of columns) {
    if (column.role === 'price') readAmounts(column).currency.forEach(count);
    else if (column.type === 'categorical' && isCurrencyColumn(column)) readCurrencyCodes(column).forEach(count);
  }
  let best: string | null = null;
  for (const [code, n] of counts) if (best === null || n > (counts.get(best) ?? 0)) best = code;
  return best;
}
