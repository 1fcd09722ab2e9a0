// The build report: what each view holds and read, which keys found nothing, which rows were
// folded together, and the layout's notes, so the UI can explain the warehouse. Views reused
// from the previous build keep that build's findings for the links only they follow.
import type { JoinContext } from './join-context';
import type { RebuildPlan } from './manifest';
import { viewNames, type ViewName, type ViewReport, type WarehouseReport, type WarehouseView } from './types';

export function buildReport(views: Record<ViewName, WarehouseView>, context: JoinContext, plan: RebuildPlan, previous?: WarehouseReport): WarehouseReport {
  const { layout } = context;
  const viewReports = {} as Record<ViewName, ViewReport>;
  for (const name of viewNames) {
    const inputs = plan.manifest.views[name].inputs;
    viewReports[name] = {
      rowCount: views[name].rowCount,
      tables: views[name].lineage.tables.map((t) => t.name),
      relationships: inputs.relationships.map((r) => r.id),
      reused: plan.reuse.includes(name),
    };
  }
  const used = new Set(viewNames.flatMap((name) => viewReports[name].relationships));
  const fresh = context.linkStats();
  const freshIds = new Set(fresh.map((s) => s.relationship));
  const carried = (previous?.links ?? []).filter((s) => used.has(s.relationship) && !freshIds.has(s.relationship));

  const merged = new Map<string, number>();
  for (const [table, rows] of context.foldedRows()) merged.set(table, rows);
  for (const entry of previous?.mergedRows ?? []) {
    if (!merged.has(entry.table) && viewNames.some((name) => viewReports[name].reused && viewReports[name].tables.includes(entry.table))) merged.set(entry.table, entry.rows);
  }
  return {
    views: viewReports,
    homes: {
      customer: layout.customer && { table: layout.customer.table.name, column: layout.customer.keyColumn },
      product: layout.product && { table: layout.product.table.name, column: layout.product.keyColumn },
    },
    facts: layout.facts.map((f) => ({ table: f.table.name, kind: f.kind === 'search' ? 'search-click' : f.kind })),
    relationshipsUsed: [...used].sort(),
    links: [...fresh, ...carried],
    mergedRows: [...merged].map(([table, rows]) => ({ table, rows })),
    assumedCurrency: { code: context.currency, cells: context.assumedCurrencyCells },
    notes: layout.notes,
  };
}
