import * as tf from '@tensorflow/tfjs-core';
import { AppError } from '../errors';
import type { FusionTable } from '../fusion/types';
import type { ReadFile } from '../ml/models';
import { augmentSet, type AugmentConfig } from './augment';
import { blendProbabilities, chooseBlendWeight } from './ensemble';
import { classCounts, formatLabelMap, labelsOf, suggestLabelMap, type LabelRule } from './labels';
import { argmaxRows, evaluateClassifier, type Evaluation } from './metrics';
import { phasedProgress, type ReviewProgress } from './progress';
import { capTrainingRows, randomSplit, randomSplitDefaults, splitFromColumn, type Split } from './split';
import { averageProbabilities, seedEnsemble } from './seed-ensemble';
import { fineTuneClassifier, fineTuneCosts, fineTuneDefaults, type FineTuneConfig, type TextClassifier } from './text-classifier';
import { fitTfidfBaseline, predictTfidfBaseline, type BaselineConfig, type LabelledSet } from './tfidf-baseline';

// One classification run end to end, as the CLI and (later) the reviews worker call it: labels
// (as they are, or star ratings through a map), a split, the TF-IDF baseline and the fine-tuned
// encoder on the same rows, and both evaluated on the same held-out rows.

export interface ClassifyParams {
  /** Text columns, joined with ". " per row (e.g. title and text). */
  textColumns: string[];
  labelColumn: string;
  /** 'auto': the star map when the label column looks like ratings, else labels as they are; null: as they are. */
  labelMap: readonly LabelRule[] | 'auto' | null;
  /** A column naming each row's part, or a seeded stratified draw. */
  split: { column: string } | { testFraction: number; seed: number };
  /** Share of the training rows held out for early stopping and the baseline's C, at most maxValidationRows. */
  validationFraction: number;
  maxValidationRows: number;
  /** Train on at most this many rows, early-stopping rows included (stratified samples), to bound the time on a slow device; null: all. */
  maxTrainRows: number | null;
  fineTune: Partial<FineTuneConfig>;
  baseline: Partial<BaselineConfig>;
  /** Augmented copies of the encoder's training texts (the baseline sees the originals); null: none. */
  augment: Partial<AugmentConfig> | null;
  /** Fine-tuning runs with seeds fineTune.seed, +1, …, their probabilities averaged. */
  seeds: number;
}

export const classifyDefaults: Omit<ClassifyParams, 'textColumns' | 'labelColumn'> = {
  labelMap: 'auto',
  split: { testFraction: 0.2, seed: 1 },
  validationFraction: randomSplitDefaults.validationFraction,
  maxValidationRows: randomSplitDefaults.maxValidationRows,
  maxTrainRows: null,
  fineTune: {},
  baseline: {},
  augment: null,
  seeds: 1,
};

export interface ClassifyReport {
  classes: string[];
  /** The map applied (parseLabelMap's form), or null when labels were taken as they are. */
  labelMap: string | null;
  rows: { train: number; validation: number; test: number; unlabelled: number; unmapped: number };
  trainClassCounts: number[];
  model: Evaluation & { trainable: string; steps: number; stopped: string; bestStep: number; probeC: number | null; trainedParameters: number; probeSeconds: number; trainSeconds: number };
  baseline: Evaluation & { c: number; features: number };
  /** The two models' probabilities averaged, `modelWeight` on the encoder (chosen on validation); null without validation rows. */
  ensemble: (Evaluation & { modelWeight: number }) | null;
  /** With an ensemble of seeds (`model` is their average): each seed's own figures; else null. */
  seedModels: (Evaluation & { seed: number })[] | null;
  /** Augmented copies added to the encoder's training texts (0: none). */
  augmentedTexts: number;
  backend: string;
  seconds: { baseline: number; fineTune: number; predict: number; total: number };
}

/** The held-out rows (rows of the table) with both models' predictions. */
export interface ClassifyPredictions {
  rows: Int32Array;
  truth: Int32Array;
  predicted: Int32Array;
  confidence: Float32Array;
  baselinePredicted: Int32Array;
  baselineConfidence: Float32Array;
}

export interface ClassifyResult {
  report: ClassifyReport;
  predictions: ClassifyPredictions;
  /** The fine-tuned classifier when `keepModel` was asked for (the caller disposes it), else null. */
  classifier: TextClassifier | null;
}

/** The values of column `name`, or an error that lists the columns there are. */
function columnValues(table: FusionTable, name: string): FusionTable['columns'][number]['values'] {
  const column = table.columns.find((c) => c.name === name);
  if (!column) throw new AppError('input-malformed', `The table ${table.name} has no column "${name}"; it has ${table.columns.map((c) => c.name).join(', ')}.`, { column: name });
  return column.values;
}

