import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import type { ReadFile } from '../../../../src/lib/ml/models/use-lite';
import { packageDir } from './texts';

// The USE-lite package's files, read from node_modules (offline), and the original GraphModel
// built from them: the reference oracle for use-lite.ts.

export { packageDir, sentences } from './texts';

export const readPackageFile: ReadFile = async (name) => new Uint8Array(await readFile(join(packageDir, name)));

export async function loadOriginal(): Promise<GraphModel> {
  const json = JSON.parse(await readFile(join(packageDir, 'model.json'), 'utf8')) as {
    modelTopology: object;
    weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  };
  const group = json.weightsManifest[0]!;
  const shards = await Promise.all(group.paths.map((p) => readFile(join(packageDir, p))));
  const weightData = tf.io.concatenateArrayBuffers(shards.map((s) => s.buffer.slice(s.byteOffset, s.byteOffset + s.byteLength)));
  return loadGraphModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: group.weights, weightData }));
}

/** Runs the original graph as @energetic-ai/embeddings does: sparse (indices, values) input. */
export async function originalEmbed(model: GraphModel, tokens: number[][]): Promise<number[][]> {
  const pairs = tokens.flatMap((row, b) => row.map((_, t) => [b, t]));
  const indices = tf.tensor2d(pairs.flat(), [pairs.length, 2], 'int32');
  const values = tf.tensor1d(tokens.flat(), 'int32');
  const out = (await model.executeAsync({ indices, values })) as tf.Tensor2D;
  const result = await out.array();
  tf.dispose([indices, values, out]);
  return result;
}

export function maxAbsDiff(a: number[][], b: number[][]): number {
  let max = 0;
  a.forEach((row, i) => row.forEach((v, j) => (max = Math.max(max, Math.abs(v - (b[i]?.[j] ?? NaN))))));
  return max;
}
