// Numbers as real exports write them: `1,234.50`, `1.234,50`, `1 234,5`, `1'234.50`, `$1,234.50`,
// `12,50 €`, `USD 12.00`, `CHF 5.-`, `(5.00)`, `5-`, `12.5%`, `1e-3`. Most cells say by
// themselves which separator is the decimal one; only cells like `1,234` (one separator, three
// digits after it) do not, and those follow the column's convention, decided once from the
// cells that are unambiguous (`detectDecimalSeparator`).
import { currencyCode, leadingCurrency, trailingCurrency } from './currencies';
import type { CellValue } from '../store';
import type { DecimalSeparator } from './types';

export interface ParsedNumber {
  value: number;
  /** ISO code of the currency mark, if the cell had one. */
  currency: string | null;
  /** `12.5%` parses to 0.125 with `percent` set. */
  percent: boolean;
  /** Separator used as decimal mark, or null for whole numbers. */
  decimalMark: DecimalSeparator | null;
  /** What this cell alone proves about the column's decimal separator; null if nothing. */
  evidence: DecimalSeparator | null;
  /** Digits after the decimal mark. */
  decimals: number;
  /** The cell's layout as an exemplar, e.g. `€1.234,56` or `1234.56 USD`; equal styles read alike. */
  style: string;
}

