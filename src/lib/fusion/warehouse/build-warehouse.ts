// The warehouse build, top to bottom: decide the layout from roles and confirmed relationships,
// fingerprint what each view reads, then build the views whose inputs changed since the
// previous build (reusing the rest) and report what was done. Synchronous, as its callers
// expect: the demo shop builds in well under a second. The signal is checked between views,
// so a cancel that reached the signal before or during the build stops it at the next view.
import type { FusionTable, Relationship } from '../types';
import { buildEntityView, customerSpec, productSpec } from './entity-view';
import { buildEventsView } from './events-view';
import { buildFactEntityView } from './fact-entity-view';
import { JoinContext } from './join-context';
import { planLayout, type WarehouseLayout } from './layout';
import { compareManifests, manifestFor, type RebuildPlan } from './manifest';
import { buildReport } from './report';
import { buildReviewsView } from './reviews-view';
import { buildSearchesView } from './searches-view';
import { viewNames, type ViewName, type Warehouse, type WarehouseOptions, type WarehouseView } from './types';

function buildView(name: ViewName, layout: WarehouseLayout, context: JoinContext): WarehouseView {
  switch (name) {
    // Without a home table, the entity's rows are the keys the facts name.
    case 'customers': return layout.customer ? buildEntityView(customerSpec, layout.customer, context) : buildFactEntityView(customerSpec, layout.facts, context);
    case 'products': return layout.product ? buildEntityView(productSpec, layout.product, context) : buildFactEntityView(productSpec, layout.facts, context);
    case 'events': return buildEventsView(layout.facts, context);
    case 'reviews': return buildReviewsView(layout.facts, context);
    case 'searches': return buildSearchesView(layout.facts, context);
  }
}

interface Prepared {
  layout: WarehouseLayout;
  context: JoinContext;
  plan: RebuildPlan;
}

function prepare(tables: readonly FusionTable[], relationships: readonly Relationship[], options: Omit<WarehouseOptions, 'previous'>, previous: Warehouse['manifest'] | undefined): Prepared {
  const layout = planLayout(tables, relationships, options.entities);
  const context = new JoinContext(tables, layout, options.currency);
  const plan = compareManifests(previous, manifestFor(layout, tables, context.currency, options.versions));
  return { layout, context, plan };
}

/**
 * Which views a build would rebuild and which it would reuse from a build with `previous` as
 * its manifest, with a reason per rebuilt view. Reads key columns and price columns only.
 */
export function planRebuild(previous: Warehouse['manifest'] | undefined, tables: readonly FusionTable[], relationships: readonly Relationship[], options: Omit<WarehouseOptions, 'previous' | 'signal' | 'onProgress'> = {}): RebuildPlan {
  return prepare(tables, relationships, options, previous).plan;
}

/**
 * Builds the unified commerce model: customers, products, events, reviews and searches, each
 * row with lineage back to its source rows. Only confirmed relationships are followed. With
 * `options.previous`, views whose inputs are unchanged are taken from it as they are.
 */
export function buildWarehouse(tables: readonly FusionTable[], relationships: readonly Relationship[], options: WarehouseOptions = {}): Warehouse {
  const { signal, onProgress, previous } = options;
  signal?.throwIfAborted();
  const { layout, context, plan } = prepare(tables, relationships, options, previous?.manifest);
  const views = {} as Record<ViewName, WarehouseView>;
  let done = 0;
  for (const name of viewNames) {
    const reused = previous && plan.reuse.includes(name) ? previous.views[name] : undefined;
    onProgress?.({ done, total: viewNames.length, unit: 'views', message: reused ? `Reusing ${name}` : `Building ${name}` });
    views[name] = reused ?? buildView(name, layout, context);
    done++;
    signal?.throwIfAborted();
  }
  onProgress?.({ done, total: viewNames.length, unit: 'views', message: 'Warehouse built' });
  return { views, report: buildReport(views, context, plan, previous?.report), manifest: plan.manifest };
}
