import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../../src/lib/errors';
import {
  Encoder,
  Init,
  Linear,
  MultiHeadSelfAttention,
  batchInputs,
  encoderConfig,
  exportWeights,
  importWeights,
  isLoraName,
  loraWeights,
  type EncoderConfig,
  type EncoderInputs,
  type Weights,
} from '../../../../src/lib/ml/models';

// The encoder against naive loop code on tiny shapes (micrograd-style oracles), plus padding,
// LoRA, weight naming, gradients and leak checks, on cpu and wasm.

const tiny = (overrides: Partial<EncoderConfig> = {}) =>
  encoderConfig({ vocabSize: 11, maxLength: 8, width: 8, embeddingWidth: 8, depth: 2, heads: 2, ffWidth: 16, dropout: 0, ...overrides });

type M = number[][];
const matmul = (a: M, b: M): M => a.map((row) => b[0]!.map((_, j) => row.reduce((s, v, k) => s + v * b[k]![j]!, 0)));
const addRow = (a: M, bias: number[]): M => a.map((row) => row.map((v, j) => v + bias[j]!));
const array2 = (t: tf.Tensor) => t.arraySync() as M;
const array1 = (t: tf.Tensor) => t.arraySync() as number[];
const maxDiff = (a: number[], b: number[]) => Math.max(...a.map((v, i) => Math.abs(v - b[i]!)));
const linearRef = (x: M, l: Linear): M => addRow(matmul(x, array2(l.kernel)), array1(l.bias));

/** Multi-head attention with explicit loops, one sequence at a time: x [T, W] -> [T, out]. */
function attentionRef(x: M, mask: number[], att: MultiHeadSelfAttention, heads: number): M {
  const q = linearRef(x, att.query);
  const k = linearRef(x, att.key);
  const v = linearRef(x, att.value);
  const W = x[0]!.length;
  const D = W / heads;
  const joined: M = x.map(() => new Array<number>(W).fill(0));
  for (let h = 0; h < heads; h++) {
    for (let i = 0; i < x.length; i++) {
      const scores = x.map((_, j) => {
        let s = 0;
        for (let d = 0; d < D; d++) s += q[i]![h * D + d]! * k[j]![h * D + d]!;
        return mask[j] ? s / Math.sqrt(D) : -Infinity;
      });
      const top = Math.max(...scores);
      const e = scores.map((s) => Math.exp(s - top));
      const total = e.reduce((a, b) => a + b, 0);
      for (let d = 0; d < D; d++) joined[i]![h * D + d] = e.reduce((s, w, j) => s + (w / total) * v[j]![h * D + d]!, 0);
    }
  }
  return linearRef(joined, att.output);
}

function randomize(weights: Weights, seed = 7): void {
  let s = seed;
  for (const v of weights.values()) v.assign(tf.tidy(() => tf.randomNormal(v.shape, 0, 0.5, 'float32', s++)));
}

const inputs = (): EncoderInputs => batchInputs([[1, 2, 3, 4, 5], [6, 7], [8, 9, 10]]);

