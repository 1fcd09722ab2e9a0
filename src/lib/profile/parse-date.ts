// Dates and datetimes as exports write them: ISO 8601 (with or without time and zone),
// `YYYY/MM/DD`, `MM/DD/YYYY` or `DD/MM/YYYY`, `DD.MM.YYYY`, `5 Mar 2024`, `Mar 5, 2024`,
// two-digit years, 12-hour clocks, and epoch seconds or milliseconds. Whether `03/04/2024` is
// March or April, and whether a bare number is a timestamp, is decided per column (see
// date-detect.ts) and passed in as options; this file only reads one cell.
import type { CellValue } from '../store';

export interface DateParseOptions {
  /** Read `03/04/2024` as 3 April (day first) instead of 4 March. */
  dayFirst: boolean;
  /** Accept plain numbers in the 1990..2100 epoch range as seconds or milliseconds. */
  epoch: boolean;
}

export interface ParsedDate {
  /** Milliseconds since 1970-01-01 UTC; cells without a zone are read as UTC. */
  ms: number;
  /** The cell's format, e.g. `YYYY-MM-DD HH:mm`, `D MMM YYYY`, `MM/DD/YY h:mm A`, `epoch-ms`. */
  format: string;
  hasTime: boolean;
}

/** A cell's date reading before the column settles day/month order. */
export interface DateMatch {
  year: number;
  /** Month and day; for numeric `P1/P2/YYYY` cells the first and second part, order unknown. */
  first: number;
  second: number;
  /** `md`: first is the month; `dm`: first is the day; `either`: the column decides. */
  order: 'md' | 'dm' | 'either';
  /** Format with `P1`/`P2` standing for the parts when the order is `either`. */
  template: string;
  timeMs: number;
  hasTime: boolean;
  offsetMs: number;
}

const msPerDay = 86_400_000;
const epochSecondsMin = 631_152_000; // 1990-01-01
const epochSecondsMax = 4_102_444_800; // 2100-01-01

const time = String.raw`(?:(?<tsep>T|\s+|,\s*)(?<h>\d{1,2}):(?<mi>\d{2})(?::(?<s>\d{2})(?:[.,](?<f>\d{1,9}))?)?\s*(?<ap>[AaPp]\.?[Mm]\.?)?)?`;
const zone = String.raw`\s*(?<z>Z|[+-]\d{2}(?::?\d{2})?|UTC|GMT)?`;
const isoPattern = new RegExp(String.raw`^(?<y>\d{4})-(?<a>\d{2})-(?<b>\d{2})${time}${zone}$`);
const ymdPattern = new RegExp(String.raw`^(?<y>\d{4})(?<sep>[/.])(?<a>\d{1,2})\k<sep>(?<b>\d{1,2})${time}${zone}$`);
const numericPattern = new RegExp(String.raw`^(?<a>\d{1,2})(?<sep>[/.\-])(?<b>\d{1,2})\k<sep>(?<y>\d{4}|\d{2})${time}${zone}$`);
const dayMonthPattern = new RegExp(String.raw`^(?<b>\d{1,2})(?:st|nd|rd|th)?\.?(?<sep>[\s\-/]+)(?<mon>\p{L}{3,10})\.?,?[\s\-/]+(?<y>\d{4}|\d{2})${time}${zone}$`, 'u');
const monthDayPattern = new RegExp(String.raw`^(?<mon>\p{L}{3,10})\.?\s+(?<b>\d{1,2})(?:st|nd|rd|th)?(?<comma>,?)\s+(?<y>\d{4})${time}${zone}$`, 'u');
const weekdayPrefix = /^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+/i;

// English plus the common German, French, Spanish, Italian and Dutch spellings, folded to ASCII.
const monthNames: readonly (readonly string[])[] = [
  ['jan', 'january', 'januar', 'jän', 'janv', 'janvier', 'ene', 'enero', 'gen', 'gennaio', 'januari'],
  ['feb', 'february', 'februar', 'fev', 'fevr', 'fevrier', 'febrero', 'febbraio', 'februari'],
  ['mar', 'march', 'marz', 'mrz', 'mars', 'marzo', 'mrt', 'maart'],
  ['apr', 'april', 'avr', 'avril', 'abr', 'abril', 'aprile'],
  ['may', 'mai', 'mayo', 'mag', 'maggio', 'mei'],
  ['jun', 'june', 'juni', 'juin', 'junio', 'giu', 'giugno'],
  ['jul', 'july', 'juli', 'juil', 'juillet', 'julio', 'lug', 'luglio'],
  ['aug', 'august', 'aout', 'ago', 'agosto', 'augustus'],
  ['sep', 'sept', 'september', 'septembre', 'septiembre', 'set', 'settembre'],
  ['oct', 'october', 'okt', 'oktober', 'octobre', 'octubre', 'ott', 'ottobre'],
  ['nov', 'november', 'novembre', 'noviembre'],
  ['dec', 'december', 'dez', 'dezember', 'decembre', 'dic', 'diciembre', 'dicembre'],
];
const monthIndex = new Map<string, number>(monthNames.flatMap((names, i) => names.map((n) => [n, i + 1] as const)));

