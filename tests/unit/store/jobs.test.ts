import { describe, expect, it } from 'vitest';
import { discardJob, SourceWriter } from '../../../src/lib/store';
import { testDb } from '../helpers';

describe('discardJob', () => {
  it('removes the job, its checkpoint and the sources it left half-written, and keeps finished ones', async () => {
    const db = testDb();
    const now = Date.now();
    await db.jobs.add({ id: 'j', workspaceId: 'w', kind: 'import-files', params: {}, status: 'interrupted', progress: null, message: '', etaMs: null, error: null, result: null, createdAt: now, startedAt: now, updatedAt: now, finishedAt: null });
    await db.checkpoints.add({ jobId: 'j', workspaceId: 'w', step: 1, state: {}, savedAt: now });
    const draft = { workspaceId: 'w', mediaType: 'csv', sizeBytes: 1, contentHash: 'h', jobId: 'j' };
    const finished = await SourceWriter.create(db, { ...draft, name: 'done.csv' }, 2);
    await finished.appendRecords([{ a: '1' }]);
    await finished.finish();
    const cut = await SourceWriter.create(db, { ...draft, name: 'cut.csv' }, 2);
    await cut.appendRecords([{ a: '1' }, { a: '2' }, { a: '3' }]);

    await discardJob(db, 'j');
    expect(await db.jobs.count()).toBe(0);
    expect(await db.checkpoints.count()).toBe(0);
    expect((await db.sources.toArray()).map((s) => s.name)).toEqual(['done.csv']);
    expect(await db.chunks.where('sourceId').equals(cut.source.id).count()).toBe(0);
  });
});