/** Each row's text: the named columns' non-empty values joined with ". ". */
export function rowTexts(table: FusionTable, columns: readonly string[]): string[] {
  const found = columns.map((name) => columnValues(table, name));
  return Array.from({ length: table.rowCount }, (_, row) => found.map((values) => values[row]).filter((v) => v !== null && v !== undefined && String(v).trim() !== '').map(String).join('. '));
}

/**
 * Refuses text columns that hold the answer. The label column read as input (a "label" column
 * taken for a title) lets the model copy its target: held-out rows read "ham: ham . From …" and
 * score a perfect, meaningless accuracy. The split column would tell it which rows are tested.
 */
export function checkTextColumns(textColumns: readonly string[], labelColumn: string, splitColumn: string | null = null): void {
  if (textColumns.length === 0) throw new AppError('input-malformed', 'Choose at least one text column for the model to read.');
  if (textColumns.includes(labelColumn)) {
    throw new AppError('input-malformed', `"${labelColumn}" is the label column, so it cannot also be a text column: the model would read the answer. Remove it from the text columns.`, { column: labelColumn });
  }
  if (splitColumn !== null && textColumns.includes(splitColumn)) {
    throw new AppError('input-malformed', `"${splitColumn}" is the split column, so it cannot also be a text column: the model would read which rows are tested. Remove it from the text columns.`, { column: splitColumn });
  }
}

const seconds = (since: number) => Math.round((performance.now() - since) / 100) / 10;

