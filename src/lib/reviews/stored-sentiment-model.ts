// The review job's sentiment classifier kept in the model registry, and rebuilt from it to score
// reviews imported later. What is stored is small: the trained weights only (LoRA adapters and
// the head, as exportTrained gives them; every seed's for an ensemble of seeds) plus the card;
// USE-lite's own files come from the app again at load time, and the adapters and head are
// assigned into a fresh copy per seed. Prediction is the classifier's own (same windows, same
// batching, seeds averaged), so a reloaded model gives the same probabilities as the one that
// was trained and evaluated.
import * as tf from '@tensorflow/tfjs-core';
import { AppError } from '../errors';
import { importWeights, loadUseLite, type ReadFile, type UseLite } from '../ml/models';
import { loadModel, saveModel, type RegisteredModel } from '../ml/registry';
import { ClassificationHead } from '../ml/train';
import { speedUpWasmTransposedMatMul } from '../ml/wasm-matmul';
import type { EdgeFuseDb } from '../store';
import type { ReviewProgress } from './progress';
import type { ClassifyReport } from './classify';
import { predictAveraged, seedWeights } from './seed-ensemble';
import { maxStoredSeeds, negativeClassOf, parseSentimentSpec, sentimentCard, type SentimentSpec } from './sentiment-card';
import { classProbabilities, classifierLora, width, type TextClassifier } from './text-classifier';

/** A stored sentiment model, ready to predict. The caller disposes it. */
export interface SentimentScorer {
  model: RegisteredModel;
  spec: SentimentSpec;
  /** Class probabilities, row-major [N, K] in `spec.classes` order. */
  predict(texts: readonly string[], options?: { signal?: AbortSignal; onProgress?: (p: ReviewProgress) => void }): Promise<Float32Array>;
  dispose(): void;
}

/** Stores a trained classifier (its trained weights and a "sentiment" card) in the registry. */
export async function saveSentimentModel(
  db: EdgeFuseDb,
  workspaceId: string,
  classifier: TextClassifier,
  spec: Omit<SentimentSpec, 'fineTune' | 'seeds'>,
  run: Parameters<typeof sentimentCard>[1],
): Promise<RegisteredModel> {
  if (classifier.classCount !== spec.classes.length) throw new AppError('internal', `Internal error: the classifier has ${classifier.classCount} classes, the card ${spec.classes.length}.`);
  const seeds = classifier.seeds ?? 1;
  if (seeds > maxStoredSeeds) throw new AppError('unsupported', `An ensemble of ${seeds} seeds is too big to keep; at most ${maxStoredSeeds} are.`);
  const card = sentimentCard({ ...spec, fineTune: { ...classifier.config }, seeds }, run);
  return saveModel(db, workspaceId, `Sentiment · ${spec.trainedOn.name}`, card, await classifier.exportTrained());
}

/** The review job's classifier, kept with its figures on the held-out reviews (what the Models view shows). */
export function keepSentimentModel(
  db: EdgeFuseDb,
  workspaceId: string,
  classifier: TextClassifier,
  report: ClassifyReport,
  from: { source: { id: string; name: string }; textColumns: readonly string[]; labelColumn: string; rows: number },
): Promise<RegisteredModel> {
  // With an ensemble of seeds every seed is stored, so the figures are the ensemble's.
  const model = report.model;
  const figures = { accuracy: model.accuracy, macroF1: model.macroF1, auc: model.auc ?? model.aucOneVsRest, baselineAccuracy: report.baseline.accuracy, baselineMacroF1: report.baseline.macroF1 };
  const metrics = Object.fromEntries(Object.entries(figures).filter((e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1])));
  return saveSentimentModel(db, workspaceId, classifier, {
    textColumns: [...from.textColumns], classes: [...report.classes], negativeClass: negativeClassOf(report.classes), labelMap: report.labelMap, trainedOn: { sourceId: from.source.id, name: from.source.name },
  }, { labelColumn: from.labelColumn, rows: from.rows, trainRows: report.rows.train, validationRows: report.rows.validation, metrics, backend: report.backend, steps: report.model.steps });
}

/** Rebuilds a stored sentiment model: per seed, USE-lite (with the same adapters) and the head, with the stored weights assigned. */
export async function loadSentimentModel(db: EdgeFuseDb, modelId: string, readUseLite: ReadFile): Promise<SentimentScorer> {
  const { model: registered, weights } = await loadModel(db, modelId);
  const spec = parseSentimentSpec(registered.card);
  if (tf.getBackend() === 'wasm') speedUpWasmTransposedMatMul();
  const K = spec.classes.length;
  const members: { model: UseLite; head: ClassificationHead }[] = [];
  const dispose = () => {
    for (const { model, head } of members) {
      for (const v of head.weights.values()) v.dispose();
      model.dispose();
    }
  };
  try {
    for (const named of seedWeights(weights, spec.seeds)) {
      const model = await loadUseLite(readUseLite, { lora: classifierLora(spec.fineTune) });
      const head = new ClassificationHead(width, K, spec.fineTune.seed);
      members.push({ model, head });
      // Every stored name must exist with its shape (a card from another model fails here, clearly).
      importWeights(new Map([...model.weights, ...head.weights]), named);
    }
    return {
      model: registered,
      spec,
      predict: predictAveraged(members.map(({ model, head }) => ({
        predict: (texts, options = {}) => classProbabilities(model, head, texts, spec.fineTune.windows, { ...options, message: 'Scoring reviews' }),
      }))),
      dispose,
    };
  } catch (error) {
    dispose();
    throw error;
  }
}
