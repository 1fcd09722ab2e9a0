import { Dexie } from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../../src/lib/store';
import { schemaV1, schemaV2, schemaV3 } from '../../../src/lib/store/schema';

describe('schema migrations', () => {
  it('upgrades a version-1 database: old sources gain contentHash, jobId and status', async () => {
    const indexedDB = new IDBFactory();
    const name = 'migrate-v1';
    const v1 = new Dexie(name, { indexedDB, IDBKeyRange });
    v1.version(1).stores(schemaV1);
    await v1.table('workspaces').add({ id: 'w', name: 'Old', isDemo: false, createdAt: 1, updatedAt: 1 });
    await v1.table('sources').add({ id: 's', workspaceId: 'w', name: 'a.csv', rowCount: 3, columns: [] });
    v1.close();

    const db = openDb({ name, indexedDB, IDBKeyRange });
    const source = await db.sources.get('s');
    expect(source).toMatchObject({ contentHash: '', jobId: null, status: 'ready', rowCount: 3 });
    expect(await db.sources.where('[workspaceId+contentHash]').equals(['w', '']).count()).toBe(1);
    expect(db.verno).toBe(6);
    db.close();
  });

  it('upgrades a version-2 database: sources gain origin, profile, overrides and history; images exist', async () => {
    const indexedDB = new IDBFactory();
    const name = 'migrate-v2';
    const v2 = new Dexie(name, { indexedDB, IDBKeyRange });
    v2.version(1).stores(schemaV1);
    v2.version(2).stores(schemaV2);
    await v2.table('sources').add({ id: 's', workspaceId: 'w', name: 'a.csv', mediaType: 'text/csv', contentHash: 'h', jobId: null, status: 'ready', rowCount: 3, columns: [] });
    v2.close();

    const db = openDb({ name, indexedDB, IDBKeyRange });
    expect(await db.sources.get('s')).toMatchObject({
      origin: { format: 'text/csv', fileName: 'a.csv', encoding: null, replacementChars: 0 },
      malformedRows: [],
      malformedTotal: 0,
      profile: null,
      overrides: {},
      history: { steps: [], cursor: 0 },
    });
    expect(await db.images.count()).toBe(0);
    db.close();
  });

  it('upgrades a version-3 database: sources become files; relationships and lineage tables exist (and, at v5, findings; at v6, review labels)', async () => {
    const indexedDB = new IDBFactory();
    const name = 'migrate-v3';
    const v3 = new Dexie(name, { indexedDB, IDBKeyRange });
    v3.version(1).stores(schemaV1);
    v3.version(2).stores(schemaV2);
    v3.version(3).stores(schemaV3);
    await v3.table('sources').add({ id: 's', workspaceId: 'w', name: 'a.csv', status: 'ready', rowCount: 3, columns: [] });
    v3.close();

    const db = openDb({ name, indexedDB, IDBKeyRange });
    expect(await db.sources.get('s')).toMatchObject({ kind: 'file', view: null });
    expect(await db.relationships.where('workspaceId').equals('w').count()).toBe(0);
    expect(await db.lineage.count()).toBe(0);
    expect(await db.findings.where('[workspaceId+kind]').equals(['w', 'rules']).count()).toBe(0);
    expect(await db.reviewLabels.where('[workspaceId+sourceId]').equals(['w', 's']).count()).toBe(0);
    expect(db.verno).toBe(6);
    db.close();
  });
});
