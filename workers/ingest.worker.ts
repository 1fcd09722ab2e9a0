// Thin Comlink endpoint: ingestion runs here, off the page's main thread. Each imported table is
// profiled in a nested worker of its own, on another core, while this one parses and stores.
import { createIngestApi } from '../src/lib/ingest';
import { expose, wrap } from '../src/lib/jobs/rpc';
import type { ProfileApi } from '../src/lib/profile';
import { openDb } from '../src/lib/store';

expose(
  createIngestApi(openDb(), {
    newProfiler() {
      const worker = new Worker(new URL('./profile.worker.ts', import.meta.url), { type: 'module', name: 'edgefuse-profile' });
      const profiler = wrap<ProfileApi>(worker);
      return {
        // Not transferred: the writer still stores these arrays after handing them over.
        add: (batch) => profiler.add(batch),
        result: () => profiler.result().finally(() => worker.terminate()),
      };
    },
  }),
);
