// Writes a tiny BERT checkpoint in Hugging Face's real formats, for offline tests:
//   config.json, model.safetensors, tokenizer.json, tokenizer_config.json  (what loadBert reads)
//   onnx/model.onnx  the same forward pass as an ONNX graph, for @huggingface/transformers'
//                    own inference (AutoModel in Node, onnxruntime-node): the tests' oracle.
// Weights come from a seeded generator, so every run writes the same bytes (a test checks the
// committed fixture against makeTinyBert()). ONNX is protobuf; the few messages needed are
// written by hand below (onnx/onnx.proto, proto2: unpacked repeated fields are fine).
//
//   npx tsx scripts/make-tiny-bert.ts [outDir]     (default tests/fixtures/tiny-bert)
//
// Over 300 lines (the guide's size) because it holds three writers that belong together: the
// files must describe one model, and splitting them would scatter its constants.

import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeSafetensors } from '../src/lib/ml/hf/safetensors';
import type { NamedArrays } from '../src/lib/ml/models';

// ---- the model -------------------------------------------------------------------------------

const special = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];
const letters = 'abcdefghijklmnopqrstuvwxyz'.split('');
const words = ['the', 'order', 'ship', '##ping', '##ped', 'was', 'is', 'not', 'very', 'fast', 'slow', 'good', 'bad', 'price', 'item', '##s', '##ed', '##ing', 'customer', 'return', 'refund', 'great', 'late', 'box', 'my'];
/** WordPiece vocabulary: specials, punctuation, digits, letters and ##letters (so any ASCII word splits), some words. */
export const vocab = [...special, ...'.,!?\'-():;$%&'.split(''), ...'0123456789'.split(''), ...letters, ...letters.map((l) => `##${l}`), ...words];

export const tiny = { vocabSize: vocab.length, hidden: 32, layers: 2, heads: 2, intermediate: 64, maxPositions: 64, typeVocab: 2, eps: 1e-12 };

/** mulberry32 uniform and Box-Muller normal draws: the same on every machine. */
function generator(seed: number) {
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return (shape: number[], std: number, mean = 0) => {
    const values = new Float32Array(shape.reduce((n, d) => n * d, 1));
    for (let i = 0; i < values.length; i++) values[i] = mean + std * Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
    return { shape, values };
  };
}

/** BertModel's state dict (names as save_pretrained writes them), Linear weights [out, in]. */
export function tinyWeights(seed = 5): NamedArrays {
  const normal = generator(seed);
  const { vocabSize: V, hidden: C, intermediate: F, maxPositions: P, typeVocab } = tiny;
  const w: NamedArrays = {
    'embeddings.word_embeddings.weight': normal([V, C], 0.5),
    'embeddings.position_embeddings.weight': normal([P, C], 0.3),
    'embeddings.token_type_embeddings.weight': normal([typeVocab, C], 0.3),
    'embeddings.LayerNorm.weight': normal([C], 0.1, 1),
    'embeddings.LayerNorm.bias': normal([C], 0.1),
  };
  const linear = (name: string, out: number, inWidth: number) => Object.assign(w, { [`${name}.weight`]: normal([out, inWidth], 1 / Math.sqrt(inWidth)), [`${name}.bias`]: normal([out], 0.1) });
  const norm = (name: string) => Object.assign(w, { [`${name}.weight`]: normal([C], 0.1, 1), [`${name}.bias`]: normal([C], 0.1) });
  for (let i = 0; i < tiny.layers; i++) {
    const p = `encoder.layer.${i}`;
    for (const part of ['query', 'key', 'value']) linear(`${p}.attention.self.${part}`, C, C);
    linear(`${p}.attention.output.dense`, C, C);
    norm(`${p}.attention.output.LayerNorm`);
    linear(`${p}.intermediate.dense`, F, C);
    linear(`${p}.output.dense`, C, F);
    norm(`${p}.output.LayerNorm`);
  }
  linear('pooler.dense', C, C); // in the checkpoint, as in BertModel's; not part of the encoder
  return w;
}

