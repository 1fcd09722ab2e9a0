// Thin Comlink endpoint: relationship discovery, entity resolution and the warehouse build run
// here, off the page's main thread and apart from imports. The sentence encoder (for matching
// titles by meaning) is loaded only when a match asks for it: tfjs, its backend (the user's
// choice) and the model files, all served by the app.
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { createFusionApi } from '../src/lib/fusion/api';
import { expose } from '../src/lib/jobs/rpc';
import { backendSettingKey, parseBackendChoice } from '../src/lib/ml';
import type { TextEmbedder } from '../src/lib/ml/text-embedder';
import { getSetting, openDb } from '../src/lib/store';

const db = openDb();
let embedder: Promise<TextEmbedder> | null = null;

async function startEmbedder(): Promise<TextEmbedder> {
  const [{ initBackend }, { fetchFrom }, { useLiteTextEmbedder }] = await Promise.all([
    import('../src/lib/ml/backend'), import('../src/lib/ml/models'), import('../src/lib/ml/text-embedder'),
  ]);
  const choice = await getSetting(db, backendSettingKey, parseBackendChoice, 'auto');
  await initBackend(choice, {
    gpu: navigator.gpu,
    crossOriginIsolated: self.crossOriginIsolated,
    wasmPaths: { 'tfjs-backend-wasm.wasm': wasmPlain, 'tfjs-backend-wasm-simd.wasm': wasmSimd, 'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd },
  });
  return useLiteTextEmbedder(fetchFrom('/models/use-lite/'));
}

expose(createFusionApi(db, { embedder: { embed: async (texts, signal) => (await (embedder ??= startEmbedder().catch((error: unknown) => {
  // A failed start (a missing model file, say) is retried by the next match.
  embedder = null;
  throw error;
}))).embed(texts, signal) } }));
