// Every row a quality issue is about, not just its examples: a test per issue kind that the
// grid runs over the stored rows (in the worker) to filter to exactly the affected rows. The
// tests mirror the checks of quality-scan.ts and quality.ts; a test asserts that on the demo
// shop each one finds as many rows as the issue counts, so the two cannot drift apart.
import { cellText } from './cell-text';
import { hasLostCharacters, hasMojibake } from './clean/encoding';
import type { QualityIssue } from './quality';
import { isValidEmail } from './quality-scan';
import { readCell, statFamily } from './read-cell';
import type { CellValue } from '../store';
import type { ColumnProfile } from './types';

/** Whether one cell of the issue's column is affected. */
export type CellTest = (value: CellValue) => boolean;

/** Null for issues that are not about single cells: repeated rows come from a duplicate scan. */
export function issueCellTest(issue: QualityIssue, profile: ColumnProfile, now: number): CellTest | null {
  const { type, parse } = profile.inference;
  const family = statFamily(type);
  const text = (value: CellValue) => (typeof value === 'string' ? value : null);
  switch (issue.kind) {
    case 'missing-values':
      return (value) => cellText(value) === null;
    case 'inconsistent-formats': {
      if (family === 'date') {
        const dominant = profile.formats[0]?.value ?? null;
        return (value) => {
          const cell = readCell(value, type, parse);
          return cell.kind === 'date' && dominant !== null && cell.date.format !== dominant;
        };
      }
      const n = profile.numeric;
      const dominant = n && n.decimalPoint >= n.decimalComma ? '.' : ',';
      return (value) => {
        const cell = readCell(value, type, parse);
        return cell.kind === 'number' && cell.parsed.decimalMark !== null && cell.parsed.decimalMark !== dominant;
      };
    }
    case 'mixed-currencies': {
      const dominant = profile.numeric?.currencies[0]?.value ?? null;
      return (value) => {
        const cell = readCell(value, type, parse);
        return cell.kind === 'number' && cell.parsed.currency !== null && cell.parsed.currency !== dominant;
      };
    }
    case 'ambiguous-dates':
      return (value) => {
        const cell = readCell(value, type, parse);
        return cell.kind === 'date' && /^(MM|DD)[/-](DD|MM)/.test(cell.date.format);
      };
    case 'invalid-emails':
      return (value) => {
        const t = cellText(value);
        return t !== null && !isValidEmail(t);
      };
    case 'negative-prices':
      return (value) => {
        const cell = readCell(value, type, parse);
        return cell.kind === 'number' && cell.value < 0;
      };
    case 'future-dates':
      return (value) => {
        const cell = readCell(value, type, parse);
        return cell.kind === 'date' && cell.date.ms > now;
      };
    case 'mojibake':
      return (value) => {
        const t = text(value);
        return t !== null && hasMojibake(t);
      };
    case 'lost-characters':
      return (value) => {
        const t = text(value);
        return t !== null && hasLostCharacters(t);
      };
    case 'stray-whitespace':
      return (value) => {
        const t = text(value);
        return t !== null && (t !== t.trim() || /\s{2,}/.test(t));
      };
    case 'mixed-types': {
      const { text: asText, number: asNumber } = profile.valueTypes;
      const minority = asText > 0 && asNumber > 0 ? (asText < asNumber ? 'string' : 'number') : null;
      return (value) => {
        if (cellText(value) === null) return false;
        if (minority !== null && typeof value === minority) return true;
        return family !== 'text' && readCell(value, type, parse).kind === 'invalid';
      };
    }
    case 'outliers': {
      const o = profile.outliers;
      if (!o) return null;
      return (value) => {
        const cell = readCell(value, type, parse);
        return cell.kind === 'number' && (cell.value < o.lower || cell.value > o.upper);
      };
    }
    case 'inconsistent-categories': {
      const fix = issue.fix;
      if (fix?.op !== 'replace-values') return null;
      const spellings = new Set(fix.replacements.map((r) => r.from));
      return (value) => {
        const t = text(value);
        return t !== null && spellings.has(t);
      };
    }
    default:
      return null;
  }
}
