import { AppError } from '../errors';
import { runJob, type JobOutcome, type RunOptions } from '../jobs';
import { transfer } from '../jobs/rpc';
import { queryRowIds, type FilterSpec, type SortSpec } from '../store';
import { openDb, type EdgeFuseDb } from '../store';
import { loadDemoJob, type LoadDemoParams, type LoadDemoResult } from './load-demo';

/** What the ingest worker offers. Every argument and result is structured-cloneable. */
export interface IngestApi {
  loadDemo(params: LoadDemoParams, options: RunOptions): Promise<JobOutcome<LoadDemoResult>>;
  resume(jobId: string, options: RunOptions): Promise<JobOutcome>;
  /** Row ids passing `filters`, sorted by `sort`: the grid pages through them. Transferred, not copied. */
  queryRows(sourceId: string, filters: FilterSpec[], sort: SortSpec | null): Promise<Int32Array>;
}

export function createIngestApi(db: EdgeFuseDb = openDb()): IngestApi {
  return {
    loadDemo: (params, options) => runJob(db, { kind: 'load-demo', workspaceId: params.workspaceId, params }, loadDemoJob(db), options),
    async resume(jobId, options) {
      const job = await db.jobs.get(jobId);
      if (!job || job.kind !== 'load-demo') throw new AppError('not-found', 'That job can no longer be resumed.', { jobId });
      return runJob(db, { kind: 'load-demo', workspaceId: job.workspaceId, params: job.params as LoadDemoParams, jobId }, loadDemoJob(db), options);
    },
    async queryRows(sourceId, filters, sort) {
      const ids = await queryRowIds(db, sourceId, filters, sort);
      return transfer(ids, [ids.buffer]);
    },
  };
}
