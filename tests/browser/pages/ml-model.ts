import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { loadGraphModel } from '@tensorflow/tfjs-converter';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { batchInputs, Encoder, encoderConfig, exportWeights, fetchFrom, importWeights, loadUseLite, type EncoderConfig } from '../../../src/lib/ml/models';

// Test page for tests/browser/ml-model.test.ts: runs src/lib/ml/models in real Chromium on the
// backend asked for and reports numbers (max abs differences, tensor counts) as plain data.

setWasmPaths({ 'tfjs-backend-wasm.wasm': wasmPlain, 'tfjs-backend-wasm-simd.wasm': wasmSimd, 'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd });

type Values = ArrayLike<number>;
const maxAbsDiff = (a: Values, b: Values) => Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - (b[i] ?? NaN))), 0);

async function use(backend: string): Promise<void> {
  if (!(await tf.setBackend(backend))) throw new Error(`backend ${backend} did not start`);
  await tf.ready();
}

/**
 * USE-lite (ours, on `backend`) against the package's GraphModel (on `oracleBackend`), both
 * fetched from /models/use-lite/. The GraphModel itself loses the GPU on tfjs-webgpu 4.22 here
 * (its Where / SparseToDense path), so for webgpu the oracle runs on wasm.
 */
async function useLiteParity(backend: string, texts: string[], oracleBackend = backend) {
  await use(oracleBackend);
  const original = await loadGraphModel('/models/use-lite/model.json');
  const model = await loadUseLite(fetchFrom('/models/use-lite/'));
  const tokens = model.tokenize(texts);
  const pairs = tokens.flatMap((row, b) => row.map((_, t) => [b, t]));
  const indices = tf.tensor2d(pairs.flat(), [pairs.length, 2], 'int32');
  const values = tf.tensor1d(tokens.flat(), 'int32');
  const output = (await original.executeAsync({ indices, values })) as tf.Tensor;
  const expected = await output.data();
  tf.dispose([indices, values, output]);
  original.dispose();

  await use(backend);
  model.embed(texts.slice(0, 1)).dispose(); // warm up: weights move to this backend
  const before = tf.memory().numTensors;
  const actual = model.embed(texts);
  const diff = maxAbsDiff(await actual.data(), expected);
  const shape = actual.shape;
  actual.dispose();
  model.embed(texts).dispose();
  const leaked = tf.memory().numTensors - before;
  model.dispose();
  return { backend: tf.getBackend(), diff, shape, leaked };
}

/** A tiny random encoder: forward passes and gradients on `backend` vs the reference (wasm). */
async function encoderParity(backend: string, overrides: Partial<EncoderConfig>, referenceBackend = 'wasm') {
  const config = encoderConfig({ vocabSize: 50, maxLength: 16, width: 32, embeddingWidth: 16, depth: 2, heads: 4, ffWidth: 64, dropout: 0, ...overrides });
  const batches = [
    [[1, 2, 3, 4, 5, 6], [7, 8, 9]],
    [[10, 11], [12, 13, 14, 15, 16, 17, 18, 19], [20]],
  ];
  const run = async (name: string, named?: Awaited<ReturnType<typeof exportWeights>>) => {
    await use(name);
    const encoder = new Encoder(config);
    if (named) importWeights(encoder.weights, named);
    const outputs: Float32Array[] = [];
    const before = tf.memory().numTensors;
    for (const batch of batches) {
      const x = batchInputs(batch);
      const { hidden, pooled } = encoder.forward(x);
      outputs.push((await pooled.data()) as Float32Array);
      const tokenRows = tf.tidy(() => tf.mul(hidden, tf.expandDims(x.mask, 2))); // padding rows zeroed
      outputs.push((await tokenRows.data()) as Float32Array);
      const { value, grads } = tf.variableGrads(() => tf.sum(tf.square(encoder.forward(x, true).pooled)) as tf.Scalar);
      for (const name of ['embedding.tokens', 'blocks.0.attention.query.kernel', 'blocks.1.ff.down.kernel']) outputs.push((await grads[encoder.weights.get(name)!.name]!.data()) as Float32Array);
      tf.dispose([x.ids, x.mask, hidden, pooled, tokenRows, value, ...Object.values(grads)]);
    }
    const leaked = tf.memory().numTensors - before;
    const weights = await exportWeights(encoder.weights);
    encoder.dispose();
    return { outputs, weights, leaked };
  };
  const reference = await run(referenceBackend);
  const tested = await run(backend, reference.weights);
  const diffs = tested.outputs.map((o, i) => maxAbsDiff(o, reference.outputs[i]!));
  return { backend, diff: Math.max(...diffs), diffs, leaked: tested.leaked, referenceLeaked: reference.leaked };
}

declare global {
  interface Window {
    mlModel: { useLiteParity: typeof useLiteParity; encoderParity: typeof encoderParity; hasWebGpu: () => Promise<boolean> };
  }
}

window.mlModel = { useLiteParity, encoderParity, hasWebGpu: async () => Boolean(await navigator.gpu?.requestAdapter()) };
document.body.dataset['ready'] = 'true';
