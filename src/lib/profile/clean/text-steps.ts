// Steps that rewrite text cells one by one. Numbers, booleans and nulls pass through: storage
// only keeps a number when it printed back exactly, so there is no text to fix in them.
import { withColumn, requireColumn } from '../batch';
import { describeStep, type CaseMode, type CleanStep } from './steps';
import { repairMojibake } from './encoding';
import type { CellValue } from '../../store';
import type { ColumnBatch } from '../types';

export type TextStep = Extract<CleanStep, { op: 'trim' | 'collapse-whitespace' | 'case' | 'normalize-unicode' | 'repair-encoding' | 'replace-values' }>;

function titleCase(text: string): string {
  return text.toLowerCase().replace(/(^|[\s\-/(])(\p{L})/gu, (_, before: string, letter: string) => before + letter.toUpperCase());
}

function changeCase(text: string, mode: CaseMode): string {
  switch (mode) {
    case 'lower': return text.toLowerCase();
    case 'upper': return text.toUpperCase();
    case 'title': return titleCase(text);
  }
}

/** The per-cell function of a text step. */
function textFunction(step: TextStep): (cell: CellValue) => CellValue {
  const onText = (f: (s: string) => CellValue) => (cell: CellValue): CellValue => (typeof cell === 'string' ? f(cell) : cell);
  switch (step.op) {
    case 'trim': return onText((s) => s.trim());
    case 'collapse-whitespace': return onText((s) => s.replace(/\s+/g, ' ').trim());
    case 'case': return onText((s) => changeCase(s, step.mode));
    case 'normalize-unicode': return onText((s) => s.normalize(step.form));
    case 'repair-encoding': return onText(repairMojibake);
    case 'replace-values': {
      // A Map, not an object: cell texts like `__proto__` must not reach the prototype.
      const table = new Map(step.replacements.map((r) => [r.from, r.to] as const));
      return (cell) => {
        if (cell === null) return cell;
        const text = typeof cell === 'string' ? cell : String(cell);
        return table.has(text) ? (table.get(text) ?? null) : cell;
      };
    }
  }
}

export function applyTextStep(batch: ColumnBatch, step: TextStep): ColumnBatch {
  const at = requireColumn(batch, step.column, describeStep(step));
  const f = textFunction(step);
  return withColumn(batch, at, (batch.columns[at] ?? []).map(f));
}