function configJson() {
  return {
    architectures: ['BertModel'],
    attention_probs_dropout_prob: 0.1,
    classifier_dropout: null,
    hidden_act: 'gelu',
    hidden_dropout_prob: 0.1,
    hidden_size: tiny.hidden,
    initializer_range: 0.02,
    intermediate_size: tiny.intermediate,
    layer_norm_eps: tiny.eps,
    max_position_embeddings: tiny.maxPositions,
    model_type: 'bert',
    num_attention_heads: tiny.heads,
    num_hidden_layers: tiny.layers,
    pad_token_id: 0,
    position_embedding_type: 'absolute',
    torch_dtype: 'float32',
    transformers_version: '4.46.0',
    type_vocab_size: tiny.typeVocab,
    use_cache: true,
    vocab_size: tiny.vocabSize,
  };
}

function tokenizerJson() {
  const id = (token: string) => vocab.indexOf(token);
  const added = special.map((content) => ({ id: id(content), content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true }));
  const specialToken = (token: string, typeId: number) => ({ SpecialToken: { id: token, type_id: typeId } });
  const sequence = (name: 'A' | 'B', typeId: number) => ({ Sequence: { id: name, type_id: typeId } });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: added,
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [specialToken('[CLS]', 0), sequence('A', 0), specialToken('[SEP]', 0)],
      pair: [specialToken('[CLS]', 0), sequence('A', 0), specialToken('[SEP]', 0), sequence('B', 1), specialToken('[SEP]', 1)],
      special_tokens: Object.fromEntries(['[CLS]', '[SEP]'].map((t) => [t, { id: t, ids: [id(t)], tokens: [t] }])),
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab: Object.fromEntries(vocab.map((t, i) => [t, i])) },
  };
}

function tokenizerConfigJson() {
  const flags = { lstrip: false, normalized: false, rstrip: false, single_word: false, special: true };
  return {
    added_tokens_decoder: Object.fromEntries(special.map((content) => [String(vocab.indexOf(content)), { content, ...flags }])),
    clean_up_tokenization_spaces: true,
    cls_token: '[CLS]',
    do_basic_tokenize: true,
    do_lower_case: true,
    mask_token: '[MASK]',
    model_max_length: tiny.maxPositions,
    never_split: null,
    pad_token: '[PAD]',
    sep_token: '[SEP]',
    strip_accents: null,
    tokenize_chinese_chars: true,
    tokenizer_class: 'BertTokenizer',
    unk_token: '[UNK]',
  };
}

// ---- protobuf, just enough for ONNX ----------------------------------------------------------

class Proto {
  private readonly out: number[] = [];
  private varint(value: number | bigint): void {
    let v = BigInt.asUintN(64, BigInt(value)); // negative int64s take ten bytes, as protobuf says
    while (v > 0x7fn) {
      this.out.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.out.push(Number(v));
  }
  int(field: number, value: number | bigint): this {
    this.varint((field << 3) | 0);
    this.varint(value);
    return this;
  }
  float(field: number, value: number): this {
    this.varint((field << 3) | 5);
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, value, true);
    this.out.push(...b);
    return this;
  }
  bytes(field: number, value: Uint8Array | string | Proto): this {
    const b = typeof value === 'string' ? new TextEncoder().encode(value) : value instanceof Proto ? value.finish() : value;
    this.varint((field << 3) | 2);
    this.varint(b.length);
    for (const x of b) this.out.push(x);
    return this;
  }
  finish(): Uint8Array {
    return Uint8Array.from(this.out);
  }
}

const FLOAT = 1;
const INT64 = 7;
type Attr = { name: string; i?: number; f?: number; ints?: number[] };

/** One ONNX graph under construction: nodes in order, initializers, fresh value names. */
class Graph {
  readonly nodes: Proto[] = [];
  readonly initializers: Proto[] = [];
  private count = 0;

