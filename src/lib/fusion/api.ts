import { AppError } from '../errors';
import { runJob, type JobOutcome, type RunOptions } from '../jobs';
import { getSource, openDb, type EdgeFuseDb } from '../store';
import { readSourceTable } from './read-store-tables';
import { describeRelationship } from './relate';
import { discoverRelationshipsJob, type DiscoverParams, type DiscoverResult } from './relate-job';
import type { ColumnRef, Relationship } from './types';
import { buildWarehouseJob, type BuildWarehouseParams, type BuildWarehouseResult } from './warehouse-job';
import { LinkSessions, linkEntitiesJob, type LinkEnvironment, type LinkJobResult, type LinkParams, type LinkReport } from './link-job';
import type { FieldMerge, PairLabel } from './link';

/** What the fusion worker offers. Every argument and result is structured-cloneable. */
export interface FusionApi {
  discoverRelationships(params: DiscoverParams, options: RunOptions): Promise<JobOutcome<DiscoverResult>>;
  /** Evidence for a relationship the user draws by hand (source ids in, table names out). */
  describeRelationship(workspaceId: string, from: { sourceId: string; column: string }, to: { sourceId: string; column: string }): Promise<Relationship>;
  buildWarehouse(params: BuildWarehouseParams, options: RunOptions): Promise<JobOutcome<BuildWarehouseResult>>;
  /** Finds the same customer or product across two sources, or duplicates within one. */
  linkEntities(params: LinkParams, options: RunOptions): Promise<JobOutcome<LinkJobResult>>;
  /** A finished run at one threshold: estimated precision/recall, pairs to label, golden records. */
  linkReport(runId: string, threshold: number, rules?: FieldMerge[]): Promise<LinkReport>;
  /** The user's verdicts on pairs; the model is refitted and every pair rescored. */
  labelPairs(runId: string, labels: PairLabel[]): Promise<void>;
  resume(jobId: string, options: RunOptions): Promise<JobOutcome>;
}

export function createFusionApi(db: EdgeFuseDb = openDb(), env: LinkEnvironment = {}): FusionApi {
  const sessions = new LinkSessions(db, env);
  const start = {
    'link-entities': (params: LinkParams, options: RunOptions, jobId?: string) =>
      runJob(db, { kind: 'link-entities', workspaceId: params.workspaceId, params, ...(jobId ? { jobId } : {}) }, linkEntitiesJob(db, sessions, env), options),
    'discover-relationships': (params: DiscoverParams, options: RunOptions, jobId?: string) =>
      runJob(db, { kind: 'discover-relationships', workspaceId: params.workspaceId, params, ...(jobId ? { jobId } : {}) }, discoverRelationshipsJob(db), options),
    'build-warehouse': (params: BuildWarehouseParams, options: RunOptions, jobId?: string) =>
      runJob(db, { kind: 'build-warehouse', workspaceId: params.workspaceId, params, ...(jobId ? { jobId } : {}) }, buildWarehouseJob(db), options),
  };
  const tableOf = async (sourceId: string) => readSourceTable(db, await getSource(db, sourceId));
  return {
    discoverRelationships: (params, options) => start['discover-relationships'](params, options),
    buildWarehouse: (params, options) => start['build-warehouse'](params, options),
    linkEntities: (params, options) => start['link-entities'](params, options),
    linkReport: (runId, threshold, rules) => sessions.report(runId, threshold, rules),
    labelPairs: (runId, labels) => sessions.label(runId, labels),
    async describeRelationship(_workspaceId, from, to) {
      const [a, b] = await Promise.all([tableOf(from.sourceId), tableOf(to.sourceId)]);
      const ref = (table: typeof a, column: string): ColumnRef => {
        if (!table.columns.some((c) => c.name === column)) throw new AppError('not-found', `${table.name} has no column ${column}.`);
        return { table: table.name, column };
      };
      return describeRelationship([a, b], ref(a, from.column), ref(b, to.column));
    },
    async resume(jobId, options) {
      const job = await db.jobs.get(jobId);
      if (job?.kind === 'discover-relationships') return start['discover-relationships'](job.params as DiscoverParams, options, jobId);
      if (job?.kind === 'link-entities') return start['link-entities'](job.params as LinkParams, options, jobId);
      if (job?.kind === 'build-warehouse') return start['build-warehouse'](job.params as BuildWarehouseParams, options, jobId);
      throw new AppError('not-found', 'That job can no longer be resumed.', { jobId });
    },
  };
}
