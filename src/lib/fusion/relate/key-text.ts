// Join keys as text, in two forms. The raw form is the value as written (numbers as their
// canonical text, so JSON's 12 and CSV's "12" agree). The normalised form trims, collapses
// white space and case-folds; in an id-like column (values shaped letters + separator + digits,
// or plain digits) it also drops the column's own prefix and leading zeros, so `C-00012`,
// `c-00012` and `12` all read `12`. A value whose prefix differs from its column's keeps it
// (`x12`), so two id schemes never merge inside one column; discovery refuses to compare two
// columns with different prefixes (`C-` customers against `P-` products).
//
// Keys are hashed while they are scanned, character by character, so hashing millions of
// values builds no intermediate strings; `normaliseKey` runs the same scan into a string for
// examples and tests, so the two can never disagree.
import { fmix } from '../../profile/hash';
import type { CellValue } from '../../store';

/** How a column's values become keys: `idPrefix` is null when the column is not id-like. */
export interface KeyForm {
  normalised: boolean;
  /** Lower-case prefix shared by the column's ids ('' for plain digits); null: not id-like. */
  idPrefix: string | null;
}

/** Receives the characters of one key. */
interface KeySink {
  push(code: number): void;
}

/** The value as text before any normalisation; null for a missing or blank cell. */
export function cellKeyText(value: CellValue): string | null {
  if (value === null) return null;
  if (typeof value === 'string') return isBlank(value) ? null : value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value === 0 ? 0 : value) : null;
  return value ? 'true' : 'false';
}

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isSpace(text.charCodeAt(i))) return false;
  return true;
}

function isSpace(code: number): boolean {
  return code <= 32 || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200b) || code === 0x202f
    || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

const isDigit = (code: number): boolean => code >= 48 && code <= 57;
const isAsciiLetter = (code: number): boolean => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
const lowerAscii = (code: number): number => (code >= 65 && code <= 90 ? code + 32 : code);
/** Separators allowed between an id's prefix and its digits: `C-12`, `C_12`, `C#12`, `C 12`. */
const isIdSeparator = (code: number): boolean => code === 45 || code === 95 || code === 35 || code === 47 || code === 46 || code === 58 || code === 32;

/** Longest letter prefix an id may carry (`SUP-`, `ORD`, `INV`). */
const maxPrefixLength = 8;

/**
 * Where the parts of an id-shaped text lie, or null when it is not one: `prefixEnd` ends the
 * letters (which start at `start`), `digitsStart..end` is the digit run.
 */
interface IdShape {
  start: number;
  prefixEnd: number;
  digitsStart: number;
  end: number;
}

// One shape reused by every scan: parsing millions of ids allocates nothing.
const shape: IdShape = { start: 0, prefixEnd: 0, digitsStart: 0, end: 0 };

function parseIdShape(text: string): IdShape | null {
  let start = 0;
  let end = text.length;
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  let i = start;
  while (i < end && i - start < maxPrefixLength && isAsciiLetter(text.charCodeAt(i))) i++;
  const prefixEnd = i;
  if (i > start && i < end && isIdSeparator(text.charCodeAt(i))) i++;
  const digitsStart = i;
  while (i < end && isDigit(text.charCodeAt(i))) i++;
  if (i !== end || digitsStart === end) return null;
  shape.start = start;
  shape.prefixEnd = prefixEnd;
  shape.digitsStart = digitsStart;
  shape.end = end;
  return shape;
}

/** The lower-case prefix of an id-shaped text ('' for plain digits), null if not id-shaped. */
export function idPrefixOf(text: string): string | null {
  const parsed = parseIdShape(text);
  return parsed ? text.slice(parsed.start, parsed.prefixEnd).toLowerCase() : null;
}

/** Whether the text's letters equal `prefix` (already lower case), compared without copying. */
function prefixEquals(text: string, start: number, end: number, prefix: string): boolean {
  if (end - start !== prefix.length) return false;
  for (let i = start; i < end; i++) if (lowerAscii(text.charCodeAt(i)) !== prefix.charCodeAt(i - start)) return false;
  return true;
}

