// `edgefuse finetune --data FILE --text COL --label COL`: fine-tunes USE-lite (or an encoder
// from `edgefuse pretrain`) with a head on the label: classification for a categorical label,
// regression for a numeric one. Full fine-tuning, LoRA adapters (--lora R) or the head alone
// (--head-only); a seeded validation split; prints train/val loss and accuracy or RMSE.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { EncoderConfig } from '../../lib/ml/models';
import type { Embedder, Trainable, TrainEvent } from '../../lib/ml/train';
import type { Command } from '../main';
import { loadMl, loadPackagedUseLite, readOneTable } from '../ml-runtime';
import { readModelDir, summariseCurve, writeModelDir } from './pretrain';

const usage = `Usage: edgefuse finetune --data FILE --text COL --label COL [options]

Fine-tunes a sentence encoder on the device (tfjs WASM) to predict column LABEL from column
TEXT (first table of FILE): classification when the label is categorical (accuracy), regression
when it is numeric with many values (RMSE). 20% of the rows are held out for validation.
Prints JSON: train and validation loss, accuracy or RMSE, and the baseline (majority class or
the mean) to compare with.

Options:
  --base B       use-lite (default) or a folder written by 'edgefuse pretrain --out'
  --lora R       train LoRA adapters of rank R (query, value) and the head; 0: every weight (default)
  --head-only    train the head alone on frozen sentence vectors
  --steps N      optimizer steps (default 100)
  --batch N      texts per step (default 16)
  --lr X         peak learning rate (default 0.01 with --lora or --head-only, else 0.0002)
  --seed N       seed of the split, batches and head (default 1)
  --out DIR      where to write the trained weights (default: not written)
  -h, --help     show this help`;

const round = (x: number | null | undefined) => (x === null || x === undefined ? null : Number(x.toFixed(4)));
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);

export const finetuneCommand: Command = {
  summary: 'fine-tune USE-lite or a pretrained encoder to predict a label from text (JSON)',
  usage,
  async run(args, context) {
    const { values } = parseArgs({
      args: [...args],
      options: {
        data: { type: 'string' },
        text: { type: 'string' },
        label: { type: 'string' },
        base: { type: 'string' },
        lora: { type: 'string' },
        'head-only': { type: 'boolean' },
        steps: { type: 'string' },
        batch: { type: 'string' },
        lr: { type: 'string' },
        seed: { type: 'string' },
        out: { type: 'string' },
      },
    });
    if (!values.data || !values.text || !values.label) return context.fail('--data, --text and --label are required.');
    const [rank, steps, batchSize, seed] = [Number(values.lora ?? 0), Number(values.steps ?? 100), Number(values.batch ?? 16), Number(values.seed ?? 1)];
    if (!Number.isInteger(rank) || rank < 0) return context.fail('--lora must be an integer ≥ 0.');
    for (const [name, v] of Object.entries({ steps, batch: batchSize, seed: seed + 1 })) if (!Number.isInteger(v) || v < 1) return context.fail(`--${name} must be a positive integer.`);
    const trainable: Trainable = values['head-only'] ? 'head' : rank > 0 ? 'lora' : 'all';
    const lr = Number(values.lr ?? (trainable === 'all' ? 2e-4 : 1e-2));

    const { models, train: t } = await loadMl();
    const table = await readOneTable(context.cwd, values.data);
    const labelled = t.labelledTexts(table, values.text, values.label);
    if (labelled.texts.length < 10) return context.fail('Fine-tuning needs at least 10 rows with both a text and a label.');
    const lora = rank > 0 ? { rank, alpha: 2 * rank, targets: ['query', 'value'] as const } : null;
    const base = values.base ?? 'use-lite';
    let embedder: Embedder;
    let tokenize: (texts: string[]) => number[][];
    let dispose: () => void;
    let config: EncoderConfig;
    if (base === 'use-lite') {
      const model = await loadPackagedUseLite(lora);
      [embedder, tokenize, dispose, config] = [t.useLiteEmbedder(model), (texts) => model.tokenize(texts), () => model.dispose(), { ...models.useLiteConfig, lora }];
    } else {
      const { encoder, tokenizer } = await readModelDir(resolve(context.cwd, base), lora);
      [embedder, tokenize, dispose, config] = [t.encoderEmbedder(encoder), (texts) => texts.map((t) => tokenizer.encode(t)), () => encoder.dispose(), encoder.config];
    }

    // Regression targets are standardised for training; RMSE is reported in the label's units.
    const regression = labelled.task === 'regression';
    const { examples, targetMean, targetStd } = t.taskExamples(labelled, tokenize(labelled.texts));
    const data = t.splitValidation(examples, 0.2, new t.Rng(seed));
    const width = base === 'use-lite' ? 512 : config.width; // USE-lite's vectors come out of its 512-wide tanh layer
    const head = regression ? new t.RegressionHead(width, seed) : new t.ClassificationHead(width, labelled.classes.length, seed);
    const objective = t.textObjective(embedder, head);

    const losses: { step: number; value: number }[] = [];
    const vals: Record<string, number>[] = [];
    const onEvent = (e: TrainEvent) => {
      if (e.type !== 'metric') return;
      if (e.values.loss !== undefined) losses.push({ step: e.step, value: e.values.loss });
      if (e.values.valLoss !== undefined) vals.push(e.values);
    };
    const result = await t.train(objective, data, { steps, batchSize, lr, minLr: lr / 10, warmup: Math.min(10, Math.ceil(steps / 10)), evalEvery: Math.max(1, Math.ceil(steps / 4)), logEvery: 1, trainable, seed }, { onEvent });
    const trained = await models.exportWeights(t.trainableWeights(objective, trainable));
    const out = values.out ? resolve(context.cwd, values.out) : null;
    if (out) await writeModelDir(out, config, trained, null, { base, task: labelled.task, classes: labelled.classes, targetMean, targetStd, trainable });
    for (const v of head.weights.values()) v.dispose();
    dispose();

    const valTargets = data.val.map((e) => e.target);
    const counts = new Map<number, number>();
    for (const t of data.train.map((e) => e.target)) counts.set(t, (counts.get(t) ?? 0) + 1);
    const majority = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
    const trainMean = mean(data.train.map((e) => e.target));
    const val = (v: Record<string, number> | undefined) =>
      v && (regression ? { loss: round(v.valLoss), rmse: round((v.rmse ?? NaN) * targetStd) } : { loss: round(v.valLoss), accuracy: round(v.accuracy) });
    context.out(`${JSON.stringify({
      task: labelled.task,
      base,
      trainable,
      ...(lora ? { lora: { rank: lora.rank, alpha: lora.alpha, targets: lora.targets } } : {}),
      classes: labelled.classes,
      examples: { train: data.train.length, val: data.val.length },
      trainedParameters: Object.values(trained).reduce((n, w) => n + w.values.length, 0),
      steps: result.step,
      stopped: result.stopped,
      trainLoss: { first: round(losses[0]?.value), last: round(mean(losses.slice(-5).map((l) => l.value))), curve: summariseCurve(losses) },
      val: { first: val(vals[0]), last: val(vals.at(-1)) },
      baseline: regression
        ? { rmse: round(Math.sqrt(mean(valTargets.map((t) => (t - trainMean) ** 2))) * targetStd) }
        : { accuracy: round(valTargets.filter((t) => t === majority).length / Math.max(1, valTargets.length)) },
      out,
    }, null, 2)}\n`);
    return 0;
  },
};