  tensor(name: string, dims: number[], values: Float32Array | BigInt64Array): string {
    const t = new Proto();
    for (const d of dims) t.int(1, d);
    t.int(2, values instanceof Float32Array ? FLOAT : INT64).bytes(8, name).bytes(9, new Uint8Array(values.buffer.slice(0)));
    this.initializers.push(t);
    return name;
  }
  ints(values: number[]): string {
    return this.tensor(`const_${this.count++}`, [values.length], BigInt64Array.from(values.map(BigInt)));
  }
  scalar(value: number): string {
    return this.tensor(`const_${this.count++}`, [], Float32Array.of(value));
  }
  op(type: string, inputs: string[], attrs: Attr[] = [], output = `${type.toLowerCase()}_${this.count++}`): string {
    const n = new Proto();
    for (const i of inputs) n.bytes(1, i);
    n.bytes(2, output).bytes(3, `${type}_${this.count++}`).bytes(4, type);
    for (const a of attrs) {
      const p = new Proto().bytes(1, a.name);
      if (a.f !== undefined) p.float(2, a.f).int(20, 1);
      else if (a.i !== undefined) p.int(3, a.i).int(20, 2);
      else for (const v of a.ints ?? []) p.int(8, v);
      if (a.ints) p.int(20, 7);
      n.bytes(5, p);
    }
    this.nodes.push(n);
    return output;
  }
}

/** ValueInfoProto of a tensor with named (dynamic) or fixed dims. */
function valueInfo(name: string, elemType: number, dims: (string | number)[]): Proto {
  const shape = new Proto();
  for (const d of dims) shape.bytes(1, typeof d === 'string' ? new Proto().bytes(2, d) : new Proto().int(1, d));
  return new Proto().bytes(1, name).bytes(2, new Proto().bytes(1, new Proto().int(1, elemType).bytes(2, shape)));
}

