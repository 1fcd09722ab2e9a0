import { describe, expect, it } from 'vitest';
import { createFusionApi } from '../../../src/lib/fusion/api';
import { listRelationships, setRelationshipStatus } from '../../../src/lib/fusion/relationship-store';
import { viewRowLineage } from '../../../src/lib/fusion/store-view';
import { createIngestApi } from '../../../src/lib/ingest';
import { listViews, readRowsById } from '../../../src/lib/store';
import { testDb } from '../helpers';

// Discover -> confirm -> build over the demo shop in IndexedDB, as the fusion worker runs it.
describe('warehouse job', () => {
  it('builds the five views from confirmed relationships, with lineage, and reuses them when nothing changed', async () => {
    const db = testDb();
    await createIngestApi(db).loadDemo({ workspaceId: 'w', seed: 42, scale: 0.3 }, {});
    const api = createFusionApi(db);
    const discovered = await api.discoverRelationships({ workspaceId: 'w' }, {});
    expect(discovered.status === 'done' && discovered.result.suggested).toBe(7);
    for (const r of await listRelationships(db, 'w')) await setRelationshipStatus(db, 'w', r.id, 'confirmed');

    const first = await api.buildWarehouse({ workspaceId: 'w' }, {});
    expect(first.status).toBe('done');
    const views = await listViews(db, 'w');
    expect(views.map((v) => v.name)).toEqual(['customers', 'events', 'products', 'reviews', 'searches']);
    const events = views.find((v) => v.name === 'events')!;
    const kind = events.columns.findIndex((c) => c.name === 'kind');
    const time = events.columns.findIndex((c) => c.name === 'time');
    // Find an order line and check its lineage names its order_lines.csv and orders.csv rows.
    const rows = await readRowsById(db, events.id, Array.from({ length: Math.min(events.rowCount, 3000) }, (_, i) => i));
    const line = rows.findIndex((r) => r[kind] === 'order-line');
    expect(String(rows[line]![time])).toMatch(/^\d{4}-\d\d-\d\dT/);
    const lineage = await viewRowLineage(db, events, line);
    expect(lineage.map((l) => l.sourceName).sort()).toEqual(['order_lines.csv', 'orders.csv']);

    const second = await api.buildWarehouse({ workspaceId: 'w' }, {});
    expect(second.status === 'done' && second.result.views.every((v) => v.reused)).toBe(true);
    expect((await listViews(db, 'w')).map((v) => v.id)).toEqual(views.map((v) => v.id));
  }, 120_000);
});
