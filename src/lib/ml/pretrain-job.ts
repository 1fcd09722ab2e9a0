// The "Pretrain on my text" job: a tokenizer trained on a text column of one source (characters,
// or byte-level BPE: any language, no pretrained model needed), then a small encoder learns it
// from scratch by masked-language modelling. Curves stream as job metrics, checkpoints go to
// IndexedDB (tokenizer training is deterministic, so a resumed run rebuilds the same model), and
// the encoder lands in the registry with its tokenizer in the card. Or, with `from: 'use-lite'`,
// continued pretraining: USE-lite's LoRA adapters learn the user's text (domain adaptation).
import { AppError } from '../errors';
import { readSourceTable } from '../fusion/read-store-tables';
import type { JobHandler } from '../jobs';
import { getSource, type EdgeFuseDb } from '../store';
import { tf } from './backend';
import { loadBaseModel, useLiteBase } from './base-model';
import { Encoder, encoderConfig, exportWeights, loraWeights, type EncoderConfig, type ReadFile } from './models';
import { saveModel } from './registry';
import { firstRegularId, maskId, trainTokenizer, type TokenizerKind } from './text';
import { labelledTexts, MaskedLm, mlmObjective, parseCheckpoint, Rng, splitValidation, train, type Trainable } from './train';

export interface PretrainParams {
  workspaceId: string;
  sourceId: string;
  textColumn: string;
  tokenizer: TokenizerKind;
  steps: number;
  name: string;
  /** 'scratch' (the default): a new tokenizer and encoder; 'use-lite': adapt USE-lite to the text. */
  from?: PretrainStart;
}

export type PretrainStart = 'scratch' | 'use-lite';

export interface PretrainResult {
  modelId: string;
  metrics: Record<string, number>;
}

/** A small encoder that learns in minutes on a laptop's GPU and is still useful for similarity. */
const shape = { width: 128, depth: 2, heads: 4, maxLength: 64, vocab: 2000 };

/** Every 20 steps, or about five times in a short run, so that a lost device or tab costs little. */
const checkpointInterval = (steps: number) => Math.max(1, Math.min(20, Math.floor(steps / 5)));

export function pretrainJob(db: EdgeFuseDb, useLiteFiles?: ReadFile): JobHandler<PretrainParams, PretrainResult> {
  return async (ctx) => {
    const { sourceId, textColumn, tokenizer: kind, steps, name, workspaceId, from = 'scratch' } = ctx.params;
    const source = await getSource(db, sourceId);
    ctx.progress(0, steps, 'steps', `Reading ${source.name}`);
    const { texts } = labelledTexts(await readSourceTable(db, source, { signal: ctx.signal }), textColumn);
    if (texts.length < 20) throw new AppError('input-malformed', `Pretraining needs at least 20 texts in "${textColumn}"; ${source.name} has ${texts.length}.`);
    ctx.progress(0, steps, 'steps', from === 'scratch' ? `Training a ${kind} tokenizer` : 'Loading the sentence encoder');
    const start = from === 'scratch' ? fromScratch(kind, texts) : await adaptUseLite(db, useLiteFiles);
    const { encoder, config, tokenize, trainable, lr } = start;
    const mlm = new MaskedLm(encoder, start.mlmIds, 1);
    const data = splitValidation(tokenize(texts).filter((t) => t.length > 0), 0.1, new Rng(1));
    const last: Record<string, number> = {};
    try {
      const result = await train(mlmObjective(mlm), data, {
        steps, batchSize: 16, lr, minLr: lr / 10, warmup: Math.min(20, Math.ceil(steps / 10)), evalEvery: Math.max(5, Math.ceil(steps / 5)),
        logEvery: 1, checkpointEvery: checkpointInterval(steps), seed: 1, trainable,
      }, {
        signal: ctx.signal,
        modelConfig: config,
        onEvent: (event) => {
          if (event.type !== 'metric') return;
          Object.assign(last, event.values);
          ctx.metric(event.step, event.values);
          ctx.progress(event.step, steps, 'steps', `Pretraining on ${tf.getBackend()}`);
        },
        save: (checkpoint) => ctx.checkpoint(checkpoint.step, checkpoint),
        ...(ctx.resumeState ? { resume: parseCheckpoint(ctx.resumeState) } : {}),
      });
      const metrics: Record<string, number> = Object.fromEntries(
        Object.entries({ trainLoss: last['loss'], validationLoss: last['valLoss'], bestValidationLoss: result.bestValLoss ?? undefined, uniformGuessLoss: Math.log(config.vocabSize) })
          .filter((e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1])),
      );
      const saved = await saveModel(db, workspaceId, name, {
        task: 'mlm', base: start.base, config: { ...config }, tokenizer: start.tokenizer,
        data: { sources: [source.name], textColumn, labelColumn: null, rows: texts.length, trainRows: data.train.length, validationRows: data.val.length },
        metrics, labels: null, lora: config.lora && { rank: config.lora.rank, alpha: config.lora.alpha }, backend: tf.getBackend(), steps: result.step, trainedAt: Date.now(),
      }, await exportWeights(trainable === 'lora' ? loraWeights(encoder.weights) : encoder.weights));
      ctx.summarise({ ...metrics, backend: tf.getBackend(), modelId: saved.id });
      return { modelId: saved.id, metrics };
    } finally {
      mlm.dispose();
      start.dispose();
    }
  };
}

/** What a pretraining run starts from: the encoder, how it reads text, and what the card records. */
interface Start {
  encoder: Encoder;
  config: EncoderConfig;
  tokenize(texts: readonly string[]): number[][];
  mlmIds: { maskId: number; firstRegularId: number };
  trainable: Trainable;
  lr: number;
  base: string | null;
  tokenizer: unknown;
  dispose(): void;
}

/** A new tokenizer learnt from the texts, and a small encoder with random weights. */
function fromScratch(kind: TokenizerKind, texts: readonly string[]): Start {
  const tokenizer = trainTokenizer(kind, texts, shape.vocab);
  const config = encoderConfig({
    vocabSize: tokenizer.vocabSize, maxLength: shape.maxLength, width: shape.width, embeddingWidth: shape.width, depth: shape.depth,
    heads: shape.heads, ffWidth: 4 * shape.width, dropout: 0, seed: 1,
  });
  const encoder = new Encoder(config);
  return {
    encoder, config, tokenize: (ts) => ts.map((t) => tokenizer.encode(t).slice(0, shape.maxLength)), mlmIds: { maskId, firstRegularId },
    trainable: 'all', lr: 3e-3, base: null, tokenizer: tokenizer.toJSON(), dispose: () => encoder.dispose(),
  };
}

/**
 * Continued pretraining (domain adaptation) of USE-lite: LoRA adapters on attention and
 * feed-forward learn the user's text; the registry keeps the adapters alone (a few hundred KB),
 * and fine-tuning from the result merges them first (base-model.ts).
 */
async function adaptUseLite(db: EdgeFuseDb, useLiteFiles: ReadFile | undefined): Promise<Start> {
  const base = await loadBaseModel(db, useLiteBase, { useLiteFiles, lora: { rank: 8, alpha: 16, targets: ['query', 'value', 'up', 'down'] } });
  return {
    encoder: base.encoder, config: base.encoder.config, tokenize: base.tokenize, mlmIds: base.mlm,
    trainable: 'lora', lr: 1e-2, base: useLiteBase, tokenizer: base.card.tokenizer, dispose: base.dispose,
  };
}