/** BertModel's forward, opset 14: embeddings + LayerNorm, then post-norm blocks with erf GELU. */
export function tinyBertOnnx(weights: NamedArrays): Uint8Array {
  const g = new Graph();
  const { hidden: C, heads: H } = tiny;
  const D = C / H;
  const w = (name: string, transpose = false) => {
    const { shape, values } = weights[name] as NamedArrays[string];
    if (!transpose) return g.tensor(name, shape, values);
    const [rows = 0, cols = 0] = shape; // [out, in] -> [in, out], as torch.onnx.export writes a MatMul
    const t = new Float32Array(values.length);
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) t[c * rows + r] = values[r * cols + c] as number;
    return g.tensor(`${name}.T`, [cols, rows], t);
  };
  const eps = g.scalar(tiny.eps);
  const layerNorm = (x: string, name: string) => {
    const mean = g.op('ReduceMean', [x], [{ name: 'axes', ints: [-1] }, { name: 'keepdims', i: 1 }]); // [B, T, 1]
    const d = g.op('Sub', [x, mean]);
    const variance = g.op('ReduceMean', [g.op('Pow', [d, g.scalar(2)])], [{ name: 'axes', ints: [-1] }, { name: 'keepdims', i: 1 }]);
    const normed = g.op('Div', [d, g.op('Sqrt', [g.op('Add', [variance, eps])])]);
    return g.op('Add', [g.op('Mul', [normed, w(`${name}.weight`)]), w(`${name}.bias`)]);
  };
  const dense = (x: string, name: string) => g.op('Add', [g.op('MatMul', [x, w(`${name}.weight`, true)]), w(`${name}.bias`)]);

  // Embeddings: tokens + positions [0, T) + token types, then LayerNorm.        [B, T, C]
  const T = g.op('Slice', [g.op('Shape', ['input_ids']), g.ints([1]), g.ints([2]), g.ints([0])]); // [1]
  const positions = g.op('Slice', [w('embeddings.position_embeddings.weight'), g.ints([0]), T, g.ints([0])]); // [T, C]
  const summed = g.op('Add', [g.op('Add', [g.op('Gather', [w('embeddings.word_embeddings.weight'), 'input_ids']), positions]), g.op('Gather', [w('embeddings.token_type_embeddings.weight'), 'token_type_ids'])]);
  let x = layerNorm(summed, 'embeddings.LayerNorm');
  // Attention bias as BertModel builds it: (1 - mask) * float32 min.            [B, 1, 1, T]
  const inverted = g.op('Sub', [g.scalar(1), g.op('Cast', ['attention_mask'], [{ name: 'to', i: FLOAT }])]);
  const bias = g.op('Unsqueeze', [g.op('Mul', [inverted, g.scalar(-3.4028234663852886e38)]), g.ints([1, 2])]);
  const heads = g.ints([0, 0, H, D]);
  for (let i = 0; i < tiny.layers; i++) {
    const p = `encoder.layer.${i}`;
    const split = (name: string, perm: number[]) => g.op('Transpose', [g.op('Reshape', [dense(x, `${p}.attention.self.${name}`), heads])], [{ name: 'perm', ints: perm }]);
    const q = split('query', [0, 2, 1, 3]); // [B, H, T, D]
    const kT = split('key', [0, 2, 3, 1]); // [B, H, D, T]
    const v = split('value', [0, 2, 1, 3]); // [B, H, T, D]
    const scores = g.op('Add', [g.op('Div', [g.op('MatMul', [q, kT]), g.scalar(Math.sqrt(D))]), bias]); // [B, H, T, T]
    const context = g.op('MatMul', [g.op('Softmax', [scores], [{ name: 'axis', i: -1 }]), v]); // [B, H, T, D]
    const joined = g.op('Reshape', [g.op('Transpose', [context], [{ name: 'perm', ints: [0, 2, 1, 3] }]), g.ints([0, 0, C])]); // [B, T, C]
    const h = layerNorm(g.op('Add', [dense(joined, `${p}.attention.output.dense`), x]), `${p}.attention.output.LayerNorm`);
    const up = dense(h, `${p}.intermediate.dense`); // [B, T, F]
    const gelu = g.op('Mul', [g.op('Mul', [up, g.scalar(0.5)]), g.op('Add', [g.scalar(1), g.op('Erf', [g.op('Div', [up, g.scalar(Math.SQRT2)])])])]);
    x = layerNorm(g.op('Add', [dense(gelu, `${p}.output.dense`), h]), `${p}.output.LayerNorm`);
  }
  g.op('Identity', [x], [], 'last_hidden_state');

  const graph = new Proto();
  for (const n of g.nodes) graph.bytes(1, n);
  graph.bytes(2, 'tiny-bert');
  for (const t of g.initializers) graph.bytes(5, t);
  for (const name of ['input_ids', 'attention_mask', 'token_type_ids']) graph.bytes(11, valueInfo(name, INT64, ['batch_size', 'sequence_length']));
  graph.bytes(12, valueInfo('last_hidden_state', FLOAT, ['batch_size', 'sequence_length', C]));
  return new Proto().int(1, 8).bytes(2, 'edgefuse make-tiny-bert').bytes(3, '1').bytes(7, graph).bytes(8, new Proto().bytes(1, '').int(2, 14)).finish();
}

// ---- the files -------------------------------------------------------------------------------

/** Every file of the fixture, path -> bytes. */
export function makeTinyBert(): Record<string, Uint8Array> {
  const json = (value: unknown) => new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);
  const weights = tinyWeights();
  return {
    'config.json': json(configJson()),
    'tokenizer.json': json(tokenizerJson()),
    'tokenizer_config.json': json(tokenizerConfigJson()),
    'model.safetensors': writeSafetensors(weights, { metadata: { format: 'pt' } }),
    'onnx/model.onnx': tinyBertOnnx(weights),
  };
}

export async function writeTinyBert(outDir: string): Promise<void> {
  for (const [path, bytes] of Object.entries(makeTinyBert())) {
    await mkdir(dirname(join(outDir, path)), { recursive: true });
    await writeFile(join(outDir, path), bytes);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const outDir = process.argv[2] ?? 'tests/fixtures/tiny-bert';
  await writeTinyBert(outDir);
  console.log(`wrote ${Object.keys(makeTinyBert()).join(', ')} to ${outDir}`);
}
