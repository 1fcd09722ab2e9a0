// One fact table's rows resolved along its layout paths: which customer, product and order
// each row belongs to, when it happened, and which parent rows (all copies of a duplicated
// order) supplied those values, for the lineage.
import { cellText } from '../../profile';
import type { FusionTable } from '../types';
import type { JoinContext } from './join-context';
import type { KeyIndex } from './key-index';
import type { ColumnPath, EntityHome, FactPlan, Hop } from './layout';
import type { ViewBuilder } from './view-builder';

export interface FactRows {
  plan: FactPlan;
  /** row -> group in the customer / product home index, -1 when unresolved. */
  customerGroup: Int32Array | null;
  productGroup: Int32Array | null;
  /** row -> epoch ms, NaN when unknown. */
  time: Float64Array;
  customerKey(row: number): string | null;
  productKey(row: number): string | null;
  orderKey(row: number): string | null;
  /** Adds the row and the parent rows its values came from to the view row being built. */
  addLineage(view: ViewBuilder, row: number): void;
}

interface Parent {
  table: FusionTable;
  index: KeyIndex | null;
  rowOf: Int32Array;
}

/**
 * A key as written in a column along a path (the fact's own customer-id column when there is
 * no customer table), trimmed like a home's canonical key; null where the path or cell is empty.
 */
export function columnKeys(context: JoinContext, path: ColumnPath, rowCount: number): (row: number) => string | null {
  const values = path.table.columns.find((c) => c.name === path.column)!.values;
  const at = context.follow(path.hops, rowCount);
  return (row) => (at[row]! < 0 ? null : cellText(values[at[row]!])?.trim() || null);
}

function homeGroups(context: JoinContext, home: EntityHome | null, path: readonly Hop[] | null, rowCount: number): Int32Array | null {
  if (!home || !path) return null;
  const index = context.homeIndex(home);
  return context.follow(path, rowCount).map((row) => (row < 0 ? -1 : index.groupOf[row]!));
}

export function resolveFact(plan: FactPlan, context: JoinContext): FactRows {
  const { table } = plan;
  const n = table.rowCount;
  const { customer, product } = context.layout;
  const customerGroup = homeGroups(context, customer, plan.customer, n);
  const productGroup = homeGroups(context, product, plan.product, n);

  // Parents are the non-home tables the paths pass through (orders for an order line).
  const homes = new Set([customer?.table.name, product?.table.name]);
  const parents = new Map<string, Parent>();
  for (const path of [plan.customer, plan.product, plan.order, plan.customerColumn?.hops ?? null, plan.productColumn?.hops ?? null, plan.time?.hops ?? null]) {
    path?.forEach((hop, i) => {
      const to = hop.relationship.to;
      if (homes.has(to.table) || parents.has(to.table)) return;
      const parentTable = context.table(to.table)!;
      parents.set(to.table, {
        table: parentTable,
        index: hop.assignment ? null : context.index(parentTable, to.column),
        rowOf: context.follow(path.slice(0, i + 1), n),
      });
    });
  }

  let time = new Float64Array(n).fill(Number.NaN);
  if (plan.time) {
    const times = context.times(plan.time.table, plan.time.column);
    const at = context.follow(plan.time.hops, n);
    time = time.map((_, row) => (at[row]! < 0 ? Number.NaN : times[at[row]!]!));
  }

  const orderTable = plan.order && (plan.order.length === 0 ? table : context.table(plan.order[plan.order.length - 1]!.relationship.to.table)!);
  const orderKeyColumn = context.layout.orderTables.find((o) => o.table === orderTable)?.keyColumn;
  const orderIndex = orderTable && orderKeyColumn ? context.index(orderTable, orderKeyColumn) : null;
  const orderRow = plan.order ? context.follow(plan.order, n) : null;
  const ownOrderColumn = table.columns.find((c) => c.role === 'order-id');

  const keyOf = (home: EntityHome | null, groups: Int32Array | null, path: ColumnPath | null): ((row: number) => string | null) => {
    if (path) return columnKeys(context, path, n);
    return (row) => {
      const group = groups?.[row] ?? -1;
      return home && group >= 0 ? context.homeIndex(home).keyOf(group) : null;
    };
  };
  // Rows sharing the fact's own key (a repeated order row) are one fact.
  const ownIndex = plan.keyColumn ? context.index(table, plan.keyColumn) : null;

  return {
    plan,
    customerGroup,
    productGroup,
    time,
    customerKey: keyOf(customer, customerGroup, plan.customerColumn),
    productKey: keyOf(product, productGroup, plan.productColumn),
    orderKey(row) {
      const at = orderRow?.[row] ?? -1;
      // The order table's key as written; a line whose order is missing keeps its own.
      if (orderIndex && at >= 0) return orderIndex.keyOf(orderIndex.groupOf[at]!);
      return ownOrderColumn ? (cellText(ownOrderColumn.values[row])?.trim() || null) : null;
    },
    addLineage(view, row) {
      const self = view.source(table);
      for (const r of ownIndex ? ownIndex.groups[ownIndex.groupOf[row]!]! : [row]) view.from(self, r);
      for (const parent of parents.values()) {
        const at = parent.rowOf[row]!;
        if (at < 0) continue;
        const source = view.source(parent.table);
        for (const r of parent.index ? parent.index.groups[parent.index.groupOf[at]!]! : [at]) view.from(source, r);
      }
    },
  };
}

/** The rows to emit for a fact table: one per distinct key (its representative), else every row. */
export function factRowsToEmit(plan: FactPlan, context: JoinContext): number[] {
  if (!plan.keyColumn) return Array.from({ length: plan.table.rowCount }, (_, i) => i);
  return context.index(plan.table, plan.keyColumn).groups.map((rows) => rows[0]!);
}
