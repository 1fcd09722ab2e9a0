// Booleans as exports write them: `true/false`, `yes/no`, `Y/N`, `1/0`, `on/off`, and a few
// other languages. Digits count only in columns already decided to be boolean (infer-type.ts),
// since a column of 0s and 1s is more often a count than a flag.
import type { CellValue } from '../store';

const trueWords = new Set(['true', 't', 'yes', 'y', 'on', 'ja', 'j', 'si', 'sí', 'oui', 'vrai', 'wahr']);
const falseWords = new Set(['false', 'f', 'no', 'n', 'off', 'nein', 'non', 'faux', 'falsch']);

/** A boolean word (not a digit), or null. */
export function booleanWord(text: string): boolean | null {
  const t = text.trim().toLowerCase();
  if (trueWords.has(t)) return true;
  if (falseWords.has(t)) return false;
  return null;
}

/** A cell of a boolean column: booleans, boolean words, and `1`/`0`. */
export function parseBooleanCell(value: CellValue): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : null;
  if (value === null) return null;
  const t = value.trim();
  if (t === '1') return true;
  if (t === '0') return false;
  return booleanWord(t);
}
