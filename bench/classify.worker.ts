// The browser classification benchmark's worker: starts the backend as the app does
// (src/lib/ml/backend.ts, wasm binaries from this origin) and runs bench/classify-run.ts.
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { expose } from '../src/lib/jobs/rpc';
import { initBackend } from '../src/lib/ml/backend';
import { fetchFrom } from '../src/lib/ml/models';
import * as reviews from '../src/lib/reviews';
import type { FusionTable } from '../src/lib/fusion/types';
import { measureClassify, type ClassifyBenchOptions } from './classify-run';

expose({
  async run(table: FusionTable, options: ClassifyBenchOptions, backend: 'webgpu' | 'wasm') {
    const started = await initBackend(backend, {
      gpu: navigator.gpu,
      crossOriginIsolated: self.crossOriginIsolated,
      wasmPaths: { 'tfjs-backend-wasm.wasm': wasmPlain, 'tfjs-backend-wasm-simd.wasm': wasmSimd, 'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd },
    });
    const context = { requested: backend, reason: started.reason, adapter: started.adapter, wasm: started.wasm };
    // A backend that fell back (no adapter, say) is reported, not measured under the wrong name.
    if (started.name !== backend) return { measure: 'skipped', ...context };
    return { ...(await measureClassify(reviews, table, options, fetchFrom('/models/use-lite/'))), ...context };
  },
});
