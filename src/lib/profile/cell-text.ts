// Reading a cell as text, and deciding that it is missing. Exports write "no value" in many
// ways; treating `N/A` or `null` as data would make every numeric column look mixed.
import type { CellValue } from '../store';

const missingTokens = new Set(['', 'na', 'n/a', 'n.a.', 'null', 'none', 'nan', '#n/a', 'nil', '-', '--', '—', 'undefined']);

export function isMissing(value: CellValue | undefined): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'number') return Number.isNaN(value);
  if (typeof value === 'boolean') return false;
  if (value.length > 9) return false;
  // Most cells start with a digit or a letter no missing token starts with: skip the set lookup.
  const first = value.charCodeAt(0);
  if ((first >= 48 && first <= 57) || (first >= 65 && first <= 77) || (first >= 97 && first <= 109)) return false;
  return missingTokens.has(value.trim().toLowerCase());
}

/** The cell as written (numbers and booleans as they print), or null when missing. */
export function cellText(value: CellValue | undefined): string | null {
  if (isMissing(value)) return null;
  return typeof value === 'string' ? value : String(value);
}