describe.each(['cpu', 'wasm'])('encoder on %s', (backend) => {
  beforeAll(async () => {
    expect(await tf.setBackend(backend)).toBe(true);
  });
  const disposables: { dispose(): void }[] = [];
  afterEach(() => disposables.splice(0).forEach((d) => d.dispose()));
  const track = <T extends { dispose(): void }>(d: T): T => (disposables.push(d), d);

  it('attention matches naive loops, padding keys ignored', () => {
    const encoder = track(new Encoder(tiny({ heads: 2 })));
    randomize(encoder.weights);
    const att = encoder.blocks[0]!.attention;
    const x = tf.randomNormal([2, 4, 8], 0, 1, 'float32', 3) as tf.Tensor3D;
    const mask = [
      [1, 1, 1, 0],
      [1, 1, 0, 0],
    ];
    const bias = tf.reshape(tf.mul(tf.sub(1, tf.tensor2d(mask)), -1e9), [2, 1, 1, 4]) as tf.Tensor4D;
    const out = att.forward(x, bias, false).arraySync();
    const xs = x.arraySync();
    for (let b = 0; b < 2; b++) {
      const ref = attentionRef(xs[b]!, mask[b]!, att, 2);
      for (let t = 0; t < 4; t++) expect(maxDiff(out[b]![t]!, ref[t]!)).toBeLessThan(1e-4);
    }
    tf.dispose([x, bias]);
  });

  it.each([
    { norm: 'pre', activation: 'gelu', pooling: 'mean', positions: 'learned' },
    { norm: 'post', activation: 'relu', pooling: 'cls', positions: 'sinusoidal' },
    { norm: 'pre', activation: 'relu', pooling: 'mean', positions: 'sinusoidal', embeddingWidth: 4, finalNorm: false },
  ] as const)('gives [B, C] vectors that extra padding does not change (%o)', (variant) => {
    const encoder = track(new Encoder(tiny(variant)));
    randomize(encoder.weights);
    const short = batchInputs([[1, 2, 3], [4]]);
    const long = batchInputs([[1, 2, 3], [4], [5, 6, 7, 8, 9, 10]]);
    const a = encoder.forward(short);
    const b = encoder.forward(long);
    expect(a.hidden.shape).toEqual([2, 3, 8]);
    expect(a.pooled.shape).toEqual([2, 8]);
    const pa = a.pooled.arraySync();
    const pb = b.pooled.arraySync();
    for (let i = 0; i < 2; i++) expect(maxDiff(pa[i]!, pb[i]!)).toBeLessThan(1e-5);
    tf.dispose([a, b, short, long] as never);
  });

  it('names every weight in one flat map', () => {
    const encoder = track(new Encoder(tiny({ embeddingWidth: 4, lora: { rank: 2, alpha: 4, targets: ['query', 'value'] } })));
    const names = [...encoder.weights.keys()];
    expect(names).toContain('embedding.tokens');
    expect(names).toContain('blocks.0.attention.query.kernel');
    expect(names).toContain('blocks.0.residual.kernel'); // 4 -> 8
    expect(names).not.toContain('blocks.1.residual.kernel');
    expect(names).toContain('blocks.1.ff.down.bias');
    expect(names).toContain('norm.scale');
    expect(names.filter(isLoraName)).toEqual(['blocks.0.attention.query.lora.a', 'blocks.0.attention.query.lora.b', 'blocks.0.attention.value.lora.a', 'blocks.0.attention.value.lora.b', 'blocks.1.attention.query.lora.a', 'blocks.1.attention.query.lora.b', 'blocks.1.attention.value.lora.a', 'blocks.1.attention.value.lora.b']);
    expect(encoder.weights.get('blocks.0.attention.query.lora.a')!.shape).toEqual([4, 2]);
    expect(encoder.weights.get('blocks.0.attention.query.kernel')!.shape).toEqual([4, 4]);
  });

  it('LoRA: B = 0 changes nothing; the update matches x·W + b + (x·A·B)·alpha/r; merge and unmerge', async () => {
    const config = tiny({ lora: { rank: 2, alpha: 6, targets: ['query', 'key', 'value', 'output', 'up', 'down'] } });
    const plain = track(new Encoder(tiny()));
    const adapted = track(new Encoder(config));
    const x = inputs();
    const p0 = plain.forward(x).pooled;
    const p1 = adapted.forward(x).pooled;
    expect(maxDiff(p0.dataSync() as unknown as number[], p1.dataSync() as unknown as number[])).toBeLessThan(1e-6);

    randomize(loraWeights(adapted.weights));
    const linear = adapted.blocks[1]!.ff.up;
    const xs = tf.randomNormal([3, 8], 0, 1, 'float32', 5);
    const ref = addRow(matmul(array2(xs), array2(linear.kernel)), array1(linear.bias)).map((row, i) =>
      row.map((v, j) => v + 3 * matmul(matmul(array2(xs), array2(linear.lora!.a)), array2(linear.lora!.b))[i]![j]!),
    );
    const y = array2(linear.forward(xs));
    for (let i = 0; i < 3; i++) expect(maxDiff(y[i]!, ref[i]!)).toBeLessThan(1e-4);

    const kernelBefore = await linear.kernel.data();
    const unmerged = adapted.forward(x).pooled;
    adapted.mergeLora();
    expect(linear.isMerged).toBe(true);
    const merged = adapted.forward(x).pooled;
    expect(maxDiff([...(await merged.data())], [...(await unmerged.data())])).toBeLessThan(1e-4);
    adapted.unmergeLora();
    expect(maxDiff([...(await linear.kernel.data())], [...kernelBefore])).toBeLessThan(1e-5);
    tf.dispose([p0, p1, xs, unmerged, merged, x.ids, x.mask]);
  });

  it('trains the adapters alone; they export as their own small named map', async () => {
    const model = track(new Encoder(tiny({ lora: { rank: 2, alpha: 2, targets: ['query', 'value'] } })));
    const adapters = loraWeights(model.weights);
    const x = inputs();
    const baseBefore = await model.weights.get('blocks.0.attention.query.kernel')!.data();
    const loss = () => tf.sum(tf.square(model.forward(x, true).pooled)) as tf.Scalar;
    const { value, grads } = tf.variableGrads(loss, [...adapters.values()]);
    expect(Object.keys(grads)).toHaveLength(adapters.size);
    const bGrad = grads[adapters.get('blocks.0.attention.query.lora.b')!.name]!;
    expect(tf.max(tf.abs(bGrad)).dataSync()[0]).toBeGreaterThan(0);
    for (const v of adapters.values()) v.assign(tf.tidy(() => tf.sub(v, tf.mul(grads[v.name]!, 0.1))));
    tf.dispose([value, ...Object.values(grads)]);
    expect([...(await model.weights.get('blocks.0.attention.query.kernel')!.data())]).toEqual([...baseBefore]);

    const exported = await exportWeights(model.weights, isLoraName);
    expect(Object.keys(exported)).toHaveLength(8);
    const fresh = track(new Encoder(tiny({ lora: { rank: 2, alpha: 2, targets: ['query', 'value'] } })));
    importWeights(fresh.weights, exported);
    const a = model.forward(x).pooled;
    const b = fresh.forward(x).pooled;
    expect(maxDiff([...a.dataSync()], [...b.dataSync()])).toBeLessThan(1e-6);
    expect(() => importWeights(fresh.weights, { 'nope.kernel': { shape: [1], values: new Float32Array(1) } })).toThrow(AppError);
    tf.dispose([a, b, x.ids, x.mask]);
  });

  it('computes gradients for every weight, the embedding table included', () => {
    const model = track(new Encoder(tiny({ dropout: 0.1 })));
    const x = inputs();
    const { value, grads } = tf.variableGrads(() => tf.sum(tf.square(model.forward(x, true).pooled)) as tf.Scalar, [...model.weights.values()]);
    expect(Object.keys(grads)).toHaveLength(model.weights.size);
    const tokenGrad = grads[model.tokens.name]!.arraySync() as M;
    expect(Math.max(...tokenGrad[1]!.map(Math.abs))).toBeGreaterThan(0); // id 1 is used
    expect(Math.max(...tokenGrad[0]!.map(Math.abs))).toBe(0); // id 0 pads only: masked out of the mean
    tf.dispose([value, ...Object.values(grads), x.ids, x.mask]);
  });

  it('keeps tf.memory().numTensors flat across forwards and training steps', () => {
    const model = track(new Encoder(tiny({ dropout: 0.1, lora: { rank: 2, alpha: 2, targets: ['query'] } })));
    const x = inputs();
    const step = () => {
      const { value, grads } = tf.variableGrads(() => tf.mean(model.forward(x, true).pooled) as tf.Scalar);
      tf.dispose([value, ...Object.values(grads)]);
    };
    const once = () => tf.dispose(model.forward(x) as never);
    once();
    step();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      once();
      step();
    }
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x.ids, x.mask]);
  });
});

