import { AppError } from '../errors';
import { runJob, type JobOutcome, type RunOptions } from '../jobs';
import { transfer } from '../jobs/rpc';
import { getSource, openDb, queryRowIds, type EdgeFuseDb, type FilterSpec, type Source, type SortSpec } from '../store';
import { findDuplicateImports, importFilesJob, type DuplicateImport, type ImportFilesResult, type ImportOptions } from './import-files';
import { loadDemoJob, type LoadDemoParams, type LoadDemoResult } from './load-demo';
import { reprofileJob } from './reprofile';
import { typedKey } from './typed-key';
import { cleanStatsOf } from './analyse-source';
import { cleanedChunkReader } from './cleaned-chunk-reader';
import { issueRowIds } from './issue-row-ids';
import { activeSteps, duplicateKey, parseHistory, type ChunkProfiler, type CleanStats } from '../profile';

/** What the ingest worker offers. Every argument and result is structured-cloneable. */
export interface IngestApi {
  loadDemo(params: LoadDemoParams, options: RunOptions): Promise<JobOutcome<LoadDemoResult>>;
  resume(jobId: string, options: RunOptions): Promise<JobOutcome>;
  /** Imports dropped files (File objects clone to the worker as handles: no bytes are copied). */
  importFiles(workspaceId: string, files: File[], importOptions: ImportOptions, options: RunOptions): Promise<JobOutcome<ImportFilesResult>>;
  /** Which of these files were imported into the workspace before, so the user can be asked. */
  findDuplicates(workspaceId: string, files: File[]): Promise<DuplicateImport[]>;
  /** Profiles a source again after its overrides or cleaning steps changed. */
  reprofile(sourceId: string, options: RunOptions): Promise<JobOutcome<{ issues: number }>>;
  /**
   * Row ids passing `filters` (and, given an issue id, only the rows that quality issue is
   * about), sorted by `sort`: the grid pages through them. Transferred, not copied.
   */
  queryRows(sourceId: string, filters: FilterSpec[], sort: SortSpec | null, issueId?: string | null): Promise<Int32Array>;
  /** What the source's active cleaning steps need to be applied on read (medians, repeated rows). */
  cleanStats(sourceId: string): Promise<CleanStats>;
}

export interface IngestEnvironment {
  /** Where imports profile their chunks: in this thread by default, another worker in browsers. */
  newProfiler?: () => ChunkProfiler;
}

export function createIngestApi(db: EdgeFuseDb = openDb(), env: IngestEnvironment = {}): IngestApi {
  // The statistics cleaning needs (a duplicate scan, say) depend on the source and its history
  // alone: the grid asks for them and for row ids on every sort and filter, so scan once.
  const stats = new Map<string, Promise<CleanStats>>();
  const cleanStatsFor = (source: Source): Promise<CleanStats> => {
    const key = `${source.id}:${JSON.stringify(source.history)}`;
    let found = stats.get(key);
    if (!found) {
      found = cleanStatsOf(db, source, activeSteps(parseHistory(source.history)));
      found.catch(() => stats.delete(key));
      stats.set(key, found);
      // A handful of views at a time; older histories are dropped first.
      if (stats.size > 8) stats.delete(stats.keys().next().value!);
    }
    return found;
  };
  const sourceOf = (sourceId: string): Promise<Source> => getSource(db, sourceId);

  return {
    loadDemo: (params, options) => runJob(db, { kind: 'load-demo', workspaceId: params.workspaceId, params }, loadDemoJob(db), options),
    async resume(jobId, options) {
      const job = await db.jobs.get(jobId);
      if (job?.kind === 'load-demo') return runJob(db, { kind: 'load-demo', workspaceId: job.workspaceId, params: job.params as LoadDemoParams, jobId }, loadDemoJob(db), options);
      if (job?.kind === 'reprofile') return runJob(db, { kind: 'reprofile', workspaceId: job.workspaceId, params: job.params as { sourceId: string }, jobId }, reprofileJob(db), options);
      throw new AppError('not-found', 'That job can no longer be resumed.', { jobId });
    },
    async reprofile(sourceId, options) {
      const source = await db.sources.get(sourceId);
      return runJob(db, { kind: 'reprofile', workspaceId: source?.workspaceId ?? null, params: { sourceId } }, reprofileJob(db), options);
    },
    importFiles(workspaceId, files, importOptions, options) {
      const params = { workspaceId, files: files.map((f) => ({ name: f.name, sizeBytes: f.size })), ...importOptions };
      return runJob(db, { kind: 'import-files', workspaceId, params }, importFilesJob(db, files, env.newProfiler), options);
    },
    findDuplicates: (workspaceId, files) => findDuplicateImports(db, workspaceId, files),
    async queryRows(sourceId, filters, sort, issueId = null) {
      const source = await sourceOf(sourceId);
      const steps = activeSteps(parseHistory(source.history));
      const stats = await cleanStatsFor(source);
      const dropped = new Set(steps.flatMap((step) => (step.op === 'drop-duplicates' ? (stats.duplicates[duplicateKey(step.columns)] ?? []) : [])));
      // With cleaning steps the grid shows cleaned values: sort and filter those, not the stored ones.
      const read = steps.length > 0 ? cleanedChunkReader(db, source, steps, stats) : undefined;
      const keyOf = (column: number) => typedKey(source, column);
      const ids = issueId
        ? await issueRowIds(db, source, issueId, filters, sort, { keyOf, exclude: dropped, ...(read ? { read } : {}) })
        : await queryRowIds(db, sourceId, filters, sort, { keyOf, exclude: dropped, ...(read ? { read } : {}) });
      return transfer(ids, [ids.buffer]);
    },
    cleanStats: async (sourceId) => cleanStatsFor(await sourceOf(sourceId)),
  };
}
