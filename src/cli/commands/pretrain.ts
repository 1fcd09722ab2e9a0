// `edgefuse pretrain --data FILE --text COL`: trains a tokenizer (character or byte-level BPE)
// and a small encoder from scratch on a text column with the masked-language-model objective,
// on the tfjs WASM backend; prints the loss curve and writes model + tokenizer to --out DIR.
// Also home of the model folder format, which `finetune --base DIR` reads back.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Encoder, EncoderConfig, LoraConfig, NamedArrays } from '../../lib/ml/models';
import type { TrainEvent } from '../../lib/ml/train';
import { firstRegularId, maskId, tokenizerFromJson, tokenizerKinds, trainTokenizer, type TextTokenizer, type TokenizerJson, type TokenizerKind } from '../../lib/ml/text';
import type { Command } from '../main';
import { loadMl, readOneTable } from '../ml-runtime';

const usage = `Usage: edgefuse pretrain --data FILE --text COL [options]

Pretrains a Transformer encoder from scratch on the texts of column COL (first table of FILE):
a tokenizer is trained on the texts, then the encoder learns by masked-language modelling
(BERT's 15%, 80/10/10), on the device (tfjs WASM). 10% of the texts are held out for the
validation loss. Prints the loss curve as JSON; writes DIR/model.json, DIR/weights.bin and
DIR/tokenizer.json (usable by 'edgefuse finetune --base DIR').

Options:
  --tokenizer T    ${tokenizerKinds.join(' | ')} (default char)
  --vocab N        largest vocabulary (default 2000)
  --steps N        optimizer steps (default 200)
  --batch N        texts per step (default 16)
  --lr X           peak learning rate (default 0.003)
  --width N        residual width (default 64)
  --depth N        blocks (default 2)
  --heads N        attention heads (default 4)
  --max-length N   longest sequence in tokens (default 64)
  --seed N         seed of initialisation, batches and masks (default 1)
  --out DIR        where to write the model (default: not written)
  -h, --help       show this help`;

// ---- the model folder ---------------------------------------------------------------------------

interface ModelFile {
  format: 'edgefuse-encoder';
  version: 1;
  config: EncoderConfig;
  /** Where each weight's float32 values lie in weights.bin (offset in floats). */
  weights: { name: string; shape: number[]; offset: number }[];
  /** Anything else the writer wants to keep (task, classes, target scaling). */
  extra?: Record<string, unknown>;
}

export async function writeModelDir(dir: string, config: EncoderConfig, named: NamedArrays, tokenizer: TokenizerJson | null, extra?: Record<string, unknown>): Promise<void> {
  await mkdir(dir, { recursive: true });
  let offset = 0;
  const weights = Object.entries(named).map(([name, { shape, values }]) => ({ name, shape, offset: (offset += values.length) - values.length }));
  const all = new Float32Array(offset);
  for (const [i, { values }] of Object.values(named).entries()) all.set(values, weights[i]?.offset ?? 0);
  const file: ModelFile = { format: 'edgefuse-encoder', version: 1, config, weights, ...(extra ? { extra } : {}) };
  await writeFile(join(dir, 'model.json'), JSON.stringify(file, null, 1));
  await writeFile(join(dir, 'weights.bin'), new Uint8Array(all.buffer));
  if (tokenizer) await writeFile(join(dir, 'tokenizer.json'), JSON.stringify(tokenizer));
}

/** An encoder written by writeModelDir (optionally with fresh LoRA adapters) and its tokenizer. */
export async function readModelDir(dir: string, lora: LoraConfig | null = null): Promise<{ encoder: Encoder; tokenizer: TextTokenizer }> {
  const file = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as Partial<ModelFile>;
  if (file.format !== 'edgefuse-encoder' || file.version !== 1 || !file.config || !Array.isArray(file.weights)) throw new Error(`${dir}/model.json is not an EdgeFuse encoder.`);
  const bytes = await readFile(join(dir, 'weights.bin'));
  const all = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const named: NamedArrays = {};
  for (const { name, shape, offset } of file.weights) named[name] = { shape, values: all.slice(offset, offset + shape.reduce((n, d) => n * d, 1)) };
  const { models } = await loadMl();
  const encoder = new models.Encoder(models.encoderConfig({ ...file.config, lora }));
  models.importWeights(encoder.weights, named);
  return { encoder, tokenizer: tokenizerFromJson(JSON.parse(await readFile(join(dir, 'tokenizer.json'), 'utf8'))) };
}