const groupSpaces = /[\s\u00a0\u202f'’]/;
const bodyPattern = /^(?:\d[\d.,\s\u00a0\u202f'’]*\d|\d|[.,]\d+)$/;
const exponentPattern = /^(?:\d+(?:\.\d*)?|\.\d+)[eE][+-]?\d+$/;

interface Affixes {
  body: string;
  negative: boolean;
  percent: boolean;
  currency: string | null;
  /** The mark as written, and where: for the style exemplar. */
  mark: string;
  markBefore: boolean;
  markSpaced: boolean;
}

/** Peels signs, parentheses, currency marks, `%` and the Swiss `.-` off the digits. */
function peel(text: string): Affixes | null {
  let s = text.trim();
  const out: Affixes = { body: '', negative: false, percent: false, currency: null, mark: '', markBefore: false, markSpaced: false };
  const first = s.charCodeAt(0);
  const last = s.charCodeAt(s.length - 1);
  // Fast path: most cells start and end with a digit, so there is nothing to peel.
  if (first >= 48 && first <= 57 && last >= 48 && last <= 57) {
    out.body = s;
    return out;
  }
  if (s.startsWith('(') && s.endsWith(')')) {
    out.negative = true;
    s = s.slice(1, -1).trim();
  }
  for (let round = 0; round < 4 && s.length > 0; round++) {
    const before = s;
    if (/^[-−+]/.test(s)) {
      if (s[0] !== '+') out.negative = !out.negative;
      s = s.slice(1).trimStart();
    }
    if (/\d[-−]$/.test(s)) {
      out.negative = !out.negative;
      s = s.slice(0, -1).trimEnd();
    }
    s = s.replace(/(\d)[.,][-–—]$/, '$1');
    if (s.endsWith('%')) {
      out.percent = true;
      s = s.slice(0, -1).trimEnd();
    }
    if (out.currency === null) {
      const lead = leadingCurrency.exec(s);
      const leadCode = lead ? currencyCode(lead[1] ?? '') : null;
      if (lead && leadCode) {
        Object.assign(out, { currency: leadCode, mark: lead[1] ?? '', markBefore: true, markSpaced: lead[0].length > (lead[1] ?? '').length });
        s = s.slice(lead[0].length);
      } else {
        const trail = trailingCurrency.exec(s);
        const trailCode = trail ? currencyCode(trail[1] ?? '') : null;
        if (trail && trailCode) {
          Object.assign(out, { currency: trailCode, mark: trail[1] ?? '', markBefore: false, markSpaced: trail[0].length > (trail[1] ?? '').length });
          s = s.slice(0, s.length - trail[0].length);
        }
      }
    }
    if (s === before) break;
  }
  out.body = s;
  return s.length > 0 ? out : null;
}

function validGroups(integer: string, separator: string): boolean {
  const groups = groupSpaces.test(separator) ? integer.split(groupSpaces) : integer.split(separator);
  if (groups.length < 2) return /^\d+$/.test(integer);
  const [first = '', ...rest] = groups;
  return /^\d{1,3}$/.test(first) && rest.every((g) => /^\d{3}$/.test(g));
}

interface Body {
  integer: string;
  fraction: string;
  decimalMark: DecimalSeparator | null;
  group: string | null;
  evidence: DecimalSeparator | null;
}

const other = (s: DecimalSeparator): DecimalSeparator => (s === '.' ? ',' : '.');

function isSpaceLike(c: number): boolean {
  return c === 32 || c === 0xa0 || c === 0x202f || c === 39 || c === 0x2019 || c === 9;
}

/** Splits digits into integer and fraction, deciding which separator is which (one scan). */
function readBody(body: string, columnDecimal: DecimalSeparator): Body | null {
  let dots = 0;
  let commas = 0;
  let spaceChar = '';
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c >= 48 && c <= 57) continue;
    if (c === 46) dots++;
    else if (c === 44) commas++;
    else if (isSpaceLike(c)) spaceChar ||= body.charAt(i);
    else return null;
  }
  const hasSpace = spaceChar !== '';
  let decimal: DecimalSeparator | null = null;
  // Keep the space-like mark as written (`'`, NBSP, thin space) so styles tell them apart.
  let group: string | null = hasSpace ? spaceChar : null;
  let evidence: DecimalSeparator | null = null;
  if (dots > 0 && commas > 0) {
    if (hasSpace) return null;
    decimal = body.lastIndexOf('.') > body.lastIndexOf(',') ? '.' : ',';
    group = other(decimal);
    if ((decimal === '.' ? dots : commas) !== 1) return null;
    evidence = decimal;
  } else if (dots + commas > 0) {
    const mark: DecimalSeparator = dots > 0 ? '.' : ',';
    const at = body.indexOf(mark);
    const after = body.length - body.lastIndexOf(mark) - 1;
    if (dots + commas > 1) {
      if (hasSpace) return null;
      group = mark;
      evidence = other(mark);
    } else if (hasSpace || after !== 3 || at === 0 || at > 3 || body.charCodeAt(0) === 48) {
      // `1 234,5`, `12,50`, `0,125`, `1234,567`: the mark cannot be a thousands separator.
      decimal = mark;
      evidence = mark;
    } else if (mark === columnDecimal) {
      decimal = mark;
    } else {
      group = mark;
    }
  }
  if (group === null && decimal === null) return { integer: body, fraction: '', decimalMark: null, group, evidence };
  const cut = decimal === null ? body.length : body.lastIndexOf(decimal);
  const integer = body.slice(0, cut);
  const fraction = decimal === null ? '' : body.slice(cut + 1);
  if (fraction.length > 0 && !/^\d+$/.test(fraction)) return null;
  if (group !== null && !validGroups(integer, group)) return null;
  if (group === null && integer.length > 0 && !/^\d+$/.test(integer)) return null;
  return { integer: group === null ? integer : integer.replace(/[^\d]/g, ''), fraction, decimalMark: decimal, group, evidence };
}

function digitsStyle(b: Body): string {
  return `${b.group ? `1${b.group}234` : '1234'}${b.decimalMark ? `${b.decimalMark}56` : ''}`;
}

function styleOf(a: Affixes, digits: string): string {
  const percent = a.percent ? '%' : '';
  if (!a.mark) return `${digits}${percent}`;
  const space = a.markSpaced ? ' ' : '';
  return a.markBefore ? `${a.mark}${space}${digits}${percent}` : `${digits}${percent}${space}${a.mark}`;
}

/** Every number has a digit; words and free text are turned away before any pattern runs. */
function hasDigit(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

/** Single-character marks read by the fast path below, with their code and style prefix. */
const fastMarks = new Map<number, { code: string; styles: readonly [string, string] }>(
  [['$', 'USD'], ['€', 'EUR'], ['£', 'GBP']].map(([mark, code]) => [mark!.charCodeAt(0), { code: code!, styles: [`${mark}1234`, `${mark}1234.56`] }]),
);
const plainStyles = ['1234', '1234.56'] as const;

/**
 * The layouts most cells have (`1234`, `12.50`, `$12.50`), read in one scan without patterns;
 * `undefined` for anything else (signs, groups, commas, other marks), which `parseNumber`
 * reads in full. For these cells the result equals the full reading (tested).
 */
function parseCommonNumber(text: string, columnDecimal: DecimalSeparator): ParsedNumber | undefined {
  const n = text.length;
  const mark = fastMarks.get(text.charCodeAt(0));
  const start = mark === undefined ? 0 : 1;
  let dot = -1;
  for (let i = start; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) continue;
    if (c !== 46 || dot !== -1) return undefined;
    dot = i;
  }
  if (n === start || dot === start || dot === n - 1) return undefined;
  const currency = mark === undefined ? null : mark.code;
  const styles = mark === undefined ? plainStyles : mark.styles;
  if (dot === -1) return { value: decimalValue(text, start, 0), currency, percent: false, decimalMark: null, evidence: null, decimals: 0, style: styles[0] };
  // One dot: a decimal point unless it could be a thousands separator (`1.234`), as in readBody.
  const at = dot - start;
  const after = n - dot - 1;
  const proves = after !== 3 || at > 3 || text.charCodeAt(start) === 48;
  if (!proves && columnDecimal !== '.') return undefined;
  return { value: decimalValue(text, start, after), currency, percent: false, decimalMark: '.', evidence: proves ? '.' : null, decimals: after, style: styles[1] };
}

const powersOfTen = Array.from({ length: 23 }, (_, i) => 10 ** i);

/**
 * The digits of `text` from `start` (one optional `.`, `decimals` digits after it) as a number,
 * exactly as `Number()` reads them: up to 15 digits the digits form an exact integer and one
 * division by an exact power of ten rounds correctly (Clinger's fast path); longer ones go
 * through `Number()`.
 */
function decimalValue(text: string, start: number, decimals: number): number {
  if (text.length - start - (decimals > 0 ? 1 : 0) > 15) return Number(text.slice(start));
  let digits = 0;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 46) digits = digits * 10 + (c - 48);
  }
  return decimals === 0 ? digits : digits / powersOfTen[decimals]!;
}

