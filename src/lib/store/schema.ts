import type { Dexie, Transaction } from 'dexie';

// Every schema version, in order. A shipped version is never edited: add a version, give its
// upgrade a name, and test it against a database built at the previous version
// (tests/unit/store/migrations.test.ts). Only primary keys and indexes are declared here.

export const databaseName = 'edgefuse';

const v1 = {
  workspaces: 'id, name, createdAt',
  sources: 'id, workspaceId, [workspaceId+name]',
  // One record per (source, column, chunk): a column can be read without touching the others.
  chunks: '[sourceId+column+index], sourceId, workspaceId',
  jobs: 'id, workspaceId, status, kind, updatedAt',
  checkpoints: 'jobId, workspaceId',
  models: 'id, workspaceId, createdAt',
  runs: 'id, workspaceId, jobId, kind, createdAt',
  settings: 'key',
};

// v2: duplicate-import detection looks sources up by content hash, and an interrupted import is
// found by the job that was writing it.
const v2 = {
  sources: 'id, workspaceId, [workspaceId+name], [workspaceId+contentHash], jobId',
};

// v3: product images, and sources carry their profile, origin, overrides and cleaning history
// (plain fields, no new index).
const v3 = {
  images: 'id, workspaceId, [workspaceId+name]',
};

// v4: fusion. Relationships between sources (user decisions included), entity-resolution runs,
// and lineage chunks of warehouse views. The views themselves are sources of kind 'view', so
// the data grid, sort and filter read them like any imported file.
const v4 = {
  relationships: '[workspaceId+id], workspaceId',
  linkRuns: 'id, workspaceId',
  lineage: '[sourceId+index], sourceId, workspaceId',
};

// v5: discovery. One record per finished analysis (review intelligence, recommenders, search,
// basket rules): its inputs and its result as plain JSON, so the Discover page shows the last
// one after a reload.
const v5 = {
  findings: 'id, workspaceId, [workspaceId+kind], createdAt',
};

// v6: the labels a user gives reviews in the label queue, one per (workspace, source, row).
const v6 = {
  reviewLabels: '[workspaceId+sourceId+row], workspaceId, [workspaceId+sourceId]',
};

/** Every source before v4 came from a file. */
async function fillSourceKind(tx: Transaction): Promise<void> {
  await tx
    .table('sources')
    .toCollection()
    .modify((source: Record<string, unknown>) => {
      source['kind'] ??= 'file';
      source['view'] ??= null;
    });
}

async function fillSourceProfileFields(tx: Transaction): Promise<void> {
  await tx
    .table('sources')
    .toCollection()
    .modify((source: Record<string, unknown>) => {
      source['origin'] ??= { format: String(source['mediaType'] ?? ''), encoding: null, encodingConfidence: null, fileName: String(source['name'] ?? ''), sheetName: null, replacementChars: 0 };
      source['malformedRows'] ??= [];
      source['malformedTotal'] ??= 0;
      source['profile'] ??= null;
      source['cleanProfile'] ??= null;
      source['issues'] ??= [];
      source['overrides'] ??= {};
      source['history'] ??= { steps: [], cursor: 0 };
    });
}

/** v1 sources had neither field: mark them finished, with an unknown hash. */
async function fillSourceHashAndJob(tx: Transaction): Promise<void> {
  await tx
    .table('sources')
    .toCollection()
    .modify((source: Record<string, unknown>) => {
      source['contentHash'] ??= '';
      source['jobId'] ??= null;
      source['status'] ??= 'ready';
    });
}

export function declareSchema(db: Dexie): void {
  db.version(1).stores(v1);
  db.version(2).stores(v2).upgrade(fillSourceHashAndJob);
  db.version(3).stores(v3).upgrade(fillSourceProfileFields);
  db.version(4).stores(v4).upgrade(fillSourceKind);
  db.version(5).stores(v5);
  db.version(6).stores(v6);
}

/** Exported for the migration tests, which build databases at earlier versions. */
export const schemaV1 = v1;
export const schemaV2 = v2;
export const schemaV3 = v3;

/** Tables whose rows carry a workspaceId: a workspace delete must empty all of them. */
export const workspaceTables = ['sources', 'chunks', 'images', 'jobs', 'checkpoints', 'models', 'runs', 'relationships', 'linkRuns', 'lineage', 'findings', 'reviewLabels'] as const;