export async function classifyTable(
  table: FusionTable,
  params: Partial<ClassifyParams> & Pick<ClassifyParams, 'textColumns' | 'labelColumn'>,
  readModelFile: ReadFile,
  options: { signal?: AbortSignal; onProgress?: (p: ReviewProgress) => void; keepModel?: boolean } = {},
): Promise<ClassifyResult> {
  const p = { ...classifyDefaults, ...params };
  const started = performance.now();
  checkTextColumns(p.textColumns, p.labelColumn, 'column' in p.split ? p.split.column : null);
  const labelValues = columnValues(table, p.labelColumn);
  const texts = rowTexts(table, p.textColumns);
  const rules = p.labelMap === 'auto' ? suggestLabelMap(labelValues) : p.labelMap;
  const labels = labelsOf(labelValues, rules, p.labelColumn);
  const labelled = labels.targets.filter((t) => t >= 0).length;
  for (let row = 0; row < texts.length; row++) if (texts[row] === '') labels.targets[row] = -1; // nothing to read
  const K = labels.classes.length;
  // Classes with rows, not the map's classes: a map names its classes whether or not any row has one.
  const present = classCounts(labels.targets, K).filter((n) => n > 0).length;
  if (present < 2) {
    const under = rules ? ` under the label map ${formatLabelMap(rules)}` : '';
    const why = labelled > 0 && present === 0
      ? `No row has both a label in "${p.labelColumn}" and text in ${p.textColumns.map((c) => `"${c}"`).join(', ')}`
      : `"${p.labelColumn}" holds ${present === 0 ? 'no labels' : 'one class only'}${under}`;
    throw new AppError('input-malformed', `${why}: there is nothing to learn.`, { column: p.labelColumn });
  }

  const common = { validationFraction: p.validationFraction, maxValidationRows: p.maxValidationRows };
  let split: Split = 'column' in p.split
    ? splitFromColumn(columnValues(table, p.split.column), labels.targets, common)
    : randomSplit(labels.targets, { ...common, testFraction: p.split.testFraction, seed: p.split.seed });
  if (p.maxTrainRows !== null) split = capTrainingRows(split, labels.targets, p.maxTrainRows, K);
  const setOf = (rows: Int32Array): LabelledSet => ({ texts: Array.from(rows, (r) => texts[r] as string), targets: Int32Array.from(rows, (r) => labels.targets[r] as number) });
  const [trainSet, validationSet, testSet] = [setOf(split.train), setOf(split.validation), setOf(split.test)];
  const balanced = (p.fineTune.classWeighting ?? 'balanced') === 'balanced';

  // One bar over the phases, by rough cost in window passes (fineTuneCosts, taking every text
  // at its most windows): the baseline, each seed's fine-tuning, then scoring the test and
  // validation rows with every seed.
  const seedCount = Math.max(1, Math.floor(p.seeds));
  const windows = p.fineTune.windows ?? fineTuneDefaults.windows;
  const fineTuneCost = fineTuneCosts(p.fineTune, windows * trainSet.texts.length, windows * validationSet.texts.length, trainSet.texts.length).reduce((a, b) => a + b, 0);
  const phase = phasedProgress(options.onProgress, [
    trainSet.texts.length,
    ...Array.from({ length: seedCount }, () => fineTuneCost),
    seedCount * windows * testSet.texts.length,
    seedCount * windows * validationSet.texts.length,
  ]);
  const [baselinePhase, firstSeedPhase, testPhase, validationPhase] = [0, 1, 1 + seedCount, 2 + seedCount];
  /** The caller's signal with a phase's reporter, for the steps below. */
  const runWith = (onProgress: ((e: ReviewProgress) => void) | undefined) => ({ ...(options.signal && { signal: options.signal }), ...(onProgress && { onProgress }) });

  // The baseline first: seconds on any device, and a figure to show while the encoder trains.
  let since = performance.now();
  phase(baselinePhase)?.({ done: 0, total: 1, unit: 'models', message: 'Fitting the TF-IDF baseline' });
  const baseline = fitTfidfBaseline(trainSet, validationSet, K, { balanced, config: p.baseline });
  const baselineProbabilities = predictTfidfBaseline(baseline, testSet.texts);
  const baselineSeconds = seconds(since);
  await new Promise((resolve) => setTimeout(resolve, 0));
  options.signal?.throwIfAborted();

  since = performance.now();
  const fineTuneSet = p.augment ? augmentSet(trainSet, p.augment) : trainSet;
  const firstSeed = p.fineTune.seed ?? fineTuneDefaults.seed;
  const runs: TextClassifier[] = [];
  try {
    for (let s = 0; s < seedCount; s++) {
      const onProgress = phase(firstSeedPhase + s);
      runs.push(await fineTuneClassifier(readModelFile, fineTuneSet, validationSet, K, { ...p.fineTune, seed: firstSeed + s }, runWith(onProgress)));
    }
  } catch (error) {
    runs.forEach((run) => run.dispose());
    throw error;
  }
  const classifier = seedEnsemble(runs);
  const fineTuneSeconds = seconds(since);
  try {
    since = performance.now();
    const seedProbabilities: Float32Array[] = [];
    const testProgress = phase(testPhase);
    for (const [s, run] of runs.entries()) {
      const onProgress = testProgress && ((e: ReviewProgress) => testProgress({ ...e, done: s * e.total + e.done, total: runs.length * e.total }));
      seedProbabilities.push(await run.predict(testSet.texts, runWith(onProgress)));
    }
    const probabilities = averageProbabilities(seedProbabilities);
    const predictSeconds = seconds(since);
    const model = evaluateClassifier(testSet.targets, probabilities, K);
    const baselineFigures = evaluateClassifier(testSet.targets, baselineProbabilities, K);
    let ensemble: ClassifyReport['ensemble'] = null;
    if (baseline.validationProbabilities) {
      const onProgress = phase(validationPhase);
      const validationProbabilities = await classifier.predict(validationSet.texts, runWith(onProgress));
      const { weight } = chooseBlendWeight(validationProbabilities, baseline.validationProbabilities, validationSet.targets, K);
      ensemble = { ...evaluateClassifier(testSet.targets, blendProbabilities(probabilities, baselineProbabilities, weight), K), modelWeight: weight };
    }
    const confidenceOf = (probs: Float32Array, predicted: Int32Array) => Float32Array.from(predicted, (k, i) => probs[i * K + k] as number);
    const [predicted, baselinePredicted] = [argmaxRows(probabilities, K), argmaxRows(baselineProbabilities, K)];
    const { summary } = classifier;
    const report: ClassifyReport = {
      classes: labels.classes,
      labelMap: rules ? formatLabelMap(rules) : null,
      rows: {
        train: split.train.length, validation: split.validation.length, test: split.test.length,
        unlabelled: labels.targets.filter((t) => t < 0).length, unmapped: labels.unmapped,
      },
      trainClassCounts: classCounts(trainSet.targets, K),
      model: { ...model, trainable: p.fineTune.trainable ?? 'lora', steps: summary.steps, stopped: summary.stopped, bestStep: summary.bestStep, probeC: summary.probeC, trainedParameters: summary.trainedParameters, probeSeconds: summary.probeSeconds, trainSeconds: summary.trainSeconds },
      baseline: { ...baselineFigures, c: baseline.c, features: baseline.vectorizer.idf.length },
      ensemble,
      seedModels: runs.length > 1 ? seedProbabilities.map((probs, s) => ({ ...evaluateClassifier(testSet.targets, probs, K), seed: firstSeed + s })) : null,
      augmentedTexts: fineTuneSet.texts.length - trainSet.texts.length,
      backend: tf.getBackend(),
      seconds: { baseline: baselineSeconds, fineTune: fineTuneSeconds, predict: predictSeconds, total: seconds(started) },
    };
    const predictions: ClassifyPredictions = {
      rows: split.test, truth: testSet.targets as Int32Array, predicted, confidence: confidenceOf(probabilities, predicted),
      baselinePredicted, baselineConfidence: confidenceOf(baselineProbabilities, baselinePredicted),
    };
    return { report, predictions, classifier: options.keepModel ? classifier : null };
  } finally {
    if (!options.keepModel) classifier.dispose();
  }
}
