// The customers and products views when no table holds the entity (a ratings table alone, or
// orders with a customer id but no customers table): one row per distinct key the facts name,
// in order of first appearance, so events and reviews still join to a dimension. A row's
// lineage is every row that wrote its key: the fact's own row, or the parent row it was read
// from. Only the key is known; the standard columns stay, empty, except a customer's
// `first_seen`, the earliest time of the facts naming them.
import { columnKeys } from './fact-rows';
import type { JoinContext } from './join-context';
import type { ColumnPath, FactPlan } from './layout';
import { standardColumns, type EntitySpec } from './entity-view';
import type { WarehouseView } from './types';
import { ViewBuilder } from './view-builder';

interface KeyRows {
  /** Source rows as tableIndex * 2^32 + row: one set dedupes a parent row reached from many facts. */
  sources: Set<number>;
  earliest: number;
}

const rowSpan = 2 ** 32;

export function buildFactEntityView(spec: EntitySpec, facts: readonly FactPlan[], context: JoinContext): WarehouseView {
  const columns = standardColumns(spec);
  const view = new ViewBuilder(spec.view, columns);
  const pathOf = (plan: FactPlan): ColumnPath | null => (spec.view === 'customers' ? plan.customerColumn : plan.productColumn);
  const byKey = new Map<string, KeyRows>();
  for (const plan of facts) {
    const path = pathOf(plan);
    if (!path) continue;
    const n = plan.table.rowCount;
    const keyOf = columnKeys(context, path, n);
    const at = context.follow(path.hops, n);
    const source = view.source(path.table);
    const time = plan.time ? context.times(plan.time.table, plan.time.column) : null;
    const timeRow = plan.time ? context.follow(plan.time.hops, n) : null;
    for (let row = 0; row < n; row++) {
      const key = keyOf(row);
      if (key === null) continue;
      let entry = byKey.get(key);
      if (!entry) byKey.set(key, (entry = { sources: new Set(), earliest: Infinity }));
      entry.sources.add(source * rowSpan + at[row]!);
      const t = timeRow && time && timeRow[row]! >= 0 ? time[timeRow[row]!]! : Number.NaN;
      if (t < entry.earliest) entry.earliest = t; // NaN never is
    }
  }
  const firstSeen = columns.indexOf('first_seen');
  for (const [key, { sources, earliest }] of byKey) {
    for (const entry of sources) view.from(Math.floor(entry / rowSpan), entry % rowSpan);
    const cells = columns.map((_, c) => (c === 0 ? key : c === firstSeen && Number.isFinite(earliest) ? earliest : null));
    view.row(cells);
  }
  return view.result();
}
