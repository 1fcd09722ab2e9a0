// The browser encoder benchmark's worker: starts one backend the way the app does
// (src/lib/ml/backend.ts, wasm binaries served by this origin) and runs bench/encoder-measure.ts.
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { expose } from '../src/lib/jobs/rpc';
import { initBackend } from '../src/lib/ml/backend';
import { fetchFrom, loadUseLite } from '../src/lib/ml/models';
import { measureAll } from './encoder-measure';
import type { BenchOptions } from './encoder-texts';

expose({
  async run(backend: 'webgpu' | 'wasm', options: BenchOptions) {
    const started = await initBackend(backend, {
      gpu: navigator.gpu,
      crossOriginIsolated: self.crossOriginIsolated,
      wasmPaths: { 'tfjs-backend-wasm.wasm': wasmPlain, 'tfjs-backend-wasm-simd.wasm': wasmSimd, 'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd },
    });
    const context = { requested: backend, reason: started.reason, adapter: started.adapter, wasm: started.wasm };
    // A backend that fell back (no adapter, say) is reported, not measured under the wrong name.
    if (started.name !== backend) return [{ measure: 'skipped', ...context }];
    const lines: Record<string, unknown>[] = [];
    await measureAll(() => loadUseLite(fetchFrom('/models/use-lite/')), options, (line) => lines.push({ ...line, ...context }));
    return lines;
  },
});
