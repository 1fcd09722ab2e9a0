import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AutoModel, Tensor, env } from '@huggingface/transformers';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTinyBert, tinyWeights } from '../../../../scripts/make-tiny-bert';
import { AppError } from '../../../../src/lib/errors';
import { Bert, bertInputs, loadBert, mapBertWeights, parseBertConfig, readFromFiles, writeSafetensors, type BertInputs } from '../../../../src/lib/ml/hf';
import { importWeights, loraWeights, type NamedArrays, type ReadFile } from '../../../../src/lib/ml/models';
import { fixturesDir, maxAbsDiffTokens, readTinyBert, texts, tinyBertDir, tinyBertFile } from './fixture';

// The tiny BERT loaded onto encoder.ts against @huggingface/transformers' own inference of the
// same weights (AutoModel over the fixture's onnx/model.onnx, onnxruntime-node), on cpu and wasm.

type OnnxModel = Awaited<ReturnType<typeof AutoModel.from_pretrained>>;

/** last_hidden_state from transformers.js for the same ids, mask and token types. */
async function reference(model: OnnxModel, inputs: BertInputs): Promise<number[][][]> {
  const [B, T] = inputs.ids.shape;
  const int64 = async (t: tf.Tensor) => new Tensor('int64', BigInt64Array.from(await t.data(), (v) => BigInt(v)), [B, T]);
  const out = (await model({ input_ids: await int64(inputs.ids), attention_mask: await int64(inputs.mask), token_type_ids: await int64(inputs.typeIds) })) as { last_hidden_state: Tensor };
  return out.last_hidden_state.tolist() as number[][][];
}

async function hiddenOf(model: Bert, inputs: BertInputs): Promise<number[][][]> {
  const { hidden, pooled } = model.forward(inputs);
  const result = await hidden.array();
  tf.dispose([hidden, pooled]);
  return result;
}

/** A batch with padding, a 64-token row, and a text pair (token types 1). */
function batch(model: Bert): BertInputs {
  const tokenizer = model.tokenizer!;
  return bertInputs([...tokenizer.encodeBatch(texts, 64), tokenizer.encode('My order was late.', 'Refund, please!')]);
}

let onnx: OnnxModel;
beforeAll(async () => {
  env.allowRemoteModels = false;
  env.localModelPath = `${fixturesDir}/`;
  onnx = await AutoModel.from_pretrained('tiny-bert', { dtype: 'fp32', device: 'cpu' });
});
afterAll(async () => {
  await onnx.dispose();
});

