// The "Train a model" job: fine-tune USE-lite or an encoder from the registry (all weights, or
// LoRA adapters) with a head that predicts a label column from a text column of one source. Curves stream as job metrics, a
// checkpoint goes to IndexedDB every few steps (a reload resumes from it, on whatever backend
// is running then), and the result lands in the model registry with its card.
import { AppError } from '../errors';
import { readSourceTable } from '../fusion/read-store-tables';
import type { JobHandler } from '../jobs';
import { getSource, type EdgeFuseDb } from '../store';
import { tf } from './backend';
import { loadBaseModel, useLiteBase } from './base-model';
import { exportWeights, type ReadFile } from './models';
import { saveModel, type ModelCard } from './registry';
import {
  ClassificationHead, labelledTexts, parseCheckpoint, RegressionHead, Rng, splitValidation, taskExamples, textObjective, train, trainableWeights,
  type Trainable,
} from './train';

export interface FineTuneParams {
  workspaceId: string;
  sourceId: string;
  textColumn: string;
  labelColumn: string;
  /** Name in the registry. */
  name: string;
  /** LoRA rank; 0 trains every weight. */
  lora: number;
  steps: number;
  /** What to start from: 'use-lite' (the default) or the registry id of an encoder. */
  base?: string;
}

export interface FineTuneResult {
  modelId: string;
  task: 'classification' | 'regression';
  metrics: Record<string, number>;
}

const checkpointEvery = 10;
/**
 * Validation rows at most: every evaluation runs the encoder over all of them, and on a slow
 * backend a large validation set would cost more than the training it checks.
 */
const maxValidationRows = 200;

export function fineTuneJob(db: EdgeFuseDb, useLiteFiles: ReadFile | undefined): JobHandler<FineTuneParams, FineTuneResult> {
  return async (ctx) => {
    const { sourceId, textColumn, labelColumn, lora: rank, steps, name, workspaceId, base = useLiteBase } = ctx.params;
    const source = await getSource(db, sourceId);
    ctx.progress(0, steps, 'steps', `Reading ${source.name}`);
    const labelled = labelledTexts(await readSourceTable(db, source, { signal: ctx.signal }), textColumn, labelColumn);
    if (labelled.texts.length < 10 || labelled.task === null) throw new AppError('input-malformed', `Training needs at least 10 rows of ${source.name} with both a "${textColumn}" and a "${labelColumn}".`);
    if (labelled.task === 'classification' && labelled.classes.length < 2) throw new AppError('input-malformed', `"${labelColumn}" holds one value only: there is nothing to learn.`);

    ctx.progress(0, steps, 'steps', 'Loading the encoder');
    const lora = rank > 0 ? { rank, alpha: 2 * rank, targets: ['query', 'value'] as const } : null;
    const model = await loadBaseModel(db, base, { useLiteFiles, lora: lora && { ...lora, targets: [...lora.targets] } });
    // Regression targets are standardised for training; RMSE is reported in the label's units.
    const regression = labelled.task === 'regression';
    const { examples, targetMean, targetStd } = taskExamples(labelled, model.tokenize(labelled.texts));
    const data = splitValidation(examples, Math.min(0.2, maxValidationRows / examples.length), new Rng(1));
    const head = regression ? new RegressionHead(model.width, 1) : new ClassificationHead(model.width, labelled.classes.length, 1);
    const objective = textObjective(model.embedder, head);
    const trainable: Trainable = lora ? 'lora' : 'all';
    const lr = trainable === 'all' ? 2e-4 : 1e-2;
    const last: Record<string, number> = {};
    try {
      const result = await train(objective, data, {
        steps, batchSize: 16, lr, minLr: lr / 10, warmup: Math.min(10, Math.ceil(steps / 10)), evalEvery: Math.max(5, Math.ceil(steps / 5)),
        logEvery: 1, checkpointEvery, trainable, seed: 1,
      }, {
        signal: ctx.signal,
        onEvent: (event) => {
          if (event.type !== 'metric') return;
          const values = { ...event.values };
          if (regression && values['rmse'] !== undefined) values['rmse'] *= targetStd;
          Object.assign(last, values);
          ctx.metric(event.step, values);
          ctx.progress(event.step, steps, 'steps', `Training on ${tf.getBackend()}`);
        },
        save: (checkpoint) => ctx.checkpoint(checkpoint.step, checkpoint),
        ...(ctx.resumeState ? { resume: parseCheckpoint(ctx.resumeState) } : {}),
      });
      const weights = await exportWeights(trainableWeights(objective, trainable));
      const metrics: Record<string, number> = Object.fromEntries(
        Object.entries({ trainLoss: last['loss'], validationLoss: last['valLoss'], validationAccuracy: last['accuracy'], validationRmse: last['rmse'], bestValidationLoss: result.bestValLoss ?? undefined })
          .filter((e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1])),
      );
      const card: ModelCard = {
        task: labelled.task, base: model.card.base,
        config: { ...model.card.config, lora, trainable, targetMean, targetStd, lr, steps: result.step },
        tokenizer: model.card.tokenizer,
        data: { sources: [source.name], textColumn, labelColumn, rows: labelled.texts.length, trainRows: data.train.length, validationRows: data.val.length },
        metrics, labels: regression ? null : labelled.classes, lora: lora && { rank: lora.rank, alpha: lora.alpha },
        backend: tf.getBackend(), steps: result.step, trainedAt: Date.now(),
      };
      const saved = await saveModel(db, workspaceId, name, card, weights);
      ctx.summarise({ ...metrics, backend: tf.getBackend(), modelId: saved.id });
      return { modelId: saved.id, task: labelled.task, metrics };
    } finally {
      for (const v of head.weights.values()) v.dispose();
      model.dispose();
    }
  };
}