function monthOf(word: string): number | null {
  const folded = word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  return monthIndex.get(folded) ?? null;
}

function fullYear(text: string): number {
  const y = Number(text);
  // Two-digit years pivot like POSIX strptime: 00-68 -> 2000s, 69-99 -> 1900s.
  return text.length === 2 ? (y < 69 ? 2000 + y : 1900 + y) : y;
}

type Groups = Record<string, string | undefined>;

/** Time of day in ms and its format suffix; null when out of range. */
function readTime(g: Groups): { ms: number; format: string; offsetMs: number } | null {
  let offsetMs = 0;
  let zoneFormat = '';
  if (g.z !== undefined) {
    zoneFormat = g.z === 'Z' ? 'Z' : g.z === 'UTC' || g.z === 'GMT' ? ' z' : 'Z';
    const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(g.z);
    if (m) offsetMs = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) * 60_000;
  }
  if (g.h === undefined) return { ms: 0, format: zoneFormat, offsetMs };
  let hour = Number(g.h);
  const minute = Number(g.mi);
  const second = Number(g.s ?? 0);
  if (minute > 59 || second > 59) return null;
  const sep = g.tsep === 'T' ? 'T' : ' ';
  const seconds = g.s !== undefined ? ':ss' : '';
  const fraction = g.f !== undefined ? '.SSS' : '';
  let format: string;
  if (g.ap !== undefined) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (/^p/i.test(g.ap) ? 12 : 0);
    format = `${sep}h:mm${seconds}${fraction} A`;
  } else {
    if (hour > 23) return null;
    format = `${sep}HH:mm${seconds}${fraction}`;
  }
  const fractionMs = g.f !== undefined ? Math.floor(Number(`0.${g.f}`) * 1000) : 0;
  return { ms: ((hour * 60 + minute) * 60 + second) * 1000 + fractionMs, format: format + zoneFormat, offsetMs };
}

function match(pattern: RegExp, text: string): Groups | null {
  return pattern.exec(text)?.groups ?? null;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

function hasDigit(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isDigit(text.charCodeAt(i))) return true;
  return false;
}
const digits2 = (s: string, i: number): number => (s.charCodeAt(i) - 48) * 10 + s.charCodeAt(i + 1) - 48;
const isoTemplates = new Map<number, string>();

/** `YYYY-MM-DD` plus the time layout of an ISO cell, built once per layout. */
function isoTemplate(tSep: boolean, seconds: boolean, fraction: boolean, z: boolean): string {
  const key = (tSep ? 1 : 0) | (seconds ? 2 : 0) | (fraction ? 4 : 0) | (z ? 8 : 0);
  let template = isoTemplates.get(key);
  if (template === undefined) {
    template = `YYYY-MM-DD${tSep ? 'T' : ' '}HH:mm${seconds ? ':ss' : ''}${fraction ? '.SSS' : ''}${z ? 'Z' : ''}`;
    isoTemplates.set(key, template);
  }
  return template;
}

/**
 * The layouts machine exports write most (`2024-03-05`, `2024-03-05T10:20:30.123Z`, `3/5/2024`),
 * read by character codes instead of the patterns below; `undefined` when the cell is anything
 * else, and the patterns decide. For these cells the result equals the patterns' (tested).
 */
