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

/** Reads a cell's date shape without deciding day/month order. Null when it is no date. */
export function matchDate(raw: string): DateMatch | null {
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

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Settles a match under the column's day/month order; null for impossible dates (31 Feb). */
export function resolveDate(m: DateMatch, dayFirst: boolean): ParsedDate | null {
  const monthFirst = m.order === 'md' || (m.order === 'either' && !dayFirst);
  const month = monthFirst ? m.first : m.second;
  const day = monthFirst ? m.second : m.first;
  if (m.year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(m.year, month)) return null;
  const midnight = Date.UTC(m.year, month - 1, day);
  const format = m.order === 'either' ? m.template.replace('P1', monthFirst ? 'MM' : 'DD').replace('P2', monthFirst ? 'DD' : 'MM') : m.template;
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
