// The pass over values behind the quality checks: per column, counts and example rows of
// cells that break the column's own conventions (a minority date format or decimal mark, an
// invalid email, a negative price, a future date, stray spaces, mojibake), plus bounded
// per-value counts of categorical columns for spotting `Germany` vs ` germany`. Which checks
// run on a column is decided once from its profile, so the pass costs little per cell.
import { cellText } from './cell-text';
import { hasLostCharacters, hasMojibake } from './clean/encoding';
import { ownString } from './own-string';
import { nameTokens } from './names';
import { readCell, statFamily, type StatFamily } from './read-cell';
import { bestRole } from './roles';
import type { CellValue } from '../store';
import type { ColumnProfile, DecimalSeparator } from './types';

const exampleLimit = 5;
/** Categorical values counted per column before giving up (real categories are far fewer). */
const categoryLimit = 5000;

/** Stricter than inference's shape test: one @, a dotted domain, no spaces or double dots. */
const validEmail = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}$/;

export function isValidEmail(text: string): boolean {
  return validEmail.test(text) && !text.includes('..') && !text.startsWith('.') && !text.split('@')[0]!.endsWith('.');
}

/** What spellings of one category share: `  Germany ` and `GERMANY` both give `germany`. */
export function categoryKey(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Rows and a count of cells that failed one check. */
export class Tally {
  count = 0;
  rows: number[] = [];

  hit(row: number): void {
    this.count++;
    if (this.rows.length < exampleLimit) this.rows.push(row);
  }
}

/** Names saying a date may lie ahead (`expires_at`, `due_date`): future dates are no issue there. */
const futureWords = ['expires', 'expiry', 'expiration', 'due', 'until', 'end', 'ends', 'valid', 'delivery', 'scheduled', 'planned'];

export class ColumnScan {
  readonly profile: ColumnProfile;
  readonly minorityFormat = new Tally();
  readonly invalidEmails = new Tally();
  readonly invalidEmailValues = new Set<string>();
  readonly negatives = new Tally();
  readonly future = new Tally();
  readonly edgeSpaces = new Tally();
  readonly innerSpaces = new Tally();
  readonly mojibake = new Tally();
  readonly lostCharacters = new Tally();
  /** Cells stored the less common way (text among JSON numbers, or numbers among text). */
  readonly storedMinority = new Tally();
  readonly #minorityStored: 'string' | 'number' | null;
  /** value -> [count, first row], for categorical columns; null once past the limit. */
  categories: Map<string, [number, number]> | null;
  readonly #family: StatFamily;
  readonly #dominantFormat: string | null;
  readonly #dominantDecimal: DecimalSeparator | null;
  readonly #checkEmail: boolean;
  readonly #checkNegative: boolean;
  readonly #checkFuture: boolean;
  readonly #now: number;

  constructor(profile: ColumnProfile, now: number) {
    this.profile = profile;
    this.#now = now;
    const { type } = profile.inference;
    this.#family = statFamily(type);
    this.#dominantFormat = this.#family === 'date' ? (profile.formats[0]?.value ?? null) : null;
    const n = profile.numeric;
    this.#dominantDecimal = n && n.decimalPoint > 0 && n.decimalComma > 0 ? (n.decimalPoint >= n.decimalComma ? '.' : ',') : null;
    const role = bestRole(profile);
    this.#checkEmail = type === 'email' || role === 'email';
    this.#checkNegative = this.#family === 'number' && (role === 'price' || type === 'decimal');
    this.#checkFuture = this.#family === 'date' && !nameTokens(profile.name).some((t) => futureWords.includes(t));
    this.categories = type === 'categorical' ? new Map() : null;
    const { text, number } = profile.valueTypes;
    this.#minorityStored = text > 0 && number > 0 ? (text < number ? 'string' : 'number') : null;
  }

  add(cells: readonly CellValue[], rowIndex: Int32Array): void {
    const { type, parse } = this.profile.inference;
    for (let i = 0; i < cells.length; i++) {
      const value = cells[i] ?? null;
      const text = cellText(value);
      if (text === null) continue;
      const row = rowIndex[i] ?? i;
      if (this.#minorityStored !== null && typeof value === this.#minorityStored) this.storedMinority.hit(row);
      if (typeof value === 'string') this.#text(value, row);
      if (this.#family === 'number' || this.#family === 'date') {
        const cell = readCell(value, type, parse);
        if (cell.kind === 'number') {
          if (this.#dominantDecimal && cell.parsed.decimalMark && cell.parsed.decimalMark !== this.#dominantDecimal) this.minorityFormat.hit(row);
          if (this.#checkNegative && cell.value < 0) this.negatives.hit(row);
        } else if (cell.kind === 'date') {
          if (this.#dominantFormat && cell.date.format !== this.#dominantFormat) this.minorityFormat.hit(row);
          if (this.#checkFuture && cell.date.ms > this.#now) this.future.hit(row);
        }
      }
      if (this.#checkEmail && !isValidEmail(text)) {
        this.invalidEmails.hit(row);
        if (this.invalidEmailValues.size <= 50) this.invalidEmailValues.add(ownString(text));
      }
    }
  }

  #text(text: string, row: number): void {
    if (text !== text.trim()) this.edgeSpaces.hit(row);
    else if (/\s{2,}/.test(text)) this.innerSpaces.hit(row);
    if (hasMojibake(text)) this.mojibake.hit(row);
    if (hasLostCharacters(text)) this.lostCharacters.hit(row);
    const categories = this.categories;
    if (categories) {
      const seen = categories.get(text);
      if (seen) seen[0]++;
      else if (categories.size < categoryLimit) categories.set(ownString(text), [1, row]);
      else this.categories = null;
    }
  }
}
