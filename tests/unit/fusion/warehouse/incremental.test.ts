// Rebuilding after a change redoes only the views whose inputs changed.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildWarehouse, planRebuild, viewColumn, viewNames, type Warehouse } from '../../../../src/lib/fusion/warehouse';
import type { FusionTable, Relationship } from '../../../../src/lib/fusion/types';
import { demoTables, type DemoTables } from '../demo-tables';
import { confirmedFromTruth, customerMerge } from './fixtures';

let demo: DemoTables;
let relationships: Relationship[];
let versions: Record<string, string>;
let first: Warehouse;

beforeAll(async () => {
  demo = await demoTables();
  relationships = confirmedFromTruth(demo.truth);
  versions = Object.fromEntries(demo.tables.map((t) => [t.id, 'v1']));
  first = buildWarehouse(demo.tables, relationships, { versions });
});

describe('incremental rebuild', () => {
  it('builds everything the first time', () => {
    const plan = planRebuild(undefined, demo.tables, relationships, { versions });
    expect(plan.rebuild).toEqual([...viewNames]);
    expect(plan.reasons.events).toBe('Not built before.');
  });

  it('reuses every view when nothing changed', () => {
    const again = buildWarehouse(demo.tables, relationships, { versions, previous: first });
    for (const name of viewNames) {
      expect(again.views[name]).toBe(first.views[name]);
      expect(again.report.views[name].reused).toBe(true);
    }
    expect(again.manifest).toEqual(first.manifest);
  });

  it('rebuilds only reviews and events when the review table changes', () => {
    const next = { ...versions, 'reviews.ndjson': 'v2' };
    const plan = planRebuild(first.manifest, demo.tables, relationships, { versions: next });
    expect(plan.rebuild).toEqual(['events', 'reviews']);
    expect(plan.reuse).toEqual(['customers', 'products', 'searches']);
    expect(plan.reasons.reviews).toBe('Changed or new tables: reviews.ndjson.');

    // Drop the last review: the rebuilt views see it, the reused ones are the same objects.
    const reviews = demo.table('reviews.ndjson');
    const shorter: FusionTable = { ...reviews, rowCount: reviews.rowCount - 1, columns: reviews.columns.map((c) => ({ ...c, values: c.values.slice(0, -1) })) };
    const tables = demo.tables.map((t) => (t === reviews ? shorter : t));
    const second = buildWarehouse(tables, relationships, { versions: next, previous: first });
    expect(second.views.reviews.rowCount).toBe(first.views.reviews.rowCount - 1);
    expect(second.views.events.rowCount).toBe(first.views.events.rowCount - 1);
    for (const name of ['customers', 'products', 'searches'] as const) expect(second.views[name]).toBe(first.views[name]);
    expect(second.report.views.reviews.reused).toBe(false);
    expect(second.report.views.searches.reused).toBe(true);
    // Reused or not, the result is what a full build gives.
    const full = buildWarehouse(tables, relationships, { versions: next });
    for (const name of viewNames) expect(second.views[name].columns).toEqual(full.views[name].columns);
  });

  it('rebuilds the views keyed by customers when customers are merged, not products or searches', () => {
    const entities = [customerMerge(demo.truth, demo.table('customers.csv'))];
    const plan = planRebuild(first.manifest, demo.tables, relationships, { versions, entities });
    expect(plan.rebuild).toEqual(['customers', 'events', 'reviews']);
    expect(plan.reasons.customers).toBe('Entity resolution changed.');
  });

  it('rebuilds what follows a relationship whose status changed, and stops using it', () => {
    const unconfirmed = relationships.map((r) => (r.from.table === 'orders.csv' ? { ...r, status: 'suggested' as const } : r));
    const plan = planRebuild(first.manifest, demo.tables, unconfirmed, { versions });
    expect(plan.rebuild).toEqual(['events']);
    const rebuilt = buildWarehouse(demo.tables, unconfirmed, { versions, previous: first });
    const kind = viewColumn(rebuilt.views.events, 'kind');
    const customer = viewColumn(rebuilt.views.events, 'customer_key');
    expect(kind.some((k, row) => k === 'order-line' && customer[row] !== null)).toBe(false);
    expect(rebuilt.report.notes).toContain('orders.csv has a customer id but no confirmed relationship to customers.csv.');
  });

  it('fingerprints tables by content when no version is given', () => {
    const base = buildWarehouse(demo.tables, relationships);
    const searchLog = demo.table('search_log.csv');
    const edited: FusionTable = { ...searchLog, columns: searchLog.columns.map((c) => (c.role === 'query-text' ? { ...c, values: ['espresso', ...c.values.slice(1)] } : c)) };
    const plan = planRebuild(base.manifest, demo.tables.map((t) => (t === searchLog ? edited : t)), relationships);
    expect(plan.rebuild).toEqual(['events', 'searches']);
  });

  it('stops when cancelled', () => {
    const controller = new AbortController();
    controller.abort();
    expect(() => buildWarehouse(demo.tables, relationships, { signal: controller.signal })).toThrow(expect.objectContaining({ name: 'AbortError' }));
  });
});
