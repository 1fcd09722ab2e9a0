import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import { batchInputs, loadUseLite, loraWeights, timingSignal, type UseLite } from '../../../../src/lib/ml/models';
import { loadOriginal, maxAbsDiff, originalEmbed, packageDir, readPackageFile, sentences } from './package-files';

// USE-lite rebuilt on encoder.ts against the package's own GraphModel, on cpu and wasm.

describe.each(['cpu', 'wasm'])('USE-lite on %s', (backend) => {
  let model: UseLite;
  let original: GraphModel;

  beforeAll(async () => {
    expect(await tf.setBackend(backend)).toBe(true);
    model = await loadUseLite(readPackageFile);
    original = await loadOriginal();
  });

  afterAll(() => {
    model.dispose();
    original.dispose();
  });

  it('embeds like the original GraphModel (max abs diff < 1e-4)', async () => {
    // An empty text last would drop its row in the original (its batch size comes from the
    // sparse indices), so the batch ends with a non-empty text.
    // The cpu backend is slow: there, four texts (accents, unknown characters, empty, quotes).
    const texts = backend === 'cpu' ? [2, 6, 7, 9].map((i) => sentences[i]!) : sentences;
    const tokens = model.tokenize(texts);
    const expected = await originalEmbed(original, tokens);
    const embeddings = model.embed(texts);
    const actual = await embeddings.array();
    embeddings.dispose();
    const diff = maxAbsDiff(actual, expected);
    console.log(`USE-lite ${backend}: max abs diff ${diff.toExponential(2)} over ${texts.length} texts`);
    expect(actual).toHaveLength(texts.length);
    expect(diff).toBeLessThan(1e-4);
  });

  it.runIf(backend === 'wasm')('embeds one text alone as it does inside a batch', async () => {
    const alone = model.embed([sentences[1]!]);
    const batch = model.embed(sentences);
    expect(maxAbsDiff(await alone.array(), (await batch.array()).slice(1, 2))).toBeLessThan(1e-5);
    tf.dispose([alone, batch]);
  });

  it.runIf(backend === 'wasm')('loads with LoRA adapters: unchanged at start, and only the adapters train', async () => {
    const adapted = await loadUseLite(readPackageFile, { lora: { rank: 4, alpha: 8, targets: ['query', 'value'] } });
    const texts = sentences.slice(0, 3);
    const [a, b] = [model.embed(texts), adapted.embed(texts)];
    expect(maxAbsDiff(await a.array(), await b.array())).toBeLessThan(1e-6);
    const adapters = [...loraWeights(adapted.weights).values()];
    expect(adapters).toHaveLength(8);
    const x = batchInputs(adapted.tokenize(texts));
    const { value, grads } = tf.variableGrads(() => tf.neg(tf.sum(tf.mul(adapted.forward(x, true), a))) as tf.Scalar, adapters);
    expect(Object.keys(grads)).toHaveLength(8);
    tf.dispose([a, b, value, x.ids, x.mask, ...Object.values(grads)]);
    adapted.dispose();
  });

  it.runIf(backend === 'wasm')('keeps the tensor count flat across repeated embeddings', () => {
    model.embed(['warm up']).dispose();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) model.embed(sentences.slice(0, 3)).dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

it('computes the timing signal the graph stores', async () => {
  // The graph keeps its 128 frequencies as a constant; position 1's signal is sin(f) | cos(f).
  const json = JSON.parse(await readFile(join(packageDir, 'model.json'), 'utf8')) as { weightsManifest: { weights: { name: string; shape: number[] }[] }[] };
  let offset = 0;
  for (const w of json.weightsManifest[0]!.weights) {
    if (w.name.endsWith('AddTimingSignal/TimingSignal/ExpandDims_1')) break;
    offset += w.shape.reduce((n, d) => n * d, 1) * 4;
  }
  const all = Buffer.concat(await Promise.all(Array.from({ length: 7 }, (_, i) => readFile(join(packageDir, `group1-shard${i + 1}of7`)))));
  const frequencies = new Float32Array(all.buffer.slice(all.byteOffset + offset, all.byteOffset + offset + 128 * 4));
  await tf.setBackend('cpu');
  const signal = timingSignal(2, 256);
  const row1 = (await signal.array())[1]!;
  signal.dispose();
  frequencies.forEach((f, i) => {
    expect(row1[i]).toBeCloseTo(Math.sin(f), 6);
    expect(row1[128 + i]).toBeCloseTo(Math.cos(f), 6);
  });
});
