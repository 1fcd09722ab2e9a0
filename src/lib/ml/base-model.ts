// What fine-tuning and continued pretraining start from: the built-in USE-lite, or an encoder in
// the registry — a BERT-family checkpoint the user added (from a folder or a Hub download), an
// encoder pretrained here from scratch, or USE-lite adapted to the user's text (its MLM
// adapters, merged into the weights before new ones are trained). One loader, so the jobs and
// the UI treat them alike.
import { AppError } from '../errors';
import { Bert, parseBertConfig, parseTokenizer } from './hf';
import { baseWeights, Encoder, encoderConfig, exportWeights, importWeights, loadUseLite, type EncoderConfig, type LoraConfig, type ReadFile, type Weights } from './models';
import { isBaseCandidate, loadModel, type ModelCard } from './registry';
import { firstRegularId, maskId, tokenizerFromJson } from './text';
import { encoderEmbedder, useLiteEmbedder, type Embedder } from './train';
import type { EdgeFuseDb } from '../store';

export const useLiteBase = 'use-lite';

/** A loaded base: the encoder to train, how it reads text, and what a card built on it records. */
export interface BaseModel {
  /** 'use-lite' or the registry id. */
  id: string;
  name: string;
  /** The transformer blocks (MLM reads their hidden states). */
  encoder: Encoder;
  /** The sentence vector a head reads. */
  embedder: Embedder;
  /** Width of the sentence vector. */
  width: number;
  tokenize(texts: readonly string[]): number[][];
  /** For masked-LM training: the id that hides a token, and the first id that is not special. */
  mlm: { maskId: number; firstRegularId: number };
  /** Card fields of a model trained from this base. */
  card: Pick<ModelCard, 'base' | 'tokenizer'> & { config: Record<string, unknown> };
  dispose(): void;
}

/** A BERT-family checkpoint as the registry keeps it: the files' JSON, weights by encoder name. */
export interface HfCardConfig {
  format: 'hf-bert';
  /** config.json as it came. */
  config: unknown;
  pooling: 'mean' | 'cls';
}
export interface HfCardTokenizer {
  format: 'hf';
  tokenizer: unknown;
  tokenizerConfig: unknown;
}

const isHfConfig = (config: Record<string, unknown>): config is Record<string, unknown> & HfCardConfig => config['format'] === 'hf-bert';

/** USE-lite: its special ids 0..5; id 3 never comes out of its tokenizer, so it serves as [MASK]. */
const useLiteMlm = { maskId: 3, firstRegularId: 6 };

export async function loadBaseModel(db: EdgeFuseDb, id: string, { useLiteFiles, lora = null }: { useLiteFiles?: ReadFile | undefined; lora?: LoraConfig | null }): Promise<BaseModel> {
  if (id === useLiteBase) {
    if (!useLiteFiles) throw new AppError('unsupported', 'The sentence encoder is not available here.');
    const model = await loadUseLite(useLiteFiles, { lora });
    return {
      id, name: 'USE-lite', encoder: model.encoder, embedder: useLiteEmbedder(model), width: 512, tokenize: (texts) => model.tokenize(texts), mlm: useLiteMlm,
      card: { base: useLiteBase, tokenizer: useLiteBase, config: { ...model.encoder.config } }, dispose: () => model.dispose(),
    };
  }
  const { model: entry, weights } = await loadModel(db, id);
  if (!isBaseCandidate(entry.card)) throw new AppError('input-malformed', `${entry.name} is a ${entry.card.task} model; start from an encoder (USE-lite, an added BERT-family model or a pretrained one).`, { id });
  const card = { base: id, tokenizer: entry.card.tokenizer };

  // USE-lite adapted by continued pretraining: its adapters, merged, then fresh ones if asked.
  if (entry.card.base === useLiteBase) {
    if (!useLiteFiles) throw new AppError('unsupported', 'The sentence encoder is not available here.');
    const adapted = await loadUseLite(useLiteFiles, { lora: entry.card.lora && { ...entry.card.lora, targets: adapterTargets(weights) } });
    let merged: Awaited<ReturnType<typeof exportWeights>>;
    try {
      importWeights(adapted.weights, pick(weights, adapted.weights));
      adapted.encoder.mergeLora();
      merged = await exportWeights(baseWeights(adapted.weights));
    } finally {
      adapted.dispose();
    }
    const model = await loadUseLite(useLiteFiles, { lora });
    importWeights(model.weights, merged);
    return {
      id, name: entry.name, encoder: model.encoder, embedder: useLiteEmbedder(model), width: 512, tokenize: (texts) => model.tokenize(texts), mlm: useLiteMlm,
      card: { ...card, config: { ...model.encoder.config } }, dispose: () => model.dispose(),
    };
  }

  const config = entry.card.config;
  if (isHfConfig(config)) {
    const tokenizerCard = entry.card.tokenizer as HfCardTokenizer;
    const spec = parseBertConfig(config.config, { pooling: config.pooling, lora });
    const bert = new Bert(spec, parseTokenizer(tokenizerCard.tokenizer, tokenizerCard.tokenizerConfig));
    importWeights(bert.weights, pick(weights, bert.weights));
    const tokenizer = bert.tokenizer!;
    const specials = new Set(['[MASK]', '<mask>'].map((t) => tokenizer.tokenizer.token_to_id(t)).filter((x): x is number => x !== undefined));
    return {
      id, name: entry.name, encoder: bert.encoder, width: spec.encoder.width,
      embedder: { weights: bert.weights, maxLength: spec.encoder.maxLength, vocabSize: spec.encoder.vocabSize, embed: (inputs, training) => bert.forward(inputs, training).pooled },
      tokenize: (texts) => tokenizer.encodeBatch(texts, spec.encoder.maxLength).map((e) => e.ids),
      // BERT vocabularies put [PAD], [unused*], [UNK], [CLS], [SEP], [MASK] first (ids ≤ 103 in bert-base).
      mlm: { maskId: [...specials][0] ?? 0, firstRegularId: 1 + Math.max(0, ...specials) },
      card: { ...card, config }, dispose: () => bert.dispose(),
    };
  }

  // An encoder pretrained here: its config and its own tokenizer.
  const encoder = new Encoder(encoderConfig({ ...(config as Partial<EncoderConfig>), lora }));
  importWeights(encoder.weights, pick(weights, encoder.weights));
  const tokenizer = tokenizerFromJson(entry.card.tokenizer);
  return {
    id, name: entry.name, encoder, embedder: encoderEmbedder(encoder), width: encoder.config.width,
    tokenize: (texts) => texts.map((t) => tokenizer.encode(t).slice(0, encoder.config.maxLength)), mlm: { maskId, firstRegularId },
    card: { ...card, config: { ...encoder.config } }, dispose: () => encoder.dispose(),
  };
}

/** The stored weights this model has (an MLM run also stored nothing else; heads are skipped). */
function pick(named: Awaited<ReturnType<typeof exportWeights>>, weights: Weights): typeof named {
  return Object.fromEntries(Object.entries(named).filter(([name]) => weights.has(name)));
}

/** Which projections the stored adapters sit on ("block0.attention.query.lora.a" -> query). */
function adapterTargets(named: Record<string, unknown>): LoraConfig['targets'] {
  const targets = new Set<string>();
  for (const name of Object.keys(named)) {
    const m = /\.(\w+)\.lora\.[ab]$/.exec(name);
    if (m) targets.add(m[1]!);
  }
  return [...targets] as LoraConfig['targets'];
}
