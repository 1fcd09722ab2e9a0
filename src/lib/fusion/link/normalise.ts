// Cleaning a cell before it is compared. The aim is that two spellings of one thing become the
// same string: case, accents and punctuation go; units are rewritten to one form, so a supplier's
// "0.5KG" meets the shop's "500g" and "80CL" meets "0.8L" (both "800ml").
import { parseBooleanCell } from '../../profile';
import type { CellValue } from '../../store';
import { countryCode } from './country-codes';
import type { Normaliser } from './types';

const massFactor: Readonly<Record<string, number>> = { mg: 0.001, g: 1, gr: 1, grams: 1, kg: 1000 };
const volumeFactor: Readonly<Record<string, number>> = { ml: 1, cl: 10, dl: 100, l: 1000, ltr: 1000 };
const countWords = new Set(['pcs', 'pc', 'ct', 'x', 'pack', 'pk', 'pieces']);

/** Strips accents: NFKD splits "é" into "e" + a combining mark, which we drop. */
function foldAccents(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
}

const tidyNumber = (n: number): string => String(Math.round(n * 1000) / 1000);

/** "0.5 KG" -> "500g", "80cl" -> "800ml", "20 pcs" / "x20" / "(20)" / "pack of 20" / "20-pack" -> "x20". Input is lower-case. */
function canonicalUnits(text: string): string {
  return text
    .replace(/(\d+(?:[.,]\d+)?)\s*(mg|grams|gr|kg|g|ml|cl|dl|ltr|l)\b/g, (_, num: string, unit: string) => {
      const n = Number(num.replace(',', '.'));
      const mass = massFactor[unit];
      return mass !== undefined ? ` ${tidyNumber(n * mass)}g ` : ` ${tidyNumber(n * (volumeFactor[unit] ?? 1))}ml `;
    })
    .replace(/\bpack of (\d+)\b|\b(\d+)\s*-?\s*(?:pk|pack)\b/g, (_, a?: string, b?: string) => ` x${a ?? b} `)
    .replace(/\bx\s*(\d+)\b|\((\d+)\)|\b(\d+)\s*(pcs|pc|ct|pieces|x)\b/g, (whole, a?: string, b?: string, c?: string, word?: string) => {
      const n = a ?? b ?? c;
      if (n === undefined || (word !== undefined && !countWords.has(word))) return whole;
      return ` x${n} `;
    });
}

/** The cleaned text of a cell, or null when it is missing or blank. */
export function normaliseValue(value: CellValue, normaliser: Normaliser): string | null {
  if (value === null) return null;
  let text = String(value).trim();
  if (text === '') return null;
  switch (normaliser) {
    case 'none':
      return text;
    case 'email':
      return text.toLowerCase();
    case 'boolean': {
      const flag = parseBooleanCell(value);
      return flag === null ? null : String(flag);
    }
    case 'country':
      return countryCode(text.toLowerCase().replace(/\s+/g, ' '));
    case 'phone': {
      // Country prefixes and trunk zeros vary ("+49 176 ..." vs "0176-..."); the subscriber
      // number at the end does not.
      const digits = text.replace(/\D/g, '');
      return digits.length === 0 ? null : digits.slice(-9);
    }
    case 'name':
      text = foldAccents(text).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ');
      break;
    case 'quantity': {
      // The sizes, counts and numbers of a title, sorted: "Filters Size 02 x200" -> "02 200". A
      // title without any is "" rather than missing: two unsized items (a mug, a T-shirt) agree.
      // A count is its number: "Pack of 2" split by a ledger ("2, ... pack of") still says 2.
      const words = normaliseValue(value, 'text')?.split(' ').filter((w) => /\d/.test(w)).map((w) => w.replace(/^x(?=\d)/, ''));
      return words === undefined ? null : [...new Set(words)].sort().join(' ');
    }
    case 'text':
      text = canonicalUnits(foldAccents(text).toLowerCase().replace(/&/g, ' and ')).replace(/[^\p{L}\p{N}]+/gu, ' ');
      break;
  }
  text = text.replace(/\s+/g, ' ').trim();
  return text === '' ? null : text;
}

/** Words of a normalised text. */
export function tokensOf(text: string): string[] {
  return text.split(' ').filter((t) => t.length > 0);
}

/** Character q-grams of a normalised text, padded so first and last letters count too. */
export function qgramsOf(text: string, q: number): string[] {
  const padded = `${' '.repeat(q - 1)}${text}${' '.repeat(q - 1)}`;
  const out: string[] = [];
  for (let i = 0; i + q <= padded.length; i++) out.push(padded.slice(i, i + q));
  return out;
}
