// The page side of the browser classification benchmark: one fresh worker per run.
import { wrap } from '../src/lib/jobs/rpc';
import type { FusionTable } from '../src/lib/fusion/types';
import type { ClassifyBenchOptions } from './classify-run';

interface ClassifyBenchWorker {
  run(table: FusionTable, options: ClassifyBenchOptions, backend: 'webgpu' | 'wasm'): Promise<Record<string, unknown>>;
}

(window as unknown as { runClassifyBench: unknown }).runClassifyBench = async (table: FusionTable, options: ClassifyBenchOptions, backend: 'webgpu' | 'wasm') => {
  const raw = new Worker(new URL('./classify.worker.ts', import.meta.url), { type: 'module' });
  try {
    return await wrap<ClassifyBenchWorker>(raw).run(table, options, backend);
  } finally {
    raw.terminate();
  }
};
