// Thin Comlink endpoint for tfjs work. The wasm binaries are imported as URLs so Vite serves
// and fingerprints them from this origin (and the service worker precaches them): no CDN.
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { expose } from '../src/lib/jobs/rpc';
import { createMlApi } from '../src/lib/ml/api';
import { fetchFrom } from '../src/lib/ml/models';

expose(
  createMlApi({
    gpu: navigator.gpu,
    crossOriginIsolated: self.crossOriginIsolated,
    useLiteFiles: fetchFrom('/models/use-lite/'),
    wasmPaths: {
      'tfjs-backend-wasm.wasm': wasmPlain,
      'tfjs-backend-wasm-simd.wasm': wasmSimd,
      'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd,
    },
  }),
);
