// The "Pretrain on my text" job: a tokenizer trained on a text column of one source (characters,
// or byte-level BPE: any language, no pretrained model needed), then a small encoder learns it
// from scratch by masked-language modelling. Curves stream as job metrics, checkpoints go to
// IndexedDB (tokenizer training is deterministic, so a resumed run rebuilds the same model), and
// the encoder lands in the registry with its tokenizer in the card.
import { AppError } from '../errors';
import { readSourceTable } from '../fusion/read-store-tables';
import type { JobHandler } from '../jobs';
import { getSource, type EdgeFuseDb } from '../store';
import { tf } from './backend';
import { Encoder, encoderConfig, exportWeights } from './models';
import { saveModel } from './registry';
import { firstRegularId, maskId, trainTokenizer, type TokenizerKind } from './text';
import { labelledTexts, MaskedLm, mlmObjective, parseCheckpoint, Rng, splitValidation, train } from './train';

export interface PretrainParams {
  workspaceId: string;
  sourceId: string;
  textColumn: string;
  tokenizer: TokenizerKind;
  steps: number;
  name: string;
}

export interface PretrainResult {
  modelId: string;
  metrics: Record<string, number>;
}

/** A small encoder that learns in minutes on a laptop's GPU and is still useful for similarity. */
const shape = { width: 128, depth: 2, heads: 4, maxLength: 64, vocab: 2000 };

export function pretrainJob(db: EdgeFuseDb): JobHandler<PretrainParams, PretrainResult> {
  return async (ctx) => {
    const { sourceId, textColumn, tokenizer: kind, steps, name, workspaceId } = ctx.params;
    const source = await getSource(db, sourceId);
    ctx.progress(0, steps, 'steps', `Reading ${source.name}`);
    const { texts } = labelledTexts(await readSourceTable(db, source, { signal: ctx.signal }), textColumn);
    if (texts.length < 20) throw new AppError('input-malformed', `Pretraining needs at least 20 texts in "${textColumn}"; ${source.name} has ${texts.length}.`);
    ctx.progress(0, steps, 'steps', `Training a ${kind} tokenizer`);
    const tokenizer = trainTokenizer(kind, texts, shape.vocab);
    const config = encoderConfig({
      vocabSize: tokenizer.vocabSize, maxLength: shape.maxLength, width: shape.width, embeddingWidth: shape.width, depth: shape.depth,
      heads: shape.heads, ffWidth: 4 * shape.width, dropout: 0, seed: 1,
    });
    const encoder = new Encoder(config);
    const mlm = new MaskedLm(encoder, { maskId, firstRegularId }, 1);
    const data = splitValidation(texts.map((t) => tokenizer.encode(t).slice(0, shape.maxLength)).filter((t) => t.length > 0), 0.1, new Rng(1));
    const last: Record<string, number> = {};
    try {
      const result = await train(mlmObjective(mlm), data, {
        steps, batchSize: 16, lr: 3e-3, minLr: 3e-4, warmup: Math.min(20, Math.ceil(steps / 10)), evalEvery: Math.max(5, Math.ceil(steps / 5)),
        logEvery: 1, checkpointEvery: 20, seed: 1,
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
        Object.entries({ trainLoss: last['loss'], validationLoss: last['valLoss'], bestValidationLoss: result.bestValLoss ?? undefined, uniformGuessLoss: Math.log(tokenizer.vocabSize) })
          .filter((e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1])),
      );
      const saved = await saveModel(db, workspaceId, name, {
        task: 'mlm', base: null, config: { ...config }, tokenizer: tokenizer.toJSON(),
        data: { sources: [source.name], textColumn, labelColumn: null, rows: texts.length, trainRows: data.train.length, validationRows: data.val.length },
        metrics, labels: null, lora: null, backend: tf.getBackend(), steps: result.step, trainedAt: Date.now(),
      }, await exportWeights(encoder.weights));
      ctx.summarise({ ...metrics, backend: tf.getBackend(), modelId: saved.id });
      return { modelId: saved.id, metrics };
    } finally {
      mlm.dispose();
      encoder.dispose();
    }
  };
}