/** About `points` evenly spaced entries of a curve, the last one included. */
export function summariseCurve(curve: { step: number; value: number }[], points = 10): { step: number; value: number }[] {
  const every = Math.max(1, Math.ceil(curve.length / points));
  return curve.filter((_, i) => i % every === 0 || i === curve.length - 1).map(({ step, value }) => ({ step, value: Number(value.toFixed(4)) }));
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);

export const pretrainCommand: Command = {
  summary: 'pretrain an encoder from scratch on a text column (MLM; JSON loss curve)',
  usage,
  async run(args, context) {
    const { values } = parseArgs({
      args: [...args],
      options: Object.fromEntries(['data', 'text', 'tokenizer', 'vocab', 'steps', 'batch', 'lr', 'width', 'depth', 'heads', 'max-length', 'seed', 'out'].map((k) => [k, { type: 'string' as const }])),
    });
    if (!values.data || !values.text) return context.fail('--data and --text are required.');
    const kind = (values.tokenizer ?? 'char') as TokenizerKind;
    if (!tokenizerKinds.includes(kind)) return context.fail(`--tokenizer must be one of ${tokenizerKinds.join(', ')}.`);
    const int = (key: string, fallback: number) => Number(values[key] ?? fallback);
    const [vocab, steps, batchSize, width, depth, heads, maxLength, seed] = [int('vocab', 2000), int('steps', 200), int('batch', 16), int('width', 64), int('depth', 2), int('heads', 4), int('max-length', 64), int('seed', 1)];
    for (const [name, v] of Object.entries({ vocab, steps, batch: batchSize, width, depth, heads, 'max-length': maxLength })) if (!Number.isInteger(v) || v < 1) return context.fail(`--${name} must be a positive integer.`);

    const { models, train: t } = await loadMl();
    const { texts } = t.labelledTexts(await readOneTable(context.cwd, values.data), values.text);
    if (texts.length < 2) return context.fail(`Column '${values.text}' has fewer than two texts.`);
    const tokenizer = trainTokenizer(kind, texts, vocab);
    const config = models.encoderConfig({ vocabSize: tokenizer.vocabSize, maxLength, width, embeddingWidth: width, depth, heads, ffWidth: 4 * width, dropout: 0, seed });
    const encoder = new models.Encoder(config);
    const mlm = new t.MaskedLm(encoder, { maskId, firstRegularId }, seed);
    const data = t.splitValidation(texts.map((t) => tokenizer.encode(t).slice(0, maxLength)).filter((t) => t.length > 0), 0.1, new t.Rng(seed));
    const losses: { step: number; value: number }[] = [];
    const valLosses: { step: number; value: number }[] = [];
    const onEvent = (e: TrainEvent) => {
      if (e.type !== 'metric') return;
      if (e.values.loss !== undefined) losses.push({ step: e.step, value: e.values.loss });
      if (e.values.valLoss !== undefined) valLosses.push({ step: e.step, value: e.values.valLoss });
    };
    const result = await t.train(t.mlmObjective(mlm), data, { steps, batchSize, lr: Number(values.lr ?? 3e-3), minLr: Number(values.lr ?? 3e-3) / 10, warmup: Math.min(20, Math.ceil(steps / 10)), evalEvery: Math.max(1, Math.ceil(steps / 5)), logEvery: 1, seed }, { onEvent, modelConfig: config });
    const out = values.out ? resolve(context.cwd, values.out) : null;
    if (out) await writeModelDir(out, config, await models.exportWeights(encoder.weights), tokenizer.toJSON());
    const params = [...encoder.weights.values()].reduce((n, v) => n + v.size, 0);
    mlm.dispose();
    encoder.dispose();
    const head = losses.slice(0, Math.max(1, Math.ceil(losses.length / 10)));
    const tail = losses.slice(-Math.max(1, Math.ceil(losses.length / 10)));
    context.out(`${JSON.stringify({
      texts: { train: data.train.length, val: data.val.length },
      tokenizer: { kind, vocabSize: tokenizer.vocabSize, tokensPerText: Number(mean(texts.map((t) => tokenizer.encode(t).length)).toFixed(2)) },
      model: { width, depth, heads, maxLength, parameters: params },
      steps: result.step,
      // ln(vocabSize) is the loss of a uniform guess
      loss: { uniformGuess: Number(Math.log(tokenizer.vocabSize).toFixed(4)), first: Number(mean(head.map((l) => l.value)).toFixed(4)), last: Number(mean(tail.map((l) => l.value)).toFixed(4)), curve: summariseCurve(losses) },
      valLoss: { first: valLosses[0]?.value ?? null, best: result.bestValLoss, last: valLosses.at(-1)?.value ?? null },
      out,
    }, null, 2)}\n`);
    return 0;
  },
};
