import type { IngestApi } from '../lib/ingest';
import type { JobWorkerName } from '../lib/jobs';
import { wrap, type Remote } from '../lib/jobs/rpc';
import type { MlApi } from '../lib/ml';
import type { FusionApi } from '../lib/fusion/api';
import { AppError } from '../lib/errors';

// Creates every worker, lazily, and wraps it with Comlink. Comlink never settles a call whose
// worker died, so each call races the worker's `error` event: a crash rejects every call in
// flight with AppError('worker-crashed') and the next call gets a fresh worker.

interface WorkerClient<T> {
  api(): Remote<T>;
  terminate(): void;
}

function workerClient<T extends object>(create: () => Worker, label: string): WorkerClient<T> {
  let current: { worker: Worker; api: Remote<T> } | null = null;

  const start = () => {
    const worker = create();
    const remote = wrap<T>(worker);
    let rejectAll: (error: AppError) => void = () => {};
    const crashed = new Promise<never>((_, reject) => (rejectAll = reject));
    crashed.catch(() => {});
    const onCrash = (event: Event) => {
      const detail = event instanceof ErrorEvent ? event.message : event.type;
      rejectAll(new AppError('worker-crashed', `The ${label} worker stopped unexpectedly (${detail}). The work it was doing can be resumed from the Jobs list.`));
      worker.terminate();
      if (current?.worker === worker) current = null;
    };
    worker.addEventListener('error', onCrash);
    worker.addEventListener('messageerror', onCrash);
    const api = new Proxy(remote, {
      get(target, prop, receiver) {
        const member = Reflect.get(target, prop, receiver) as unknown;
        if (typeof member !== 'function' || prop === 'then') return member;
        return (...args: unknown[]) => Promise.race([(member as (...a: unknown[]) => Promise<unknown>)(...args), crashed]);
      },
    });
    return { worker, api };
  };

  return {
    api: () => (current ??= start()).api,
    terminate() {
      current?.worker.terminate();
      current = null;
    },
  };
}

export const ingestWorker = workerClient<IngestApi>(
  () => new Worker(new URL('../../workers/ingest.worker.ts', import.meta.url), { type: 'module', name: 'edgefuse-ingest' }),
  'ingest',
);

export const mlWorker = workerClient<MlApi>(
  () => new Worker(new URL('../../workers/ml.worker.ts', import.meta.url), { type: 'module', name: 'edgefuse-ml' }),
  'ML',
);

export const fusionWorker = workerClient<FusionApi>(
  () => new Worker(new URL('../../workers/fusion.worker.ts', import.meta.url), { type: 'module', name: 'edgefuse-fusion' }),
  'fusion',
);

export const workersByName: Record<JobWorkerName, WorkerClient<{ resume: IngestApi['resume'] }>> = {
  ingest: ingestWorker,
  ml: mlWorker,
  fusion: fusionWorker,
};
