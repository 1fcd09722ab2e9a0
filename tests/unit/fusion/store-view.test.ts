import { describe, expect, it } from 'vitest';
import { saveDiscovered, setRelationshipStatus, listRelationships } from '../../../src/lib/fusion/relationship-store';
import { storeView, viewRowLineage, type ViewToStore } from '../../../src/lib/fusion/store-view';
import type { FusionTable, Relationship } from '../../../src/lib/fusion/types';
import { listSources, listViews, readRows } from '../../../src/lib/store';
import { testDb } from '../helpers';

const tables: FusionTable[] = [
  { id: 'src-a', name: 'a.csv', rowCount: 2, columns: [] },
  { id: 'src-b', name: 'b.csv', rowCount: 3, columns: [] },
];

function view(rows: number): ViewToStore {
  return {
    name: 'customers',
    rowCount: rows,
    columns: [{ name: 'key', values: Array.from({ length: rows }, (_, i) => `k${i}`) }],
    // Row i came from a.csv row i % 2 and, for odd rows, also b.csv row 2.
    lineageOf: (row) => [{ table: 'a.csv', row: row % 2 }, ...(row % 2 ? [{ table: 'b.csv', row: 2 }] : [])],
  };
}

describe('warehouse views in the store', () => {
  it('stores rows as a view source with lineage through the tables row ids, and replaces the previous build', async () => {
    const db = testDb();
    const first = await storeView(db, 'w', null, view(5), tables, 'f1');
    expect(first).toMatchObject({ kind: 'view', name: 'customers', rowCount: 5, status: 'ready' });
    expect(first.profile?.columns[0]?.name).toBe('key');
    expect((await readRows(db, first.id, 3, 2)).rows).toEqual([['k3'], ['k4']]);
    expect(await viewRowLineage(db, first, 1)).toEqual([
      { sourceId: 'src-a', sourceName: 'a.csv', row: 1 },
      { sourceId: 'src-b', sourceName: 'b.csv', row: 2 },
    ]);
    expect(await listSources(db, 'w')).toEqual([]);

    const second = await storeView(db, 'w', null, view(3), tables, 'f2');
    const views = await listViews(db, 'w');
    expect(views.map((v) => [v.id, v.rowCount])).toEqual([[second.id, 3]]);
    expect(await db.lineage.where('sourceId').equals(first.id).count()).toBe(0);
    expect(await db.chunks.where('sourceId').equals(first.id).count()).toBe(0);
  });
});

describe('stored relationships', () => {
  const rel = (id: string, score: number): Relationship => ({
    id, from: { table: 'a', column: id }, to: { table: 'b', column: 'k' }, containment: score, reverseContainment: 0.5,
    cardinality: 'n:1', keyMatch: 'exact', score, examples: [], evidence: [], status: 'suggested',
  });

  it('keeps the user decisions across discovery runs and drops stale suggestions', async () => {
    const db = testDb();
    await saveDiscovered(db, 'w', [rel('x', 0.9), rel('y', 0.8), rel('z', 0.7)]);
    await setRelationshipStatus(db, 'w', 'x', 'confirmed');
    await setRelationshipStatus(db, 'w', 'y', 'rejected');
    await saveDiscovered(db, 'w', [rel('x', 0.95)]);
    const after = new Map((await listRelationships(db, 'w')).map((r) => [r.id, r]));
    expect(after.get('x')).toMatchObject({ status: 'confirmed', score: 0.95 });
    expect(after.get('y')?.status).toBe('rejected');
    expect(after.has('z')).toBe(false);
    await expect(setRelationshipStatus(db, 'w', 'nope', 'confirmed')).rejects.toMatchObject({ code: 'not-found' });
  });
});
