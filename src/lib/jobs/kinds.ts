// Every kind of job, the worker that runs it, and whether it can resume after a reload.
// Imports cannot: the browser gives a page no access to a picked file after a reload, so an
// interrupted import is rolled back (discard) and the user drops the file again.

export const jobKinds = {
  'load-demo': { worker: 'ingest', resumable: true },
  'import-files': { worker: 'ingest', resumable: false },
  'reprofile': { worker: 'ingest', resumable: true },
  'device-benchmark': { worker: 'ml', resumable: true },
  'discover-relationships': { worker: 'fusion', resumable: true },
  'build-warehouse': { worker: 'fusion', resumable: true },
  'link-entities': { worker: 'fusion', resumable: true },
} as const;

export type JobKind = keyof typeof jobKinds;
export type JobWorkerName = (typeof jobKinds)[JobKind]['worker'];

export function isJobKind(value: string): value is JobKind {
  return Object.hasOwn(jobKinds, value);
}