function matchCommonDate(text: string): DateMatch | null | undefined {
  const n = text.length;
  if (n >= 10 && isDigit(text.charCodeAt(0)) && isDigit(text.charCodeAt(1)) && isDigit(text.charCodeAt(2)) && isDigit(text.charCodeAt(3))
    && text.charCodeAt(4) === 45 && isDigit(text.charCodeAt(5)) && isDigit(text.charCodeAt(6)) && text.charCodeAt(7) === 45
    && isDigit(text.charCodeAt(8)) && isDigit(text.charCodeAt(9))) {
    const year = digits2(text, 0) * 100 + digits2(text, 2);
    const month = digits2(text, 5);
    const day = digits2(text, 8);
    if (n === 10) return { year, first: month, second: day, order: 'md', template: 'YYYY-MM-DD', timeMs: 0, hasTime: false, offsetMs: 0 };
    // `THH:mm`, then optional `:ss`, `.fraction` and `Z`: 2-digit hours only, the rest goes to the patterns.
    const sep = text.charCodeAt(10);
    if ((sep !== 84 && sep !== 32) || n < 16 || !isDigit(text.charCodeAt(11)) || !isDigit(text.charCodeAt(12)) || text.charCodeAt(13) !== 58
      || !isDigit(text.charCodeAt(14)) || !isDigit(text.charCodeAt(15))) return undefined;
    const z = text.charCodeAt(n - 1) === 90;
    const end = z ? n - 1 : n;
    let at = 16;
    let second = 0;
    let fractionMs = 0;
    const seconds = at < end && text.charCodeAt(at) === 58;
    if (seconds) {
      if (at + 3 > end || !isDigit(text.charCodeAt(at + 1)) || !isDigit(text.charCodeAt(at + 2))) return undefined;
      second = digits2(text, at + 1);
      at += 3;
    }
    const fraction = seconds && at < end && text.charCodeAt(at) === 46;
    if (fraction) {
      const from = at + 1;
      for (at = from; at < end && isDigit(text.charCodeAt(at)); at++);
      if (at === from || at - from > 9) return undefined;
      // Up to three digits this equals `Math.floor(Number('0.' + digits) * 1000)` (checked for all).
      if (at - from <= 3) for (let i = 0; i < 3; i++) fractionMs = fractionMs * 10 + (from + i < at ? text.charCodeAt(from + i) - 48 : 0);
      else fractionMs = Math.floor(Number(`0.${text.slice(from, at)}`) * 1000);
    }
    if (at !== end) return undefined;
    const hour = digits2(text, 11);
    const minute = digits2(text, 14);
    if (minute > 59 || second > 59 || hour > 23) return null;
    const timeMs = ((hour * 60 + minute) * 60 + second) * 1000 + fractionMs;
    return { year, first: month, second: day, order: 'md', template: isoTemplate(sep === 84, seconds, fraction, z), timeMs, hasTime: true, offsetMs: 0 };
  }
  // `M/D/YYYY`, `D.M.YYYY`, `M-D-YYYY` without a time.
  if (n < 8 || n > 10 || !isDigit(text.charCodeAt(0))) return undefined;
  const s1 = isDigit(text.charCodeAt(1)) ? 2 : 1;
  const sep = text.charCodeAt(s1);
  if (sep !== 47 && sep !== 46 && sep !== 45) return undefined;
  const b = s1 + 1;
  if (!isDigit(text.charCodeAt(b))) return undefined;
  const s2 = isDigit(text.charCodeAt(b + 1)) ? b + 2 : b + 1;
  if (text.charCodeAt(s2) !== sep || n !== s2 + 5) return undefined;
  for (let i = s2 + 1; i < n; i++) if (!isDigit(text.charCodeAt(i))) return undefined;
  const first = s1 === 2 ? digits2(text, 0) : text.charCodeAt(0) - 48;
  const second = s2 === b + 2 ? digits2(text, b) : text.charCodeAt(b) - 48;
  const year = digits2(text, s2 + 1) * 100 + digits2(text, s2 + 3);
  if (sep === 46) return { year, first, second, order: 'dm', template: 'DD.MM.YYYY', timeMs: 0, hasTime: false, offsetMs: 0 };
  return { year, first, second, order: 'either', template: sep === 47 ? 'P1/P2/YYYY' : 'P1-P2-YYYY', timeMs: 0, hasTime: false, offsetMs: 0 };
}

/** Reads a cell's date shape without deciding day/month order. Null when it is no date. */
export function matchDate(raw: string): DateMatch | null {
  const common = matchCommonDate(raw);
  if (common !== undefined) return common;
  return matchDatePattern(raw);
}

