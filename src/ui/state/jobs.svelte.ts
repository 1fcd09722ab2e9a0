import { AppError, isAbortError, toAppError } from '../../lib/errors';
import { isJobKind, jobKinds, markInterruptedJobs, type JobEvent, type JobOutcome, type RunOptions } from '../../lib/jobs';
import { discardJob, recentJobs, type JobRecord } from '../../lib/store';
import { db } from '../db';
import { workersByName } from '../workers';
import { live } from './live.svelte';

// Jobs as the page sees them: the records in IndexedDB (which survive reloads) merged with the
// live progress events of the jobs this page started (which arrive faster than the records).

export interface LiveProgress {
  done: number;
  total: number;
  unit: string;
  message: string;
  etaMs: number | null;
}

class Jobs {
  #records = live(() => recentJobs(db), [] as JobRecord[]);
  #progress = $state.raw<Record<string, LiveProgress>>({});
  #controllers = new Map<string, AbortController>();
  #lastError = $state.raw<AppError | null>(null);

  get list(): JobRecord[] {
    return this.#records.current;
  }

  get running(): JobRecord[] {
    return this.list.filter((job) => job.status === 'running');
  }

  get lastError(): AppError | null {
    return this.#lastError;
  }

  dismissError(): void {
    this.#lastError = null;
  }

  progressOf(job: JobRecord): LiveProgress | null {
    const live = this.#progress[job.id];
    if (live && job.status === 'running') return live;
    return job.progress ? { ...job.progress, message: job.message, etaMs: job.etaMs } : null;
  }

  /** Marks jobs whose tab died as interrupted; called once at start-up. */
  async recover(): Promise<void> {
    await markInterruptedJobs(db);
  }

  /** Runs a job in its worker; resolves with its outcome, or null if it failed (error shown). */
  async run<R>(start: (options: RunOptions) => Promise<JobOutcome<R>>): Promise<JobOutcome<R> | null> {
    const controller = new AbortController();
    const onEvent = (event: JobEvent) => {
      if (event.type === 'started') this.#controllers.set(event.jobId, controller);
      if (event.type === 'progress') {
        const { done, total, unit, message, etaMs } = event;
        this.#progress = { ...this.#progress, [event.jobId]: { done, total, unit, message, etaMs } };
      }
    };
    try {
      return await start({ signal: controller.signal, onEvent });
    } catch (error) {
      if (!isAbortError(error)) this.#lastError = toAppError(error);
      return null;
    }
  }

  cancel(jobId: string): void {
    this.#controllers.get(jobId)?.abort();
  }

  isCancellable(jobId: string): boolean {
    return this.#controllers.has(jobId);
  }

  resume(job: JobRecord): Promise<JobOutcome | null> {
    if (!isJobKind(job.kind)) return Promise.resolve(null);
    const worker = workersByName[jobKinds[job.kind].worker];
    return this.run((options) => worker.api().resume(job.id, options));
  }

  canResume(job: JobRecord): boolean {
    return isJobKind(job.kind) && jobKinds[job.kind].resumable;
  }

  async discard(job: JobRecord): Promise<void> {
    await discardJob(db, job.id);
  }
}

export const jobs = new Jobs();