/** Feeds the key of `text` (not blank) in the given form to `sink`. */
function scanKey(text: string, form: KeyForm, sink: KeySink): void {
  if (!form.normalised) {
    for (let i = 0; i < text.length; i++) sink.push(text.charCodeAt(i));
    return;
  }
  const id = form.idPrefix === null ? null : parseIdShape(text);
  if (id && form.idPrefix !== null) {
    const ownPrefix = id.prefixEnd === id.start || prefixEquals(text, id.start, id.prefixEnd, form.idPrefix);
    if (!ownPrefix) for (let i = id.start; i < id.prefixEnd; i++) sink.push(lowerAscii(text.charCodeAt(i)));
    let d = id.digitsStart;
    while (d < id.end - 1 && text.charCodeAt(d) === 48) d++;
    for (; d < id.end; d++) sink.push(text.charCodeAt(d));
    return;
  }
  // Case-folding outside ASCII needs the platform's rules: one lower-cased copy, only then.
  let folded = text;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 127) {
      folded = text.toLowerCase();
      break;
    }
  }
  let pendingSpace = false;
  let started = false;
  for (let i = 0; i < folded.length; i++) {
    const code = folded.charCodeAt(i);
    if (isSpace(code)) {
      pendingSpace = started;
      continue;
    }
    if (pendingSpace) sink.push(32);
    pendingSpace = false;
    started = true;
    sink.push(lowerAscii(code));
  }
}

/** MurmurHash3's mixing, fed one UTF-16 code unit at a time. */
class KeyHasher implements KeySink {
  h = 0;
  length = 0;

  reset(): void {
    this.h = 0x2f1a8c3b;
    this.length = 0;
  }

  push(code: number): void {
    let k = Math.imul(code, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    let h = this.h ^ k;
    h = (h << 13) | (h >>> 19);
    this.h = (Math.imul(h, 5) + 0xe6546b64) | 0;
    this.length++;
  }

  digest(): number {
    return fmix(this.h ^ this.length);
  }
}

const hasher = new KeyHasher();

/** Unsigned 32-bit hash of the value's key in `form`; -1 for a missing or blank cell. */
export function keyHash(value: CellValue, form: KeyForm): number {
  const text = cellKeyText(value);
  if (text === null) return -1;
  hasher.reset();
  scanKey(text, form, hasher);
  return hasher.digest();
}

/** Hash of a key that is already text (what `normaliseKey` returned), as `keyHash` makes it. */
export function hashKeyText(key: string): number {
  hasher.reset();
  for (let i = 0; i < key.length; i++) hasher.push(key.charCodeAt(i));
  return hasher.digest();
}

class KeyBuilder implements KeySink {
  text = '';
  push(code: number): void {
    this.text += String.fromCharCode(code);
  }
}

/** The value's key in `form` as text (`C-00012` -> `12` in a `c` id column); null when missing. */
export function normaliseKey(value: CellValue, form: KeyForm): string | null {
  const text = cellKeyText(value);
  if (text === null) return null;
  const builder = new KeyBuilder();
  scanKey(text, form, builder);
  return builder.text;
}

/** Share of id-shaped values a column needs before its ids are normalised as ids. */
const idLikeShare = 0.9;
/** Values read to decide whether a column is id-like and which prefix it uses. */
const idSampleSize = 2000;

/**
 * The column's id prefix ('' for plain digits) when at least 90% of its first non-missing
 * values are id-shaped; null otherwise. The most common prefix wins: `C-00012` beside a few
 * `12` and `c-00012` gives `c`.
 */
export function detectIdPrefix(values: readonly CellValue[]): string | null {
  const counts = new Map<string, number>();
  let seen = 0;
  let shaped = 0;
  for (let i = 0; i < values.length && seen < idSampleSize; i++) {
    const text = cellKeyText(values[i] ?? null);
    if (text === null) continue;
    seen++;
    const prefix = idPrefixOf(text);
    if (prefix === null) continue;
    shaped++;
    if (prefix !== '') counts.set(prefix, (counts.get(prefix) ?? 0) + 1);
  }
  if (seen === 0 || shaped < idLikeShare * seen) return null;
  let best = '';
  let bestCount = 0;
  for (const [prefix, count] of counts) {
    if (count > bestCount) [best, bestCount] = [prefix, count];
  }
  // Plain digits dominate: a stray prefixed value must not make the column a prefixed one.
  return bestCount * 2 >= shaped ? best : '';
}

/** Two id-like columns compare normalised only when their prefixes agree or one has none. */
export function prefixesCompatible(a: string | null, b: string | null): boolean {
  return a === null || b === null || a === '' || b === '' || a === b;
}

/**
 * The number an id-shaped text carries (`C-00012` -> 12, `12` -> 12), NaN for other text; with
 * `plain` set, only plain digit strings count. Read without copying, for ranges of id numbers.
 */
export function idNumber(text: string, plain = false): number {
  const parsed = parseIdShape(text);
  if (!parsed || (plain && parsed.digitsStart !== parsed.start)) return NaN;
  let n = 0;
  for (let i = parsed.digitsStart; i < parsed.end; i++) n = n * 10 + (text.charCodeAt(i) - 48);
  return n;
}