/** Parses one cell; `columnDecimal` settles cells like `1,234`. Returns null for non-numbers. */
export function parseNumber(text: string, columnDecimal: DecimalSeparator = '.'): ParsedNumber | null {
  if (text.length === 0 || text.length > 48) return null;
  return parseCommonNumber(text, columnDecimal) ?? parseNumberInFull(text, columnDecimal);
}

/** `parseNumber` without the fast path: every layout this file reads (exported for tests). */
export function parseNumberInFull(text: string, columnDecimal: DecimalSeparator = '.'): ParsedNumber | null {
  if (text.length === 0 || text.length > 48 || !hasDigit(text)) return null;
  const affixes = peel(text);
  if (affixes === null) return null;
  const { body } = affixes;
  if (exponentPattern.test(body)) {
    const value = Number(body) * (affixes.negative ? -1 : 1) / (affixes.percent ? 100 : 1);
    if (!Number.isFinite(value)) return null;
    return { value, currency: affixes.currency, percent: affixes.percent, decimalMark: '.', evidence: null, decimals: 0, style: styleOf(affixes, '1.2e3') };
  }
  if (!bodyPattern.test(body)) return null;
  const parts = readBody(body, columnDecimal);
  if (parts === null) return null;
  const magnitude = Number(`${parts.integer || '0'}.${parts.fraction || '0'}`);
  if (!Number.isFinite(magnitude)) return null;
  const signed = affixes.negative ? -magnitude : magnitude;
  return {
    value: affixes.percent ? signed / 100 : signed,
    currency: affixes.currency,
    percent: affixes.percent,
    decimalMark: parts.decimalMark,
    evidence: parts.evidence,
    decimals: parts.fraction.length,
    style: styleOf(affixes, digitsStyle(parts)),
  };
}

/** A cell as a number: JSON numbers as they are, strings through `parseNumber`. */
export function parseNumberCell(value: CellValue, columnDecimal: DecimalSeparator = '.'): ParsedNumber | null {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    const decimals = Number.isInteger(value) ? 0 : (String(value).split('.')[1] ?? '').length;
    return { value, currency: null, percent: false, decimalMark: decimals > 0 ? '.' : null, evidence: null, decimals, style: decimals > 0 ? '1234.56' : '1234' };
  }
  if (typeof value !== 'string') return null;
  return parseNumber(value, columnDecimal);
}

export interface DecimalDetection {
  decimal: DecimalSeparator;
  /** Cells proving a decimal point / a decimal comma. */
  pointVotes: number;
  commaVotes: number;
}

/** The column's decimal separator: whichever the unambiguous cells prove more often; `.` on a tie. */
export function detectDecimalSeparator(values: Iterable<CellValue>): DecimalDetection {
  let pointVotes = 0;
  let commaVotes = 0;
  for (const value of values) {
    if (typeof value !== 'string') continue;
    const parsed = parseNumber(value, '.');
    if (parsed?.evidence === '.') pointVotes++;
    else if (parsed?.evidence === ',') commaVotes++;
  }
  return { decimal: commaVotes > pointVotes ? ',' : '.', pointVotes, commaVotes };
}
