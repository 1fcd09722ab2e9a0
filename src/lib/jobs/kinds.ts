// Every kind of job, and the worker that runs it. After a reload the UI resumes an interrupted
// job by asking this table which worker to wake.

export const jobWorkers = {
  'load-demo': 'ingest',
  'device-benchmark': 'ml',
} as const;

export type JobKind = keyof typeof jobWorkers;
export type JobWorkerName = (typeof jobWorkers)[JobKind];

export function isJobKind(value: string): value is JobKind {
  return Object.hasOwn(jobWorkers, value);
}
