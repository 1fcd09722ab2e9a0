// The "Build warehouse" job: read every source of the workspace (cleaning applied), build the
// unified views from the confirmed relationships, the roles and the entity-resolution runs the
// user accepted, and store each view with its lineage. A view whose inputs did not change
// since it was stored is kept as it is, which is also how a resumed build skips the views an
// interrupted one already stored.
import type { JobHandler } from '../jobs';
import { listViews, type EdgeFuseDb } from '../store';
import { confirmedRelationships } from './relationship-store';
import { readStoreTables } from './read-store-tables';
import { storeView } from './store-view';
import { acceptedEntities, sourceVersion } from './link-store';
import { buildWarehouse, lineageOf, viewNames, type ViewName, type Warehouse, type WarehouseReport } from './warehouse';

export interface BuildWarehouseParams {
  workspaceId: string;
}

export interface BuildWarehouseResult {
  views: { name: ViewName; rows: number; reused: boolean }[];
  /** What the build did and why, for the UI: links that did not resolve, rows folded, notes. */
  links: WarehouseReport['links'];
  mergedRows: WarehouseReport['mergedRows'];
  assumedCurrency: WarehouseReport['assumedCurrency'];
  notes: string[];
}

/**
 * The last build per workspace, kept by the worker: the next build reuses every view whose
 * inputs did not change instead of building it again. After a reload the views are built again
 * but those whose fingerprint matches the stored view are not written again.
 */
const lastBuild = new Map<string, Warehouse>();

/**
 * View columns that hold times as epoch ms. They are stored as ISO text, which is what a person
 * reads on the grid and what the profiler types as datetime (sorting stays chronological).
 */
const timeColumns = new Set(['time', 'first_seen']);

function storedValues(name: string, values: readonly (string | number | null)[]): (string | number | null)[] {
  if (!timeColumns.has(name)) return values as (string | number | null)[];
  return values.map((v) => (typeof v === 'number' && Number.isFinite(v) ? new Date(v).toISOString() : v));
}

export function buildWarehouseJob(db: EdgeFuseDb): JobHandler<BuildWarehouseParams, BuildWarehouseResult> {
  return async (ctx) => {
    const { workspaceId } = ctx.params;
    ctx.progress(0, 1, 'steps', 'Reading sources');
    const tables = await readStoreTables(db, workspaceId, { signal: ctx.signal, onProgress: (done, total) => ctx.progress(done, total * 2, 'chunks', 'Reading sources') });
    const relationships = await confirmedRelationships(db, workspaceId);
    const linkNotes: string[] = [];
    const entities = await acceptedEntities(db, workspaceId, tables, linkNotes);
    // A source's version changes with its rows (count, cleaning history) and its types and roles.
    const sources = new Map((await db.sources.where('workspaceId').equals(workspaceId).toArray()).map((s) => [s.id, s]));
    const versions = Object.fromEntries(tables.map((t) => {
      const s = sources.get(t.id);
      return [t.id, s ? `${sourceVersion(s)}:${JSON.stringify(s.overrides)}` : ''];
    }));
    const previous = lastBuild.get(workspaceId);
    const warehouse = buildWarehouse(tables, relationships, {
      entities, versions, signal: ctx.signal, ...(previous ? { previous } : {}),
      onProgress: (p) => ctx.progress(p.done, p.total, 'views', p.message),
    });
    lastBuild.set(workspaceId, warehouse);
    const stored = new Map((await listViews(db, workspaceId)).map((v) => [v.name, v]));
    const { links, mergedRows, assumedCurrency, notes } = warehouse.report;
    const result: BuildWarehouseResult = { views: [], links, mergedRows, assumedCurrency, notes: [...linkNotes, ...notes] };
    for (const name of viewNames) {
      const view = warehouse.views[name];
      const fingerprint = warehouse.manifest.views[name].fingerprint;
      const reused = stored.get(name)?.view?.fingerprint === fingerprint;
      if (!reused) {
        ctx.progress(result.views.length, viewNames.length, 'views', `Storing ${name}`);
        await storeView(db, workspaceId, ctx.jobId, {
          name, rowCount: view.rowCount, columns: view.columns.map((c) => ({ name: c.name, values: storedValues(c.name, c.values) })),
          lineageOf: (row) => lineageOf(view, row).map((r) => ({ table: r.table, row: r.row })),
        }, tables, fingerprint, ctx.signal);
      }
      result.views.push({ name, rows: view.rowCount, reused });
    }
    return result;
  };
}
