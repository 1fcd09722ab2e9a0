import type { FusionTable } from '../fusion/types';
import type { ReadFile } from '../ml/models';
import { pickForLabelling, pseudoLabels } from './active-learning';
import { classifyTable, type ClassifyParams, type ClassifyResult } from './classify';
import { argmaxRows } from './metrics';
import type { ReviewProgress } from './progress';
import { stratifiedSplit } from './split';
import { zeroShotClassify, type EmbedTexts } from './zero-shot';

// Sentiment from the user's own labels, for reviews without a label column. With too few labels
// it starts zero-shot (similarity to class descriptions plus the opinion lexicon, zero-shot.ts);
// once every class has a handful, it fine-tunes on them through classifyTable, evaluated on
// held-out user labels (stratified) beside the TF-IDF baseline, optionally with pseudo-labels
// from the confident zero-shot calls. Either way it ends with the next queue: the most
// informative unlabelled reviews of a seeded pool (uncertain, and unlike each other).

export interface LabellingParams {
  classes: string[]; // what the user labels with
  queueSize: number; // reviews offered next
  minPerClass: number; // user labels per class before training (fewer: zero-shot)
  testFraction: number; // user labels held out per class for evaluation
  minHeldOut: number; // held-out labels needed before figures are shown
  pseudoLabel: boolean; // add confident zero-shot calls of the pool as training labels
  pseudoThreshold: number; // the zero-shot confidence a pseudo-label needs
  pseudoPerClass: number; // pseudo-labels per class at most
}

export const labellingDefaults: LabellingParams = {
  classes: ['negative', 'neutral', 'positive'],
  queueSize: 40,
  minPerClass: 4,
  testFraction: 0.3,
  minHeldOut: 9,
  pseudoLabel: false,
  pseudoThreshold: 0.9,
  pseudoPerClass: 50,
};

/** A review offered for labelling: the current model's guess and probabilities (in `classes` order). */
export interface QueuedReview {
  /** The stored row (what a label is saved under), not the index in a cleaned table. */
  row: number;
  text: string;
  guess: string;
  confidence: number;
  probabilities: number[];
}

/** What the finding stores about the labelling (plain JSON). */
export interface LabellingSummary {
  mode: 'zero-shot' | 'my-labels';
  classes: string[];
  /** The user's labels per class, and what training needs. */
  counts: number[];
  minPerClass: number;
  /** Reviews scored for the queue (a seeded sample) out of all. */
  pooled: number;
  reviews: number;
  pseudoLabels: number;
  /** User labels held out for evaluation, and whether that is enough to show figures. */
  heldOut: number;
  evaluated: boolean;
  /** User labels (spread over the classes) that hold out enough for figures. */
  labelsNeeded: number;
  queue: QueuedReview[];
}

export interface LabellingInput {
  /** Every row's text; rows without one are never offered. */
  texts: readonly string[];
  /** Stored row number of each row (a cleaned table may skip some); absent: row i is row i. */
  rowIds?: Int32Array;
  /** Rows (indices into texts) scored for the queue: a seeded sample, to bound the work. */
  pool: readonly number[];
  /** The user's labels by stored row; null: skipped. */
  userLabels: readonly { row: number; label: string | null }[];
  embed: EmbedTexts;
  readModelFile: ReadFile;
  params: Partial<LabellingParams>;
  /** Passed to classifyTable: budget, fine-tuning, augmentation, seeds. */
  classify: Partial<Pick<ClassifyParams, 'maxTrainRows' | 'fineTune' | 'augment' | 'seeds'>>;
}

export interface LabellingRun {
  summary: LabellingSummary;
  /** When trained on the user's labels: the result (classifier kept: the caller disposes it) and the label per row it used. */
  trained: { result: ClassifyResult; labels: (string | null)[] } | null;
}

const round = (x: number) => Number(x.toFixed(3));

/**
 * Rows of a pool most worth labelling next, with the guesses of `probabilities` ([pool, K]). Each
 * is named by its stored row (`storedRow`), as the user's labels are, not by its index in `texts`.
 */
function queueOf(pool: readonly number[], probabilities: Float32Array, vectors: readonly Float32Array[], classes: readonly string[], exclude: ReadonlySet<number>, texts: readonly string[], size: number, storedRow: (i: number) => number): QueuedReview[] {
  const K = classes.length;
  const excluded = pool.flatMap((row, j) => (exclude.has(row) ? [j] : []));
  const D = vectors[0]?.length ?? 0;
  const flat = new Float32Array(pool.length * D);
  vectors.forEach((v, j) => flat.set(v, j * D));
  const picks = pickForLabelling(probabilities, K, size, { exclude: excluded, ...(D > 0 ? { vectors: flat } : {}) });
  const calls = argmaxRows(probabilities, K);
  return Array.from(picks, (j) => {
    const p = Array.from(probabilities.subarray(j * K, (j + 1) * K));
    const best = calls[j] as number;
    return { row: storedRow(pool[j] as number), text: (texts[pool[j] as number] as string).slice(0, 600), guess: classes[best] as string, confidence: round(p[best] as number), probabilities: p.map(round) };
  });
}

