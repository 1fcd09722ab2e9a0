import { AppError, isAbortError, toAppError } from '../errors';
import { newId, type EdgeFuseDb, type JobRecord, type RunRecord } from '../store';
import { estimateEtaMs, pushSample, type ProgressSample } from './eta';
import type { JobEventListener, JobOutcome } from './events';
import type { JobKind } from './kinds';

// The one job runtime. A job is a row in `jobs` (so a reload finds it), a Web Lock held while
// it runs (so a reload can tell a live job from one whose tab died), and a handler function
// that receives a context with its params, an AbortSignal and reporting helpers.

export interface JobContext<P> {
  jobId: string;
  params: P;
  signal: AbortSignal;
  /** The state of the last checkpoint when this run resumes an interrupted job, else null. */
  resumeState: unknown;
  /** Throttled: call it as often as you like. */
  progress(done: number, total: number, unit: string, message?: string): void;
  checkpoint(step: number, state: unknown): Promise<void>;
  /** One point of a curve (loss at a step); kept in the job's run record with `step` in the checkpoints' unit. */
  metric(step: number, values: Record<string, number>): void;
  /** Headline figures of the run (best accuracy, backend), kept beside its curves. */
  summarise(values: Record<string, number | string>): void;
  log(text: string, level?: 'info' | 'warn'): void;
}

export type JobHandler<P, R> = (ctx: JobContext<P>) => Promise<R>;

export interface JobStart<P> {
  kind: JobKind;
  workspaceId: string | null;
  params: P;
  /** Set to resume an existing (interrupted) job instead of creating one. */
  jobId?: string;
}

export interface RunOptions {
  signal?: AbortSignal;
  onEvent?: JobEventListener;
}

const eventIntervalMs = 200;
const persistIntervalMs = 500;

export function jobLockName(jobId: string): string {
  return `edgefuse-job-${jobId}`;
}

