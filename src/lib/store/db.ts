import { Dexie, type EntityTable, type Table } from 'dexie';
import type { LinkRunRecord } from '../fusion/link-store';
import type { ReviewLabelRecord } from './review-labels';
import { databaseName, declareSchema } from './schema';
import type { Checkpoint, Chunk, FindingRecord, ImageRecord, JobRecord, LineageChunk, ModelRecord, RunRecord, Setting, Source, StoredRelationship, Workspace } from './types';

/** The typed database: an intersection, not a subclass (as Dexie's README recommends). */
export type EdgeFuseDb = Dexie & {
  workspaces: EntityTable<Workspace, 'id'>;
  sources: EntityTable<Source, 'id'>;
  chunks: Table<Chunk, [string, number, number]>;
  images: EntityTable<ImageRecord, 'id'>;
  jobs: EntityTable<JobRecord, 'id'>;
  checkpoints: EntityTable<Checkpoint, 'jobId'>;
  models: EntityTable<ModelRecord, 'id'>;
  runs: EntityTable<RunRecord, 'id'>;
  settings: EntityTable<Setting, 'key'>;
  relationships: Table<StoredRelationship, [string, string]>;
  lineage: Table<LineageChunk, [string, number]>;
  linkRuns: EntityTable<LinkRunRecord, 'id'>;
  findings: EntityTable<FindingRecord, 'id'>;
  reviewLabels: Table<ReviewLabelRecord, [string, string, number]>;
};

export interface OpenOptions {
  /** Database name; tests use a fresh one each. */
  name?: string;
  /** Node tests pass fake-indexeddb here; browsers use the global indexedDB. */
  indexedDB?: IDBFactory;
  IDBKeyRange?: typeof IDBKeyRange;
}

export function openDb(options: OpenOptions = {}): EdgeFuseDb {
  const dependencies =
    options.indexedDB && options.IDBKeyRange ? { indexedDB: options.indexedDB, IDBKeyRange: options.IDBKeyRange } : undefined;
  const db = new Dexie(options.name ?? databaseName, dependencies ? { addons: [], ...dependencies } : undefined) as EdgeFuseDb;
  declareSchema(db);
  return db;
}

export function newId(): string {
  return crypto.randomUUID();
}