/** `matchDate` by the patterns alone: every layout this file reads (exported for tests). */
export function matchDatePattern(raw: string): DateMatch | null {
  // Every layout has a year in digits: words, names and most free text stop here.
  if (!hasDigit(raw)) return null;
  const text = raw.trim().replace(weekdayPrefix, '');
  if (text.length < 6 || text.length > 40) return null;
  let g: Groups | null;
  let order: DateMatch['order'];
  let template: string;
  let first: number;
  if ((g = match(isoPattern, text))) {
    order = 'md';
    template = 'YYYY-MM-DD';
    first = Number(g.a);
  } else if ((g = match(ymdPattern, text))) {
    order = 'md';
    template = `YYYY${g.sep}MM${g.sep}DD`;
    first = Number(g.a);
  } else if ((g = match(numericPattern, text))) {
    // A dot separator is only ever used day first (`DD.MM.YYYY`).
    order = g.sep === '.' ? 'dm' : 'either';
    template = order === 'dm' ? `DD.MM.${(g.y ?? '').length === 2 ? 'YY' : 'YYYY'}` : `P1${g.sep}P2${g.sep}${(g.y ?? '').length === 2 ? 'YY' : 'YYYY'}`;
    first = Number(g.a);
  } else if ((g = match(dayMonthPattern, text))) {
    const month = monthOf(g.mon ?? '');
    if (month === null) return null;
    const sep = (g.sep ?? ' ').includes('-') ? '-' : (g.sep ?? ' ').includes('/') ? '/' : ' ';
    order = 'md';
    template = `D${sep}MMM${sep}${(g.y ?? '').length === 2 ? 'YY' : 'YYYY'}`;
    first = month;
  } else if ((g = match(monthDayPattern, text))) {
    const month = monthOf(g.mon ?? '');
    if (month === null) return null;
    order = 'md';
    template = `MMM D${g.comma ?? ''} YYYY`;
    first = month;
  } else {
    return null;
  }
  const t = readTime(g);
  if (t === null) return null;
  return {
    year: fullYear(g.y ?? ''),
    first,
    second: Number(g.b),
    order,
    template: template + t.format,
    timeMs: t.ms,
    hasTime: g.h !== undefined,
    offsetMs: t.offsetMs,
  };
}

const monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days of a month (1..12) in the proleptic Gregorian calendar, as Date.UTC counts them. */
function daysInMonth(year: number, month: number): number {
  if (month !== 2) return monthDays[month - 1]!;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

/** `P1/P2/YYYY` templates settled to `MM/DD/YYYY` (month first) or `DD/MM/YYYY`, cached. */
const settledTemplates = [new Map<string, string>(), new Map<string, string>()] as const;

function settleTemplate(template: string, monthFirst: boolean): string {
  const cache = settledTemplates[monthFirst ? 0 : 1];
  let format = cache.get(template);
  if (format === undefined) {
    format = template.replace('P1', monthFirst ? 'MM' : 'DD').replace('P2', monthFirst ? 'DD' : 'MM');
    if (cache.size < 256) cache.set(template, format);
  }
  return format;
}

/** Settles a match under the column's day/month order; null for impossible dates (31 Feb). */
export function resolveDate(m: DateMatch, dayFirst: boolean): ParsedDate | null {
  const monthFirst = m.order === 'md' || (m.order === 'either' && !dayFirst);
  const month = monthFirst ? m.first : m.second;
  const day = monthFirst ? m.second : m.first;
  if (m.year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(m.year, month)) return null;
  const midnight = Date.UTC(m.year, month - 1, day);
  const format = m.order === 'either' ? settleTemplate(m.template, monthFirst) : m.template;
  return { ms: midnight + m.timeMs - m.offsetMs, format, hasTime: m.hasTime };
}

/** Epoch milliseconds of a number (or digit string) in the 1990..2100 range, read as s or ms. */
export function epochDate(value: CellValue): ParsedDate | null {
  let n: number;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string' && /^\s*\d{9,13}(?:\.\d+)?\s*$/.test(value)) n = Number(value);
  else return null;
  if (n >= epochSecondsMin && n < epochSecondsMax) return { ms: Math.round(n * 1000), format: 'epoch-s', hasTime: true };
  if (n >= epochSecondsMin * 1000 && n < epochSecondsMax * 1000) return { ms: Math.round(n), format: 'epoch-ms', hasTime: true };
  return null;
}

/** Parses one cell under the column's options; null when it is no date. */
export function parseDate(value: CellValue, options: DateParseOptions): ParsedDate | null {
  if (options.epoch) {
    const epoch = epochDate(value);
    if (epoch) return epoch;
  }
  if (typeof value !== 'string') return null;
  const m = matchDate(value);
  return m ? resolveDate(m, options.dayFirst) : null;
}

/** `2024-03-05` for a midnight, the full ISO 8601 instant otherwise. */
export function isoFromMs(ms: number, withTime: boolean): string {
  const iso = new Date(ms).toISOString();
  return withTime || ms % msPerDay !== 0 ? iso : iso.slice(0, 10);
}