it('gives the embedding table the same gradient on wasm (selector matMul) as on cpu (segment sum)', async () => {
  const grad = async (backend: string) => {
    await tf.setBackend(backend);
    const model = new Encoder(tiny({ positions: 'learned' }));
    const x = inputs();
    const { value, grads } = tf.variableGrads(() => tf.sum(tf.square(model.forward(x).pooled)) as tf.Scalar, [model.tokens]);
    const values = [...(await grads[model.tokens.name]!.data())];
    tf.dispose([value, ...Object.values(grads), x.ids, x.mask]);
    model.dispose();
    return values;
  };
  const cpu = await grad('cpu');
  const wasm = await grad('wasm');
  expect(Math.max(...cpu.map(Math.abs))).toBeGreaterThan(1e-3);
  expect(maxDiff(wasm, cpu)).toBeLessThan(1e-4);
});

describe('encoderConfig', () => {
  it('refuses unknown keys and broken invariants, once', () => {
    expect(() => encoderConfig({ widht: 8 } as never)).toThrow(/unknown key "widht"/);
    expect(() => encoderConfig({ width: 10, heads: 4 })).toThrow(AppError);
    expect(() => encoderConfig({ activation: 'swish' as never })).toThrow(/activation/);
    expect(() => encoderConfig({ dropout: 1 })).toThrow(/dropout/);
    expect(() => encoderConfig({ lora: { rank: 0, alpha: 1, targets: ['query'] } })).toThrow(/rank/);
    expect(encoderConfig({}).width).toBe(256);
  });

  it('draws the same base weights with or without adapters', async () => {
    await tf.setBackend('cpu');
    const a = new Encoder(tiny());
    const b = new Encoder(tiny({ lora: { rank: 1, alpha: 1, targets: ['up'] } }));
    expect([...(await b.weights.get('blocks.1.ff.down.kernel')!.data())]).toEqual([...(await a.weights.get('blocks.1.ff.down.kernel')!.data())]);
    a.dispose();
    b.dispose();
  });
});

it('Init is deterministic per seed', () => {
  const a = new Init(3).normal([2], 1);
  const b = new Init(3).normal([2], 1);
  expect([...a.dataSync()]).toEqual([...b.dataSync()]);
  tf.dispose([a, b]);
});
