import { afterEach, describe, expect, it } from 'vitest';
import { countWorkspaceRows, createWorkspace, deleteWorkspace, listWorkspaces, renameWorkspace, SourceWriter, workspaceTables } from '../../../src/lib/store';
import { AppError } from '../../../src/lib/errors';
import { testDb } from '../helpers';

const db = testDb();
afterEach(async () => {
  for (const table of db.tables) await table.clear();
});

async function fillWorkspace(workspaceId: string) {
  const writer = await SourceWriter.create(db, { workspaceId, name: 'a.csv', mediaType: 'text/csv', sizeBytes: 10, contentHash: 'x', jobId: 'j1' }, 2);
  await writer.appendRecords([{ a: '1' }, { a: '2' }, { a: '3' }]);
  await writer.finish();
  const now = Date.now();
  await db.jobs.add({ id: 'j1', workspaceId, kind: 'load-demo', params: {}, status: 'done', progress: null, message: '', etaMs: null, error: null, result: null, createdAt: now, startedAt: now, updatedAt: now, finishedAt: now });
  await db.checkpoints.add({ jobId: 'j1', workspaceId, step: 1, state: {}, savedAt: now });
  await db.models.add({ id: 'm1', workspaceId, name: 'm', kind: 'encoder', card: {}, weights: new ArrayBuffer(8), createdAt: now });
  await db.runs.add({ id: 'r1', workspaceId, jobId: 'j1', kind: 'train', modelId: 'm1', metrics: [], summary: {}, createdAt: now });
  await db.settings.put({ key: 'current-workspace', value: workspaceId });
  await db.images.add({ id: 'i1', workspaceId, name: 'p.png', mediaType: 'image/png', sizeBytes: 3, blob: new Blob(['png']), createdAt: now });
  await db.relationships.add({
    workspaceId, id: 'a/x -> b/y', from: { table: 'a', column: 'x' }, to: { table: 'b', column: 'y' }, containment: 1, reverseContainment: 1,
    cardinality: '1:1', keyMatch: 'exact', score: 1, examples: [], evidence: [], status: 'suggested', updatedAt: now,
  });
  await db.table('linkRuns').add({ id: 'l1', workspaceId });
  await db.lineage.add({ sourceId: 'v1', workspaceId, index: 0, rowStart: 0, rowCount: 1, offsets: Int32Array.of(0, 1), sources: Uint16Array.of(0), rows: Int32Array.of(0) });
  await db.findings.add({ id: 'f1', workspaceId, kind: 'rules', jobId: 'j1', params: {}, result: {}, createdAt: now });
  await db.reviewLabels.put({ workspaceId, sourceId: 's1', row: 3, label: 'negative', labelledAt: now });
}

describe('workspaces', () => {
  it('creates, lists and renames, refusing empty names', async () => {
    const a = await createWorkspace(db, '  Spring   sale ');
    expect(a.name).toBe('Spring sale');
    await renameWorkspace(db, a.id, 'Autumn');
    expect((await listWorkspaces(db)).map((w) => w.name)).toEqual(['Autumn']);
    await expect(createWorkspace(db, '   ')).rejects.toBeInstanceOf(AppError);
    await expect(renameWorkspace(db, 'missing', 'x')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('delete removes every row of the workspace from every table and leaves others alone', async () => {
    const doomed = await createWorkspace(db, 'doomed');
    const kept = await createWorkspace(db, 'kept');
    await fillWorkspace(doomed.id);
    const before = await countWorkspaceRows(db, doomed.id);
    expect(before['chunks']).toBe(2); // 3 rows at 2 rows per chunk, one column
    for (const name of [...workspaceTables, 'settings']) expect(before[name]).toBeGreaterThan(0);

    const keptWriter = await SourceWriter.create(db, { workspaceId: kept.id, name: 'b.csv', mediaType: 'text/csv', sizeBytes: 1, contentHash: 'y', jobId: null });
    await keptWriter.appendRecords([{ b: 'x' }]);
    await keptWriter.finish();

    await deleteWorkspace(db, doomed.id);
    const after = await countWorkspaceRows(db, doomed.id);
    expect(Object.values(after).every((n) => n === 0)).toBe(true);
    expect(await db.sources.where('workspaceId').equals(kept.id).count()).toBe(1);
    expect(await db.chunks.where('workspaceId').equals(kept.id).count()).toBe(1);
  });
});