export async function learnFromUserLabels(input: LabellingInput, options: { signal?: AbortSignal; onProgress?: (p: ReviewProgress) => void } = {}): Promise<LabellingRun> {
  const o = { ...labellingDefaults, ...input.params };
  const { texts } = input;
  const { signal } = options;
  const N = texts.length;
  const K = o.classes.length;
  const storedRow = (i: number) => (input.rowIds ? (input.rowIds[i] as number) : i);
  const rowOf = new Map(Array.from({ length: N }, (_, i) => [storedRow(i), i]));
  const classIndex = new Map(o.classes.map((name, k) => [name, k]));

  // The user's labels as table rows and class indices; skips only keep a review out of the queue.
  const targets = new Int32Array(N).fill(-1);
  const seen = new Set<number>();
  for (const { row, label } of input.userLabels) {
    const i = rowOf.get(row);
    if (i === undefined || !texts[i]) continue;
    seen.add(i);
    const k = label === null ? undefined : classIndex.get(label);
    if (k !== undefined) targets[i] = k;
  }
  const counts = o.classes.map((_, k) => targets.filter((t) => t === k).length);
  const pool = input.pool.filter((i) => texts[i]);

  options.onProgress?.({ done: 0, total: 1, unit: 'reviews', message: `Scoring ${pool.length} reviews zero-shot` });
  const zeroShot = await zeroShotClassify(pool.map((i) => texts[i] as string), o.classes, input.embed, { ...(signal && { signal }) });
  const summary: LabellingSummary = { mode: 'zero-shot', classes: o.classes, counts, minPerClass: o.minPerClass, pooled: pool.length, reviews: N, pseudoLabels: 0, heldOut: 0, evaluated: false, labelsNeeded: Math.ceil(o.minHeldOut / o.testFraction), queue: [] };
  if (K < 2 || counts.some((n) => n < Math.max(2, o.minPerClass))) {
    summary.queue = queueOf(pool, zeroShot.probabilities, zeroShot.textVectors, o.classes, seen, texts, o.queueSize, storedRow);
    return { summary, trained: null };
  }

  // Held-out user labels per class for evaluation; the rest (and any pseudo-labels) train.
  const { held } = stratifiedSplit(targets, o.testFraction, 1);
  const labels: (string | null)[] = Array.from(targets, (k) => (k >= 0 ? (o.classes[k] as string) : null));
  const split: (string | null)[] = Array.from(targets, (k) => (k >= 0 ? 'train' : null));
  for (const i of held) split[i] = 'test';
  if (o.pseudoLabel) {
    const exclude = pool.flatMap((row, j) => (seen.has(row) ? [j] : []));
    const pseudo = pseudoLabels(zeroShot.probabilities, K, { threshold: o.pseudoThreshold, maxPerClass: o.pseudoPerClass, exclude });
    pseudo.rows.forEach((j, e) => {
      const row = pool[j] as number;
      labels[row] = o.classes[pseudo.targets[e] as number] as string;
      split[row] = 'train';
    });
    summary.pseudoLabels = pseudo.rows.length;
  }
  const table: FusionTable = {
    id: 'my-labels', name: 'my labels', rowCount: N,
    columns: [
      { name: 'text', type: 'text', role: 'review-text', values: [...texts] },
      { name: 'label', type: 'text', role: 'none', values: labels },
      { name: 'split', type: 'text', role: 'none', values: split },
    ],
  };
  const result = await classifyTable(table, { ...input.classify, textColumns: ['text'], labelColumn: 'label', labelMap: null, split: { column: 'split' } }, input.readModelFile, { ...options, keepModel: true });
  try {
    const classes = result.report.classes;
    const probabilities = await result.classifier!.predict(pool.map((i) => texts[i] as string), options);
    Object.assign(summary, { mode: 'my-labels', classes, counts: classes.map((name) => counts[classIndex.get(name) as number] ?? 0), heldOut: held.length, evaluated: held.length >= o.minHeldOut });
    summary.queue = queueOf(pool, probabilities, zeroShot.textVectors, classes, seen, texts, o.queueSize, storedRow);
  } catch (error) {
    result.classifier?.dispose();
    throw error;
  }
  return { summary, trained: { result, labels } };
}

/** An embedder that remembers vectors by text, so the zero-shot pool and the topics share one pass. */
export function rememberingEmbedder(embed: EmbedTexts): EmbedTexts {
  const known = new Map<string, Float32Array>();
  return async (texts, signal) => {
    const missing = [...new Set(texts.filter((t) => !known.has(t)))];
    if (missing.length > 0) (await embed(missing, signal)).forEach((v, i) => known.set(missing[i] as string, v));
    return texts.map((t) => known.get(t) as Float32Array);
  };
}
