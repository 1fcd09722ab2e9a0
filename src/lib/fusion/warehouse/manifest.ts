// What each view was built from, fingerprinted, so a rebuild after a cleaning step or a new
// source redoes only the views whose inputs changed. A view's inputs are the tables it reads
// (with the caller's version of each), the relationships it follows, the entity assignments it
// applies and the layout decisions it rests on; events, reviews and searches also read the
// customer and product tables, because their keys are those tables' canonical keys. Without
// a customer or product table, that view reads the facts whose own columns name the entity.
import type { FusionTable, Relationship } from '../types';
import { Fingerprint, tableFingerprint } from './fingerprint';
import type { EntityHome, FactKind, FactPlan, WarehouseLayout } from './layout';
import { viewNames, type EntityAssignment, type ViewInputs, type ViewName, type WarehouseManifest } from './types';

/** Bump when the views' content for the same inputs changes. */
export const builderVersion = 2; // 2: keys from a fact's own id columns when no home table holds them

const factKindsOfView: Record<Extract<ViewName, 'events' | 'reviews' | 'searches'>, readonly FactKind[]> = {
  events: ['order', 'order-line', 'review', 'search'],
  reviews: ['review'],
  searches: ['search'],
};

interface InputSet {
  /** Table names; versions are looked up at the end. */
  tables: Set<string>;
  relationships: Map<string, Relationship>;
  entities: Map<string, EntityAssignment>;
  layout: string[];
}

function addHome(set: InputSet, home: EntityHome | null, label: string): void {
  if (!home) return void set.layout.push(`${label}:none`);
  set.tables.add(home.table.name);
  set.layout.push(`${label}:${home.table.name}/${home.keyColumn}`);
  if (home.merge) set.entities.set(home.table.name, home.merge);
}

function addFact(set: InputSet, plan: FactPlan): void {
  set.tables.add(plan.table.name);
  const paths = { customer: plan.customer, product: plan.product, order: plan.order, customerColumn: plan.customerColumn?.hops ?? null, productColumn: plan.productColumn?.hops ?? null, time: plan.time?.hops ?? null };
  const describe = Object.entries(paths).map(([name, path]) => `${name}=${path ? path.map((h) => h.relationship.id).join('>') : '-'}`);
  const columns = [plan.customerColumn, plan.productColumn, plan.time].map((c) => `${c?.table.name ?? '-'}.${c?.column ?? '-'}`);
  set.layout.push(`${plan.kind}:${plan.table.name}/${plan.keyColumn ?? '-'}/${columns.join('/')}:${describe.join(',')}`);
  for (const path of Object.values(paths)) {
    for (const hop of path ?? []) {
      const { relationship } = hop;
      set.relationships.set(relationship.id, relationship);
      set.tables.add(relationship.from.table).add(relationship.to.table);
      if (hop.assignment) set.entities.set(hop.assignment.table, hop.assignment);
    }
  }
}

function viewInputSet(view: ViewName, layout: WarehouseLayout, currency: string | null): InputSet {
  const set: InputSet = { tables: new Set(), relationships: new Map(), entities: new Map(), layout: [] };
  if (view === 'customers' || view === 'products') {
    const home = view === 'customers' ? layout.customer : layout.product;
    addHome(set, home, view);
    if (!home) for (const plan of layout.facts) if (view === 'customers' ? plan.customerColumn : plan.productColumn) addFact(set, plan);
    for (const { table, assignment, relationship } of home?.linked ?? []) {
      set.tables.add(table.name);
      set.entities.set(table.name, assignment);
      if (relationship) set.relationships.set(relationship.id, relationship);
    }
    if (view === 'products') set.layout.push(`currency:${currency ?? '-'}`);
    return set;
  }
  const facts = layout.facts.filter((f) => factKindsOfView[view].includes(f.kind));
  // Keys are the homes' canonical keys, so a view depends on each home its facts reach.
  if (facts.some((f) => f.customer)) addHome(set, layout.customer, 'customers');
  if (facts.some((f) => f.product)) addHome(set, layout.product, 'products');
  for (const plan of facts) addFact(set, plan);
  if (view === 'events') set.layout.push(`currency:${currency ?? '-'}`);
  return set;
}

/** The manifest a build with these inputs would have; `versions` by table id, else content fingerprints. */
export function manifestFor(layout: WarehouseLayout, tables: readonly FusionTable[], currency: string | null, versions: Record<string, string> = {}): WarehouseManifest {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const versionCache = new Map<string, string>();
  const versionOf = (table: FusionTable): string => {
    let version = versions[table.id] ?? versionCache.get(table.id);
    if (version === undefined) {
      version = `content:${tableFingerprint(table)}`;
      versionCache.set(table.id, version);
    }
    return version;
  };
  const views = {} as WarehouseManifest['views'];
  for (const view of viewNames) {
    const set = viewInputSet(view, layout, currency);
    const inputs: ViewInputs = {
      tables: [...set.tables].flatMap((name) => byName.get(name) ?? []).map((t) => ({ id: t.id, name: t.name, version: versionOf(t) })).sort((a, b) => (a.name < b.name ? -1 : 1)),
      relationships: [...set.relationships.values()].map((r) => ({ id: r.id, keyMatch: r.keyMatch })).sort((a, b) => (a.id < b.id ? -1 : 1)),
      entities: [...set.entities.values()].map((e) => ({ table: e.table, fingerprint: new Fingerprint().text(e.target ?? '').ints(e.entityOfRow).hex() })).sort((a, b) => (a.table < b.table ? -1 : 1)),
      layout: set.layout.join('\n'),
    };
    views[view] = { fingerprint: new Fingerprint().text(String(builderVersion)).text(JSON.stringify(inputs)).hex(), inputs };
  }
  return { builderVersion, views };
}

export interface RebuildPlan {
  manifest: WarehouseManifest;
  rebuild: ViewName[];
  reuse: ViewName[];
  /** Why each rebuilt view is rebuilt, one sentence each, for the UI. */
  reasons: Partial<Record<ViewName, string>>;
}

function changeReason(before: ViewInputs, after: ViewInputs): string {
  const was = new Map(before.tables.map((t) => [t.name, t.version]));
  const changed = after.tables.filter((t) => was.get(t.name) !== t.version).map((t) => t.name);
  if (changed.length > 0) return `Changed or new tables: ${changed.join(', ')}.`;
  if (after.tables.length !== before.tables.length) return 'A table it read is gone.';
  if (JSON.stringify(after.relationships) !== JSON.stringify(before.relationships)) return 'Its relationships changed.';
  if (JSON.stringify(after.entities) !== JSON.stringify(before.entities)) return 'Entity resolution changed.';
  return 'How tables are used changed.';
}

/** Which views of a previous build can be reused as they are, and which must be rebuilt. */
export function compareManifests(previous: WarehouseManifest | undefined, next: WarehouseManifest): RebuildPlan {
  const plan: RebuildPlan = { manifest: next, rebuild: [], reuse: [], reasons: {} };
  for (const view of viewNames) {
    const before = previous?.builderVersion === next.builderVersion ? previous.views[view] : undefined;
    if (before && before.fingerprint === next.views[view].fingerprint) {
      plan.reuse.push(view);
    } else {
      plan.rebuild.push(view);
      plan.reasons[view] = before ? changeReason(before.inputs, next.views[view].inputs) : 'Not built before.';
    }
  }
  return plan;
}
