// Which table plays which part, decided from roles and confirmed relationships before any view
// is built: each entity's home table (customers, products), the order tables, the fact tables
// and, for each fact table, the relationship paths that lead from its rows to a customer, a
// product, an order and a time (with no customer or product table, to a column that names
// them as written). Only confirmed relationships are used; a fuzzy one only with
// an entity assignment to follow. The layout reads key columns (for uniqueness) but no other
// values, so the manifest can be computed from it cheaply before deciding what to rebuild.
import type { Role } from '../../profile';
import type { FusionTable, Relationship } from '../types';
import { keyUniqueness } from './key-index';
import type { EntityAssignment } from './types';

/** What a fact table's rows become. */
export type FactKind = 'order' | 'order-line' | 'review' | 'search';

/** One step along a relationship, from its `from` table to its `to` table. */
export interface Hop {
  relationship: Relationship;
  /** For a fuzzy relationship: the assignment that maps `from` rows to `to` rows. */
  assignment: EntityAssignment | null;
}

export interface EntityHome {
  entity: 'customer' | 'product';
  table: FusionTable;
  keyColumn: string;
  /** Entity resolution's merge of the home table's own rows, if given. */
  merge: EntityAssignment | null;
  /** Other tables whose rows were matched to home rows (a supplier catalogue to products). */
  linked: { table: FusionTable; assignment: EntityAssignment; relationship: Relationship | null }[];
}

/** A column read for a fact's rows: the fact table's own (no hops) or a parent's along `hops`. */
export interface ColumnPath {
  hops: Hop[];
  table: FusionTable;
  column: string;
}

export interface FactPlan {
  kind: FactKind;
  table: FusionTable;
  /** The fact's own key (order id, review id): rows with the same key are one fact. */
  keyColumn: string | null;
  /** Paths to the customer home, the product home and an order table; null when none. */
  customer: Hop[] | null;
  product: Hop[] | null;
  order: Hop[] | null;
  /**
   * Only when no home table holds the entity: the customer-id / product-id column whose values
   * as written are the keys (a ratings table alone names its students and lecturers itself).
   */
  customerColumn: ColumnPath | null;
  productColumn: ColumnPath | null;
  /** Where the fact's time is read. */
  time: ColumnPath | null;
}

export interface WarehouseLayout {
  customer: EntityHome | null;
  product: EntityHome | null;
  orderTables: { table: FusionTable; keyColumn: string }[];
  facts: FactPlan[];
  notes: string[];
}

const homeRoles = { customer: 'customer-id', product: 'product-id' } as const;
const attributeRoles: Record<EntityHome['entity'], readonly Role[]> = {
  customer: ['name', 'email', 'country', 'city'],
  product: ['title', 'category', 'price', 'description'],
};
/** A key column may hold a few verbatim duplicate rows and still be a key. */
const minKeyUniqueness = 0.95;
const minConfirmedKeyUniqueness = 0.5;
const maxPathHops = 4;

const hasRole = (table: FusionTable, ...roles: Role[]): boolean => table.columns.some((c) => roles.includes(c.role));
const columnWithRole = (table: FusionTable, role: Role): string | null => table.columns.find((c) => c.role === role)?.name ?? null;

/**
 * Query or review text makes a table's rows events, never an entity's home. A rating alone
 * does not: a catalogue's average stars sit beside its unique product id (pickHome still asks
 * for a unique key), and a ratings table's ids repeat, so it never passes as a home.
 */
function isFactTable(table: FusionTable): boolean {
  return hasRole(table, 'query-text', 'review-text');
}

