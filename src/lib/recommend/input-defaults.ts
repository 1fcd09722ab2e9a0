import { columnRole, columnWithRole } from '../fusion/column-role';
import type { Role } from '../profile';
import type { Source } from '../store';

// What the "Recommendations" form preselects, from the columns' roles: the richest interaction
// table (most rows) among those that name a customer and a product, directly (reviews, the
// warehouse's events view) or through a lookup by order id (order lines get their customer and
// date from orders); then the user, item, rating and time columns, and a catalogue with text.

type Table = Pick<Source, 'id' | 'name' | 'rowCount' | 'columns' | 'overrides' | 'profile' | 'cleanProfile'>;

export interface RecommendInputs {
  sourceId: string;
  /** '' where nothing fits. */
  userColumn: string;
  itemColumn: string;
  ratingColumn: string;
  timeColumn: string;
  lookup: { sourceId: string; on: string; key: string } | null;
  catalogue: { sourceId: string; keyColumn: string; textColumns: string[]; nameColumn: string | null } | null;
}

/**
 * Item text, in the order it is joined: the title first (it says most), then categories.
 * Descriptions are left to the user: they cost the text encoder most (its time grows with the
 * words) and in shop catalogues often repeat boilerplate. A catalogue with nothing else uses them.
 */
const textRoles: readonly Role[] = ['title', 'category'];
const fallbackRoles: readonly Role[] = ['description'];

/** The table whose key column gives `table`'s rows a customer (orders for order lines), or null. */
export function customerLookup(table: Table, tables: readonly Table[]): { sourceId: string; on: string; key: string } | null {
  const on = columnWithRole(table, 'order-id');
  if (!on || columnWithRole(table, 'customer-id')) return null;
  const candidates = tables.filter((t) => t.id !== table.id && columnWithRole(t, 'order-id') && columnWithRole(t, 'customer-id'));
  const lookup = candidates.find((t) => !columnWithRole(t, 'product-id')) ?? candidates[0];
  return lookup ? { sourceId: lookup.id, on, key: columnWithRole(lookup, 'order-id')! } : null;
}

/** The catalogue for `table`'s items: another table with a product id and a title or description. */
export function catalogueFor(table: Table, tables: readonly Table[]): RecommendInputs['catalogue'] {
  const described = (t: Table) => [...textRoles, ...fallbackRoles].filter((role) => columnWithRole(t, role)).length;
  const candidates = tables.filter((t) => t.id !== table.id && columnWithRole(t, 'product-id') && !columnWithRole(t, 'customer-id') && described(t) > 0);
  const best = candidates.sort((a, b) => described(b) - described(a))[0];
  if (!best) return null;
  const withRoles = (roles: readonly Role[]) => roles.flatMap((role) => best.columns.filter((c) => columnRole(best, c.name) === role).map((c) => c.name));
  const textColumns = withRoles(textRoles).length > 0 ? withRoles(textRoles) : withRoles(fallbackRoles);
  return { sourceId: best.id, keyColumn: columnWithRole(best, 'product-id')!, textColumns, nameColumn: columnWithRole(best, 'title', 'name') };
}

/** Inputs for one table (the user's pick), or for the richest interaction table when `sourceId` is not given. */
export function defaultInputs(tables: readonly Table[], sourceId?: string): RecommendInputs | null {
  const usable = (t: Table) => columnWithRole(t, 'product-id') !== null && (columnWithRole(t, 'customer-id') !== null || customerLookup(t, tables) !== null);
  const table = sourceId !== undefined ? tables.find((t) => t.id === sourceId) : [...tables].filter(usable).sort((a, b) => b.rowCount - a.rowCount)[0];
  if (!table) return null;
  const lookup = customerLookup(table, tables);
  const lookupTable = lookup ? tables.find((t) => t.id === lookup.sourceId) : undefined;
  const pick = (...roles: Role[]) => columnWithRole(table, ...roles) ?? (lookupTable && columnWithRole(lookupTable, ...roles)) ?? '';
  return {
    sourceId: table.id,
    userColumn: pick('customer-id'),
    itemColumn: columnWithRole(table, 'product-id') ?? '',
    ratingColumn: columnWithRole(table, 'rating') ?? '',
    timeColumn: pick('event-time'),
    lookup,
    catalogue: catalogueFor(table, tables),
  };
}
