import * as tf from '@tensorflow/tfjs-core';
import { byUser } from './interactions';
import { popularityPercentiles, rankingFigures } from './metrics';
import type { FitOptions, FittedRanker, ModelSettings } from './models';
import { leaveLastOut } from './split';
import { sasrecRanker, trainSasrec } from './sasrec-train';

// SASRec as the paper evaluates it: each user's last training item is the validation target
// (early stopping on validation NDCG@k over the full catalogue), the model trains on the
// histories before it, and at test time it reads the whole training history, validation item
// included, to predict the held-out next item. The history length T defaults to the 95th
// percentile of users' lengths (at most 50): padding costs as much as items.

function historyLength(lengths: number[]): number {
  const sorted = lengths.filter((n) => n > 0).sort((a, b) => a - b);
  const p95 = sorted[Math.floor(0.95 * (sorted.length - 1))] ?? 1;
  return Math.max(4, Math.min(50, p95));
}

export async function fitSasrec(train: Parameters<typeof leaveLastOut>[0], settings: ModelSettings, options: FitOptions & { k: number }): Promise<FittedRanker> {
  const split = leaveLastOut(train);
  const users = byUser(train);
  const lengths = Array.from({ length: train.userIds.length }, (_, u) => users.offsets[u + 1]! - users.offsets[u]!);
  const maxLength = settings.sasrec.maxLength ?? historyLength(lengths);
  const percentiles = popularityPercentiles(split.train);
  const started = performance.now();
  // Small data gets smaller batches: an epoch of fewer than ~20 steps teaches too little between
  // early-stopping checks (margarine's 426 households would be 4 steps of 128).
  const learners = lengths.filter((n) => n >= 3).length;
  const batchSize = settings.sasrecTrain.batchSize ?? Math.max(16, Math.min(128, Math.round(learners / 20)));
  const result = await trainSasrec(split.train, { ...settings.sasrec, maxLength }, { seed: options.seed ?? 1, ...settings.sasrecTrain, batchSize }, {
    signal: options.signal,
    onProgress: options.onProgress,
    validation: {
      every: 2,
      patience: 3,
      score: async (model) => (await rankingFigures(sasrecRanker(model, split.train), split.train, split.test, { k: options.k, percentiles }, { signal: options.signal })).ndcg,
    },
  });
  const score = sasrecRanker(result.model, train);
  const { width, depth, heads, dropout } = result.model.config;
  result.model.dispose();
  const epochMs = result.epochMs.reduce((a, b) => a + b, 0) / Math.max(1, result.epochMs.length);
  return {
    score,
    notes: { backend: tf.getBackend(), maxLength, width, depth, heads, dropout, batchSize, epochs: result.bestEpochs, epochsRun: result.losses.length, validationNdcg: Number((result.bestScore ?? Number.NaN).toFixed(4)), epochMs: Math.round(epochMs), trainMs: Math.round(performance.now() - started) },
  };
}
