// Golden records: one row per entity, each field merged from its members' values by a rule, with
// lineage saying which source row every value came from. Rules are data, so the UI can offer a
// per-field choice and replay it.
import { isMissing, parseDate } from '../../profile';
import type { CellValue } from '../../store';
import { AppError } from '../../errors';
import type { FusionTable } from '../types';
import type { EntityMember } from './types';

export const mergeRules = ['most-recent', 'most-frequent', 'longest', 'first-non-missing', 'choose'] as const;
export type MergeRule = (typeof mergeRules)[number];

/** A column name per side ([left, right]); one string means the same name on both sides. */
export type SideColumns = string | readonly [string | null, string | null];

export interface FieldMerge {
  /** Field name in the golden record. */
  field: string;
  rule: MergeRule;
  /** Where the field lives in each table; defaults to `field` on both sides. */
  columns?: SideColumns;
  /** most-recent: the date column that says which row is newest. */
  recency?: SideColumns;
  /** choose: the member whose value the user picked. */
  chosen?: EntityMember;
}

export interface GoldenRecord {
  values: Record<string, CellValue>;
  /** The member each value came from; null when every member was missing. */
  lineage: Record<string, EntityMember | null>;
}

const columnOf = (columns: SideColumns, side: 0 | 1): string | null => (typeof columns === 'string' ? columns : columns[side]);

function cell(tables: readonly FusionTable[], columns: SideColumns, m: EntityMember): CellValue {
  const name = columnOf(columns, m.side);
  if (name === null) return null;
  const table = tables[m.side] ?? tables[0];
  const value = table?.columns.find((c) => c.name === name)?.values[m.row] ?? null;
  return isMissing(value) ? null : value;
}

function pick(rule: FieldMerge, tables: readonly FusionTable[], members: readonly EntityMember[]): EntityMember | null {
  const columns = rule.columns ?? rule.field;
  const present = members.filter((m) => cell(tables, columns, m) !== null);
  if (present.length === 0) return null;
  switch (rule.rule) {
    case 'first-non-missing':
      return present[0]!;
    case 'longest':
      return present.reduce((best, m) => (String(cell(tables, columns, m)).length > String(cell(tables, columns, best)).length ? m : best));
    case 'most-frequent': {
      const counts = new Map<string, number>();
      for (const m of present) {
        const key = String(cell(tables, columns, m)).trim().toLowerCase();
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      const countOf = (m: EntityMember): number => counts.get(String(cell(tables, columns, m)).trim().toLowerCase()) ?? 0;
      return present.reduce((best, m) => (countOf(m) > countOf(best) ? m : best));
    }
    case 'most-recent': {
      if (rule.recency === undefined) throw new AppError('input-malformed', `"${rule.field}" merges by most recent but names no date column.`, { field: rule.field });
      const recency = rule.recency;
      const time = (m: EntityMember): number => parseDate(cell(tables, recency, m), { dayFirst: false, epoch: true })?.ms ?? -Infinity;
      return present.reduce((best, m) => (time(m) > time(best) ? m : best));
    }
    case 'choose': {
      const chosen = rule.chosen;
      if (!chosen) throw new AppError('input-malformed', `"${rule.field}" is set to a choice but none was made.`, { field: rule.field });
      return present.find((m) => m.side === chosen.side && m.row === chosen.row) ?? null;
    }
  }
}

/** Merges one entity. `tables[0]` is the left table, `tables[1]` the right (omit it when deduping). */
export function goldenRecord(tables: readonly FusionTable[], members: readonly EntityMember[], rules: readonly FieldMerge[]): GoldenRecord {
  const ordered = [...members].sort((x, y) => x.side - y.side || x.row - y.row);
  const values: Record<string, CellValue> = {};
  const lineage: Record<string, EntityMember | null> = {};
  for (const rule of rules) {
    const from = pick(rule, tables, ordered);
    values[rule.field] = from ? cell(tables, rule.columns ?? rule.field, from) : null;
    lineage[rule.field] = from;
  }
  return { values, lineage };
}
