// Review intelligence: labels from ratings, splits, the TF-IDF baseline, metrics, fine-tuned
// USE-lite classification, a zero-shot start with an opinion lexicon, active labelling, and
// one end-to-end run (classifyTable). text-classifier, classify and wasm-matmul load tfjs.
export { starLabelMap, parseLabelMap, formatLabelMap, suggestLabelMap, labelsOf, classCounts, isSentiment, type LabelRule, type Labels } from './labels';
export { stratifiedSplit, randomSplit, randomSplitDefaults, holdOutValidation, splitFromColumn, splitParts, type Split, type SplitPart, type RandomSplitOptions } from './split';
export { minimiseLbfgs, lbfgsDefaults, type LbfgsConfig, type LbfgsResult } from './lbfgs';
export { fitLogistic, predictLogistic, logLoss, logisticDefaults, type LogisticConfig, type LogisticModel, type SparseRows } from './logistic-regression';
export {
  wordTokens, fitTfidf, tfidfRows, tfidfDefaults, fitTfidfBaseline, predictTfidfBaseline, topTerms, balancedRowWeights, baselineDefaults,
  type TfidfConfig, type TfidfVectorizer, type TfidfBaseline, type BaselineConfig, type LabelledSet,
} from './tfidf-baseline';
export { evaluateClassifier, argmaxRows, confusionMatrix, classFigures, rocAuc, calibration, type Evaluation, type ClassFigures, type CalibrationBin } from './metrics';
export { fineTuneClassifier, fineTuneDefaults, classWeights, tokenWindows, type FineTuneConfig, type TextClassifier, type WindowedExample } from './text-classifier';
export { zeroShotClassify, zeroShotProbabilities, classPrototypes, defaultDescriptions, sentimentDescriptions, zeroShotDefaults, type ZeroShotConfig, type EmbedTexts } from './zero-shot';
export { uncertainty, uncertaintyKinds, pickForLabelling, pickDefaults, pseudoLabels, type UncertaintyKind, type PickOptions, type PseudoLabels } from './active-learning';
export { blendProbabilities, chooseBlendWeight } from './ensemble';
export { classifyTable, classifyDefaults, checkTextColumns, rowTexts, type ClassifyParams, type ClassifyReport, type ClassifyPredictions, type ClassifyResult } from './classify';
export type { ReviewProgress } from './progress';
export { augmentText, augmentSet, augmentDefaults, type AugmentConfig } from './augment';
export { averageProbabilities, seedEnsemble } from './seed-ensemble';
export { robustClassifyParams, robustnessDefaults, type RobustnessParams } from './robustness';
export { learnFromUserLabels, rememberingEmbedder, labellingDefaults, type LabellingParams, type LabellingSummary, type QueuedReview, type LabellingRun } from './user-labelling';