function platformLocks(): LockManager | undefined {
  return (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
}

export async function runJob<P, R>(db: EdgeFuseDb, start: JobStart<P>, handler: JobHandler<P, R>, options: RunOptions = {}): Promise<JobOutcome<R>> {
  const jobId = start.jobId ?? newId();
  const locks = platformLocks();
  const run = () => runLocked(db, jobId, start, handler, options);
  if (!locks) return run();
  return locks.request(jobLockName(jobId), { ifAvailable: true }, async (lock) => {
    if (!lock) throw new AppError('unsupported', 'This job is already running in another tab.', { jobId });
    return run();
  });
}

async function runLocked<P, R>(db: EdgeFuseDb, jobId: string, start: JobStart<P>, handler: JobHandler<P, R>, options: RunOptions): Promise<JobOutcome<R>> {
  const signal = options.signal ?? new AbortController().signal;
  const emit = options.onEvent ?? (() => {});
  const now = Date.now();
  const existing = start.jobId ? await db.jobs.get(jobId) : undefined;
  const record: JobRecord = existing ?? {
    id: jobId,
    workspaceId: start.workspaceId,
    kind: start.kind,
    params: start.params,
    status: 'queued',
    progress: null,
    message: '',
    etaMs: null,
    error: null,
    result: null,
    createdAt: now,
    startedAt: null,
    updatedAt: now,
    finishedAt: null,
  };
  Object.assign(record, { status: 'running', startedAt: now, updatedAt: now, error: null, etaMs: null });
  await db.jobs.put(record);
  emit({ type: 'started', jobId });

  const checkpoint = await db.checkpoints.get(jobId);
  // Metrics (training curves) are kept in `runs`, one record per job, so a chart survives a
  // reload; a resumed job drops what it logged after its checkpoint (it will log it again).
  const run: RunRecord = (await db.runs.get(jobId)) ?? { id: jobId, workspaceId: record.workspaceId, jobId, kind: start.kind, modelId: null, metrics: [], summary: {}, createdAt: now };
  run.metrics = run.metrics.filter((m) => m.step <= (checkpoint?.step ?? -Infinity));
  let lastMetricPersistMs = 0;
  const persistRun = () => {
    const metrics = [...run.metrics];
    writing = writing.then(() => db.runs.put({ ...run, metrics }));
  };
  const samples: ProgressSample[] = [];
  let lastEventMs = 0;
  let lastPersistMs = 0;
  let writing: Promise<unknown> = Promise.resolve();

  const ctx: JobContext<P> = {
    jobId,
    params: record.params as P,
    signal,
    resumeState: checkpoint?.state ?? null,
    progress(done, total, unit, message = '') {
      const atMs = Date.now();
      pushSample(samples, { atMs, done });
      const final = done >= total;
      if (!final && atMs - lastEventMs < eventIntervalMs) return;
      lastEventMs = atMs;
      const etaMs = estimateEtaMs(samples, total);
      emit({ type: 'progress', jobId, done, total, unit, message, etaMs });
      if (!final && atMs - lastPersistMs < persistIntervalMs) return;
      lastPersistMs = atMs;
      Object.assign(record, { progress: { done, total, unit }, message, etaMs, updatedAt: atMs });
      writing = writing.then(() => db.jobs.update(jobId, { progress: record.progress, message, etaMs, updatedAt: atMs }));
    },
    async checkpoint(step, state) {
      await db.checkpoints.put({ jobId, workspaceId: record.workspaceId, step, state, savedAt: Date.now() });
      emit({ type: 'checkpoint', jobId, step });
    },
    metric(step, values) {
      emit({ type: 'metric', jobId, step, values });
      run.metrics.push({ step, values });
      const atMs = Date.now();
      if (atMs - lastMetricPersistMs < persistIntervalMs) return;
      lastMetricPersistMs = atMs;
      persistRun();
    },
    summarise(values) {
      Object.assign(run.summary, values);
      persistRun();
    },
    log(text, level = 'info') {
      emit({ type: 'log', jobId, level, text });
    },
  };

  const finish = async (patch: Partial<JobRecord>) => {
    if (run.metrics.length > 0 || Object.keys(run.summary).length > 0) persistRun();
    await writing.catch(() => {});
    const at = Date.now();
    await db.jobs.update(jobId, { ...patch, updatedAt: at, finishedAt: at, etaMs: null });
    if (patch.status !== 'failed') await db.checkpoints.delete(jobId);
  };

  try {
    signal.throwIfAborted();
    const result = await handler(ctx);
    await finish({ status: 'done', result: result ?? null, message: 'Finished' });
    return { status: 'done', jobId, result };
  } catch (error) {
    // An abort whose reason is an AppError (the GPU was lost) is a failure, not the user's cancel:
    // the checkpoint stays, so the job can resume.
    if ((isAbortError(error) || signal.aborted) && !(signal.reason instanceof AppError)) {
      await finish({ status: 'cancelled', message: 'Cancelled' });
      return { status: 'cancelled', jobId };
    }
    const appError = toAppError(error);
    // A failed job keeps its checkpoint: after fixing the cause (freeing storage, say) it can resume.
    await finish({ status: 'failed', error: { code: appError.code, message: appError.message }, message: appError.message });
    throw appError;
  }
}

/**
 * After a reload: every job recorded as running whose lock nobody holds lost its tab or worker
 * mid-way. It is marked interrupted so the UI can offer resume or discard.
 */
export async function markInterruptedJobs(db: EdgeFuseDb): Promise<number> {
  const running = await db.jobs.where('status').anyOf('running', 'queued').toArray();
  if (running.length === 0) return 0;
  const locks = platformLocks();
  const held = new Set((await locks?.query())?.held?.map((lock) => lock.name) ?? []);
  const orphans = running.filter((job) => !held.has(jobLockName(job.id)));
  await db.jobs.bulkUpdate(orphans.map((job) => ({ key: job.id, changes: { status: 'interrupted' as const, message: 'Interrupted: the tab closed or reloaded while this ran', etaMs: null } })));
  return orphans.length;
}
