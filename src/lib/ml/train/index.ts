// Training on the device: AdamW, LR schedule, heads, the MLM objective, data and one train loop.
export { train, trainConfig, trainDefaults, trainables, trainableWeights, accumulate } from './train';
export type { TrainConfig, TrainEvent, TrainOptions, TrainResult, Trainable } from './train';
export { parseCheckpoint, type Checkpoint } from './checkpoint';
export { AdamW, clipByGlobalNorm, type AdamWConfig, type Grads, type OptimizerState } from './optimizer';
export { lrAt, decays, type Decay, type Schedule } from './schedule';
export { Rng } from './rng';
export { splitValidation, nextBatch, inOrder, padBatch, labelledTexts, taskExamples, type TaskExamples, type Example, type PairExample, type LabelledTexts } from './data';
export {
  ClassificationHead,
  RegressionHead,
  PairHead,
  pairScorings,
  pairLosses,
  softmaxCrossEntropy,
  binaryCrossEntropy,
  textObjective,
  pairObjective,
  encoderEmbedder,
  useLiteEmbedder,
  type PairScoring,
  type PairLoss,
} from './heads';
export { MaskedLm, maskTokens, mlmObjective, mlmOutputs, mlmDefaults, type MlmConfig, type MlmOutput, type MaskedBatch } from './mlm';
export type { Embedder, Objective } from './types';
