// The text two key cells are compared by. `exact` relationships join on the value as written;
// `normalised` ones on a folded form where `C-00012`, `c-00012`, ` C-00012` and `12` meet.
// Relationship discovery (fusion/relate) has its own normaliser for measuring containment;
// the two are to be unified later, until then keep their folding rules alike.
import { cellText } from '../../profile';
import type { CellValue } from '../../store';
import type { KeyMatch } from '../types';

/** A letter prefix, an optional separator, then digits: `C-00012`, `ord_7`, `SKU 0042`. */
const prefixedNumber = /^[\p{L}]*[\s\-_/#.:]*0*(\d+)$/u;

/** The join key of a cell under a relationship's key match; null for a missing cell. */
export function joinKey(value: CellValue | undefined, match: KeyMatch): string | null {
  const text = cellText(value);
  if (text === null) return null;
  if (match === 'exact') return text;
  const folded = text.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
  if (folded.length === 0) return null;
  const numbered = prefixedNumber.exec(folded);
  // Ids that are a prefix and a number meet on the number alone, without zero padding.
  return numbered?.[1] ?? folded;
}
