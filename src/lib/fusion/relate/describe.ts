// Evidence for a link the user drew by hand. The pair is taken as given (the user's `from` and
// `to`, no thresholds); it is measured by key overlap and, where that finds little between two
// text columns, by similarity, and whichever finds more of `from` in `to` is reported.
import { AppError } from '../../errors';
import type { ColumnRef, FusionTable, Relationship } from '../types';
import { columnKeyStats } from './column-key-stats';
import { relateOptions, type RelateOptions } from './options';
import { fuzzyRelationship, keyRelationship, type KeyColumn } from './relationship';

function keyColumn(tables: readonly FusionTable[], ref: ColumnRef, options: RelateOptions): KeyColumn {
  const table = tables.find((t) => t.name === ref.table);
  const column = table?.columns.find((c) => c.name === ref.column);
  if (!table || !column) {
    throw new AppError('not-found', `There is no column "${ref.column}" in "${ref.table}". Pick a column of a loaded table.`, { ...ref });
  }
  return { column, stats: columnKeyStats(table, column, options) };
}

/** The user's link from `from` to `to`, measured and explained; status `confirmed`. */
export function describeRelationship(
  tables: readonly FusionTable[],
  from: ColumnRef,
  to: ColumnRef,
  overrides: Partial<RelateOptions> = {},
): Relationship {
  const options = relateOptions(overrides);
  const fromColumn = keyColumn(tables, from, options);
  const toColumn = keyColumn(tables, to, options);
  const byKey = keyRelationship(fromColumn, toColumn, options, 'confirmed');
  const textual = fromColumn.stats.type === 'text' && toColumn.stats.type === 'text';
  if (!textual || byKey.containment >= options.minContainment) return byKey;
  const bySimilarity = fuzzyRelationship(fromColumn, toColumn, options, 'confirmed');
  return bySimilarity.containment > byKey.containment ? bySimilarity : byKey;
}