describe.each(['cpu', 'wasm'])('tiny BERT on %s', (backend) => {
  let model: Bert;
  beforeAll(async () => {
    expect(await tf.setBackend(backend)).toBe(true);
    ({ model } = await loadBert(readTinyBert));
  });
  afterAll(() => model.dispose());

  it('matches transformers.js ONNX inference (max abs diff < 1e-4 on token rows)', async () => {
    const inputs = batch(model);
    const mask = (await inputs.mask.array()) as number[][];
    const diff = maxAbsDiffTokens(await hiddenOf(model, inputs), await reference(onnx, inputs), mask);
    console.log(`tiny BERT ${backend}: last_hidden_state max abs diff ${diff.toExponential(2)} over ${inputs.ids.shape[0]} rows of ${inputs.ids.shape[1]} tokens`);
    expect(inputs.ids.shape).toEqual([texts.length + 1, 64]);
    expect(diff).toBeLessThan(1e-4);
    tf.dispose([inputs.ids, inputs.mask, inputs.typeIds]);
  });

  it.runIf(backend === 'wasm')('gives a text the same vectors alone as inside a padded batch', async () => {
    const alone = model.sentenceVectors([texts[0]!]);
    const all = model.sentenceVectors(texts);
    const [a, b] = [(await alone.array())[0]!, (await all.array())[0]!];
    expect(Math.max(...a.map((v, i) => Math.abs(v - b[i]!)))).toBeLessThan(1e-5);
    tf.dispose([alone, all]);
  });

  it.runIf(backend === 'wasm')('keeps the tensor count flat', () => {
    model.sentenceVectors(['warm up']).dispose();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) model.sentenceVectors(texts).dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('loading BERT-family checkpoints', () => {
  beforeAll(async () => {
    expect(await tf.setBackend('wasm')).toBe(true);
  });

  it('is reproducible: the script writes the committed fixture byte for byte', async () => {
    for (const [path, bytes] of Object.entries(makeTinyBert())) expect(new Uint8Array(await readFile(join(tinyBertDir, path))), path).toEqual(bytes);
  });

  it('reads config.json into the encoder configuration', async () => {
    const config = JSON.parse(new TextDecoder().decode(await readTinyBert('config.json'))) as Record<string, unknown>;
    const spec = parseBertConfig(config);
    expect(spec).toMatchObject({ family: 'bert', typeVocabSize: 2, positionOffset: 0, positionRows: 64 });
    expect(spec.encoder).toMatchObject({ width: 32, embeddingWidth: 32, depth: 2, heads: 2, ffWidth: 64, norm: 'post', finalNorm: false, activation: 'gelu', layerNormEpsilon: 1e-12, maxLength: 64 });
    const refused = (overrides: Record<string, unknown>) => {
      try {
        parseBertConfig({ ...config, ...overrides });
      } catch (error) {
        return (error as AppError).code;
      }
      return 'accepted';
    };
    expect(refused({ hidden_act: 'gelu_new' })).toBe('unsupported');
    expect(refused({ model_type: 'gpt2' })).toBe('unsupported');
    expect(refused({ position_embedding_type: 'relative_key' })).toBe('unsupported');
    expect(refused({ hidden_size: 33 })).toBe('input-malformed');
    expect(refused({ num_hidden_layers: 'two' })).toBe('input-malformed');
  });

  it('lists what it ignores and refuses a checkpoint that lacks a weight', () => {
    const spec = parseBertConfig(JSON.parse(new TextDecoder().decode(makeTinyBert()['config.json'])));
    const checkpoint = tinyWeights();
    expect(mapBertWeights(spec, checkpoint).ignored.sort()).toEqual(['pooler.dense.bias', 'pooler.dense.weight']);
    const prefixed = Object.fromEntries(Object.entries(checkpoint).map(([k, v]) => [`bert.${k.replace('LayerNorm.weight', 'LayerNorm.gamma')}`, v]));
    expect(Object.keys(mapBertWeights(spec, prefixed).weights)).toHaveLength(5 + 2 * 16);
    const { 'encoder.layer.1.output.dense.bias': _, ...lacking } = checkpoint;
    expect(() => mapBertWeights(spec, lacking)).toThrow(/lacks encoder\.layer\.1\.output\.dense\.bias/);
  });

  /** The tiny BERT's files with config.json and model.safetensors replaced. */
  const variant = (config: Record<string, unknown>, weights: NamedArrays): ReadFile => async (name) =>
    name === 'config.json' ? new TextEncoder().encode(JSON.stringify(config)) : name === 'model.safetensors' ? writeSafetensors(weights) : readTinyBert(name);

  it('loads RoBERTa (positions from pad_token_id + 1) and DistilBERT (no token types) names', async () => {
    const base = JSON.parse(new TextDecoder().decode(await readTinyBert('config.json'))) as Record<string, unknown>;
    const w = tinyWeights();
    const { model: bert } = await loadBert(readTinyBert);
    const [C, P] = [32, 64];
    // RoBERTa, pad id 1: rows 0-1 of its position table are never used by tokens; one token type.
    const positions = new Float32Array((P + 2) * C);
    positions.set(w['embeddings.position_embeddings.weight']!.values, 2 * C);
    const roberta = Object.fromEntries(Object.entries(w).map(([k, v]) => [`roberta.${k}`, v]));
    roberta['roberta.embeddings.position_embeddings.weight'] = { shape: [P + 2, C], values: positions };
    roberta['roberta.embeddings.token_type_embeddings.weight'] = { shape: [1, C], values: w['embeddings.token_type_embeddings.weight']!.values.slice(0, C) };
    const { model: r } = await loadBert(variant({ ...base, model_type: 'roberta', pad_token_id: 1, type_vocab_size: 1, max_position_embeddings: P + 2 }, roberta));
    expect(r.config.maxLength).toBe(P);
    // DistilBERT: fold token type 0 into the word embeddings, rename the layers.
    const types0 = w['embeddings.token_type_embeddings.weight']!.values.slice(0, C);
    const words = w['embeddings.word_embeddings.weight']!;
    const distil: NamedArrays = {
      'distilbert.embeddings.word_embeddings.weight': { shape: words.shape, values: words.values.map((v, i) => v + types0[i % C]!) },
      'distilbert.embeddings.position_embeddings.weight': w['embeddings.position_embeddings.weight']!,
      'distilbert.embeddings.LayerNorm.weight': w['embeddings.LayerNorm.weight']!,
      'distilbert.embeddings.LayerNorm.bias': w['embeddings.LayerNorm.bias']!,
    };
    const renames: [string, string][] = [['attention.self.query', 'attention.q_lin'], ['attention.self.key', 'attention.k_lin'], ['attention.self.value', 'attention.v_lin'], ['attention.output.dense', 'attention.out_lin'], ['attention.output.LayerNorm', 'sa_layer_norm'], ['intermediate.dense', 'ffn.lin1'], ['output.dense', 'ffn.lin2'], ['output.LayerNorm', 'output_layer_norm']];
    for (let i = 0; i < 2; i++) for (const [from, to] of renames) for (const s of ['weight', 'bias']) distil[`distilbert.transformer.layer.${i}.${to}.${s}`] = w[`encoder.layer.${i}.${from}.${s}`]!;
    const distilConfig = { model_type: 'distilbert', vocab_size: base.vocab_size, dim: C, n_layers: 2, n_heads: 2, hidden_dim: 64, activation: 'gelu', max_position_embeddings: P, pad_token_id: 0 };
    const { model: d, ignored } = await loadBert(variant(distilConfig, distil));
    expect(ignored).toEqual([]);
    expect(d.types).toBeNull();

    const inputs = bertInputs(bert.tokenizer!.encodeBatch(texts.slice(0, 3)));
    const mask = (await inputs.mask.array()) as number[][];
    const expected = await hiddenOf(bert, inputs);
    expect(maxAbsDiffTokens(await hiddenOf(r, inputs), expected, mask)).toBeLessThan(1e-5);
    expect(maxAbsDiffTokens(await hiddenOf(d, { ...inputs, typeIds: tf.zerosLike(inputs.typeIds) }), expected, mask)).toBeLessThan(1e-5);
    [bert, r, d].forEach((m) => m.dispose());
    tf.dispose([inputs.ids, inputs.mask, inputs.typeIds]);
  });

  it('loads a dropped folder (File objects) and trains LoRA adapters only', async () => {
    const files = await Promise.all(['config.json', 'model.safetensors', 'tokenizer.json', 'tokenizer_config.json'].map(async (name) => new File([await tinyBertFile(name)], name)));
    const { model } = await loadBert(readFromFiles(files), { lora: { rank: 2, alpha: 4, targets: ['query', 'value'] }, pooling: 'cls' });
    const { model: plain } = await loadBert(readTinyBert, { pooling: 'cls' });
    const [a, b] = [model.sentenceVectors(texts.slice(0, 2)), plain.sentenceVectors(texts.slice(0, 2))];
    const [va, vb] = [await a.array(), await b.array()];
    expect(Math.max(...va.flat().map((v, i) => Math.abs(v - vb.flat()[i]!)))).toBeLessThan(1e-6);
    const adapters = [...loraWeights(model.weights).values()];
    expect(adapters).toHaveLength(8);
    const x = model.tokenize(texts.slice(0, 2));
    const { value, grads } = tf.variableGrads(() => tf.sum(tf.square(model.forward(x, true).pooled)) as tf.Scalar, adapters);
    expect(Object.keys(grads)).toHaveLength(8);
    // The extra embedding weights live in the same map, so a checkpoint round-trips through importWeights.
    expect(model.weights.has('embedding.types') && model.weights.has('embedding.norm.scale')).toBe(true);
    expect(() => importWeights(model.weights, { 'embedding.types': { shape: [2, 32], values: new Float32Array(64) } })).not.toThrow();
    await expect(readFromFiles(files)('vocab.txt')).rejects.toMatchObject({ code: 'not-found' });
    tf.dispose([a, b, value, x.ids, x.mask, x.typeIds, ...Object.values(grads)]);
    model.dispose();
    plain.dispose();
  });
});
