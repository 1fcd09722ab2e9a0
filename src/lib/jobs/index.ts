export type { JobEvent, JobEventListener, JobOutcome } from './events';
export { estimateEtaMs, pushSample, formatDuration, type ProgressSample } from './eta';
export { jobKinds, isJobKind, jobLabel, type JobKind, type JobWorkerName } from './kinds';
export { runJob, markInterruptedJobs, jobLockName, type JobContext, type JobHandler, type JobStart, type RunOptions } from './runner';