/** Lexicographic: the first differing entry decides. */
function compareScores(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

/** The table whose id column is a near-unique key that confirmed relationships point at. */
function pickHome(entity: EntityHome['entity'], tables: readonly FusionTable[], confirmed: readonly Relationship[], excluded: ReadonlySet<string>): { table: FusionTable; keyColumn: string } | null {
  let best: { table: FusionTable; keyColumn: string; score: number[] } | null = null;
  for (const table of tables) {
    if (excluded.has(table.name) || isFactTable(table)) continue;
    for (const column of table.columns) {
      if (column.role !== homeRoles[entity]) continue;
      const incoming = confirmed.filter((r) => r.keyMatch !== 'fuzzy' && r.to.table === table.name && r.to.column === column.name).length;
      const attributes = table.columns.filter((c) => attributeRoles[entity].includes(c.role)).length;
      if (incoming === 0 && attributes === 0) continue;
      // A column confirmed as the key side of a relationship may hold many repeated rows.
      if (keyUniqueness(column, 'exact') < (incoming > 0 ? minConfirmedKeyUniqueness : minKeyUniqueness)) continue;
      const score = [incoming, attributes, table.rowCount];
      if (best === null || compareScores(score, best.score) > 0) best = { table, keyColumn: column.name, score };
    }
  }
  return best && { table: best.table, keyColumn: best.keyColumn };
}

/** The table an assignment's entity ids point into (see EntityAssignment.target). */
function assignmentTarget(assignment: EntityAssignment, confirmed: readonly Relationship[], homes: readonly string[]): string | null {
  if (assignment.target !== undefined) return assignment.target;
  if (homes.includes(assignment.table)) return assignment.table;
  return confirmed.find((r) => r.keyMatch === 'fuzzy' && r.from.table === assignment.table)?.to.table ?? null;
}

/** Breadth-first search along usable relationships to the nearest table that passes `goal`. */
function findPath(from: string, goal: (table: string) => boolean, edges: ReadonlyMap<string, Hop[]>, avoid: ReadonlySet<string>): Hop[] | null {
  const seen = new Set([from]);
  let frontier: { table: string; path: Hop[] }[] = [{ table: from, path: [] }];
  for (let depth = 0; depth < maxPathHops && frontier.length > 0; depth++) {
    const next: typeof frontier = [];
    for (const { table, path } of frontier) {
      for (const hop of edges.get(table) ?? []) {
        const to = hop.relationship.to.table;
        if (seen.has(to)) continue;
        seen.add(to);
        if (goal(to)) return [...path, hop];
        if (!avoid.has(to)) next.push({ table: to, path: [...path, hop] });
      }
    }
    frontier = next;
  }
  return null;
}

function exists(byName: ReadonlyMap<string, FusionTable>, table: string, column: string): boolean {
  return byName.get(table)?.columns.some((c) => c.name === column) ?? false;
}

/** A fact table's own id column: an identifier no relationship leaves from, unique per row. */
function ownKeyColumn(table: FusionTable, confirmed: readonly Relationship[], role: Role | null): string | null {
  const fromColumns = new Set(confirmed.filter((r) => r.from.table === table.name).map((r) => r.from.column));
  const column = table.columns.find((c) =>
    !fromColumns.has(c.name) && (role ? c.role === role : c.type === 'identifier' && c.role === 'none') && keyUniqueness(c, 'exact') >= minKeyUniqueness);
  return column?.name ?? null;
}

export function planLayout(tables: readonly FusionTable[], relationships: readonly Relationship[], entities: readonly EntityAssignment[] = []): WarehouseLayout {
  const notes: string[] = [];
  const byName = new Map(tables.map((t) => [t.name, t]));
  const confirmed = relationships.filter((r) => {
    if (r.status !== 'confirmed') return false;
    const ok = exists(byName, r.from.table, r.from.column) && exists(byName, r.to.table, r.to.column);
    if (!ok) notes.push(`Relationship ${r.id} names a table or column that is not loaded; it was skipped.`);
    return ok;
  });
  // Tables matched into another by a fuzzy relationship extend that table; they are no home or fact.
  const linkedTables = new Set(confirmed.filter((r) => r.keyMatch === 'fuzzy').map((r) => r.from.table));
  const homes: (EntityHome | null)[] = (['customer', 'product'] as const).map((entity) => {
    const found = pickHome(entity, tables, confirmed, linkedTables);
    return found && { entity, ...found, merge: null, linked: [] };
  });
  const [customer = null, product = null] = homes;
  const homeNames = homes.flatMap((h) => (h ? [h.table.name] : []));
  const edges = new Map<string, Hop[]>();
  for (const r of confirmed) {
    let assignment: EntityAssignment | null = null;
    if (r.keyMatch === 'fuzzy') {
      assignment = entities.find((e) => e.table === r.from.table && assignmentTarget(e, confirmed, homeNames) === r.to.table) ?? null;
      if (!assignment) {
        notes.push(`${r.id} is a fuzzy match: run entity resolution to join ${r.from.table} to ${r.to.table}.`);
        continue;
      }
    }
    edges.set(r.from.table, [...(edges.get(r.from.table) ?? []), { relationship: r, assignment }]);
  }
  for (const assignment of entities) {
    const target = assignmentTarget(assignment, confirmed, homeNames);
    const home = homes.find((h) => h?.table.name === target);
    const table = byName.get(assignment.table);
    if (!home || !table || assignment.entityOfRow.length !== table.rowCount) {
      notes.push(`Entity assignment for ${assignment.table} does not fit a customer or product table; it was skipped.`);
    } else if (assignment.table === home.table.name) {
      home.merge = assignment;
    } else {
      const relationship = confirmed.find((r) => r.keyMatch === 'fuzzy' && r.from.table === table.name && r.to.table === home.table.name) ?? null;
      home.linked.push({ table, assignment, relationship });
    }
  }
  for (const entity of ['customer', 'product'] as const) {
    if (!homes.some((h) => h?.entity === entity)) notes.push(`No ${entity} table found: no table has a unique ${homeRoles[entity]} column.`);
  }

  const skip = new Set([...homeNames, ...linkedTables]);
  const orderTables = tables.flatMap((table) => {
    const keyColumn = skip.has(table.name) ? null : ownKeyColumn(table, [], 'order-id');
    return keyColumn ? [{ table, keyColumn }] : [];
  });
  const isOrderTable = (name: string): boolean => orderTables.some((o) => o.table.name === name);
  /** The table's own column with the role, else the nearest parent's along usable relationships. */
  const columnPath = (table: FusionTable, role: Role): ColumnPath | null => {
    const own = columnWithRole(table, role);
    if (own) return { hops: [], table, column: own };
    const hops = findPath(table.name, (name) => !skip.has(name) && hasRole(byName.get(name)!, role), edges, skip);
    const parent = hops && byName.get(hops[hops.length - 1]!.relationship.to.table)!;
    return hops && parent ? { hops, table: parent, column: columnWithRole(parent, role)! } : null;
  };
  const facts: FactPlan[] = [];
  for (const table of tables) {
    if (skip.has(table.name)) continue;
    const productPath = product ? findPath(table.name, (t) => t === product.table.name, edges, skip) : null;
    const customerPath = customer ? findPath(table.name, (t) => t === customer.table.name, edges, skip) : null;
    // A rating is a review only when it is about someone or something: a column of scores
    // that names no customer or product (a survey's answers) is no fact.
    const namesSomeone = hasRole(table, 'customer-id', 'product-id') || customerPath !== null || productPath !== null;
    const kind: FactKind | null = hasRole(table, 'query-text') ? 'search'
      : hasRole(table, 'review-text') || (hasRole(table, 'rating') && namesSomeone) ? 'review'
        : productPath?.length === 1 ? 'order-line'
          : isOrderTable(table.name) ? 'order' : null;
    if (kind === null) {
      notes.push(`${table.name} was not used: it holds no orders, order lines, reviews or searches linked by a confirmed relationship.`);
      continue;
    }
    const plan: FactPlan = {
      kind,
      table,
      keyColumn: kind === 'order' ? orderTables.find((o) => o.table === table)!.keyColumn : kind === 'review' ? ownKeyColumn(table, confirmed, null) : null,
      customer: customerPath,
      product: productPath,
      order: kind === 'order' ? [] : findPath(table.name, isOrderTable, edges, skip),
      // Without a home table the ids as written are the keys: better than facts about no one.
      customerColumn: customer ? null : columnPath(table, 'customer-id'),
      productColumn: product ? null : columnPath(table, 'product-id'),
      time: columnPath(table, 'event-time'),
    };
    if (customer && !plan.customer && hasRole(table, 'customer-id')) notes.push(`${table.name} has a customer id but no confirmed relationship to ${customer.table.name}.`);
    if (product && !plan.product && hasRole(table, 'product-id')) notes.push(`${table.name} has a product id but no confirmed relationship to ${product.table.name}.`);
    if (!plan.time) notes.push(`${table.name}: no time found for its rows.`);
    facts.push(plan);
  }
  for (const entity of ['customer', 'product'] as const) {
    const readers = facts.filter((f) => (entity === 'customer' ? f.customerColumn : f.productColumn));
    if (readers.length > 0) notes.push(`The ${entity}s view lists the distinct ${homeRoles[entity]} values of ${readers.map((f) => f.table.name).join(', ')}.`);
  }
  return { customer, product, orderTables, facts, notes };
}
