// Every kind of job, the worker that runs it, and whether it can resume after a reload.
// Imports cannot: the browser gives a page no access to a picked file after a reload, so an
// interrupted import is rolled back (discard) and the user drops the file again.

export const jobKinds = {
  'load-demo': { worker: 'ingest', resumable: true, label: 'Load demo shop' },
  'import-files': { worker: 'ingest', resumable: false, label: 'Import files' },
  'reprofile': { worker: 'ingest', resumable: true, label: 'Re-profile source' },
  'device-benchmark': { worker: 'ml', resumable: true, label: 'Measure compute' },
  'fine-tune': { worker: 'ml', resumable: true, label: 'Train a model' },
  'pretrain': { worker: 'ml', resumable: true, label: 'Pretrain on text' },
  'mine-rules': { worker: 'ml', resumable: true, label: 'Basket rules' },
  'search-eval': { worker: 'ml', resumable: true, label: 'Search evaluation' },
  'review-analysis': { worker: 'ml', resumable: true, label: 'Review intelligence' },
  'score-reviews': { worker: 'ml', resumable: true, label: 'Score reviews' },
  'recommend': { worker: 'ml', resumable: true, label: 'Recommendations' },
  'discover-relationships': { worker: 'fusion', resumable: true, label: 'Discover relationships' },
  'link-entities': { worker: 'fusion', resumable: true, label: 'Find matches' },
  'build-warehouse': { worker: 'fusion', resumable: true, label: 'Build warehouse' },
} as const;

/** What the job list calls a job. */
export function jobLabel(kind: string): string {
  return isJobKind(kind) ? jobKinds[kind].label : kind;
}

export type JobKind = keyof typeof jobKinds;
export type JobWorkerName = (typeof jobKinds)[JobKind]['worker'];

export function isJobKind(value: string): value is JobKind {
  return Object.hasOwn(jobKinds, value);
}
