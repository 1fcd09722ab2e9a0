// How good a classifier is on held-out rows, from its class probabilities: accuracy, macro-F1,
// ROC-AUC, the confusion matrix and calibration (does "90% sure" come true 90% of the time?).
// Plain loops over typed arrays; probabilities are row-major [N, K].

export interface ClassFigures {
  precision: number;
  recall: number;
  f1: number;
  /** Held-out rows of this class. */
  support: number;
}

/** One reliability bin: rows whose top probability fell in [lower, upper). */
export interface CalibrationBin {
  lower: number;
  upper: number;
  count: number;
  /** Mean top probability in the bin (NaN when empty). */
  confidence: number;
  /** Share of the bin's rows predicted right (NaN when empty). */
  accuracy: number;
}

export interface Evaluation {
  rows: number;
  accuracy: number;
  /** Mean F1 over the classes that occur in the truth or the predictions. */
  macroF1: number;
  /** Binary tasks: ROC-AUC of class 1's probability. Null for more classes or one class present. */
  auc: number | null;
  /** Mean one-vs-rest ROC-AUC over the classes present (equals `auc` for two classes). */
  aucOneVsRest: number | null;
  perClass: ClassFigures[];
  /** confusion[true][predicted] = rows. */
  confusion: number[][];
  calibration: { bins: CalibrationBin[]; ece: number };
}

/** Index of the largest probability per row [N]. */
export function argmaxRows(probabilities: ArrayLike<number>, classCount: number): Int32Array {
  const N = Math.floor(probabilities.length / classCount);
  const out = new Int32Array(N);
  for (let i = 0; i < N; i++) {
    let best = 0;
    for (let k = 1; k < classCount; k++) if ((probabilities[i * classCount + k] as number) > (probabilities[i * classCount + best] as number)) best = k;
    out[i] = best;
  }
  return out;
}

export function confusionMatrix(truth: ArrayLike<number>, predicted: ArrayLike<number>, classCount: number): number[][] {
  const confusion = Array.from({ length: classCount }, () => new Array<number>(classCount).fill(0));
  for (let i = 0; i < truth.length; i++) (confusion[truth[i] as number] as number[])[predicted[i] as number]! += 1;
  return confusion;
}

/** Precision, recall and F1 of each class from a confusion matrix; 0 where undefined (no predictions). */
export function classFigures(confusion: readonly (readonly number[])[]): ClassFigures[] {
  const K = confusion.length;
  return confusion.map((row, k) => {
    const tp = row[k] as number;
    const support = row.reduce((s, x) => s + x, 0);
    let predicted = 0;
    for (let j = 0; j < K; j++) predicted += (confusion[j] as number[])[k] as number;
    const precision = predicted === 0 ? 0 : tp / predicted;
    const recall = support === 0 ? 0 : tp / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { precision, recall, f1, support };
  });
}

/**
 * ROC-AUC as the probability that a random positive outscores a random negative (ties count
 * half): the Mann-Whitney U statistic from average ranks. Null without both kinds of rows.
 */
export function rocAuc(scores: ArrayLike<number>, positive: ArrayLike<boolean>): number | null {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (scores[a] as number) - (scores[b] as number));
  let positives = 0;
  let rankSum = 0;
  for (let start = 0; start < n; ) {
    let end = start;
    while (end + 1 < n && scores[order[end + 1] as number] === scores[order[start] as number]) end++;
    const averageRank = (start + end) / 2 + 1; // ranks are 1-based
    for (let j = start; j <= end; j++) {
      if (positive[order[j] as number]) {
        positives++;
        rankSum += averageRank;
      }
    }
    start = end + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return null;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Reliability bins of the top probability (equal width on [0, 1]) and the expected calibration error. */
export function calibration(truth: ArrayLike<number>, probabilities: ArrayLike<number>, classCount: number, binCount = 10): { bins: CalibrationBin[]; ece: number } {
  const predicted = argmaxRows(probabilities, classCount);
  const count = new Float64Array(binCount);
  const confidenceSum = new Float64Array(binCount);
  const correct = new Float64Array(binCount);
  for (let i = 0; i < predicted.length; i++) {
    const confidence = probabilities[i * classCount + (predicted[i] as number)] as number;
    const bin = Math.min(binCount - 1, Math.floor(confidence * binCount));
    count[bin]! += 1;
    confidenceSum[bin]! += confidence;
    if (predicted[i] === truth[i]) correct[bin]! += 1;
  }
  let ece = 0;
  const bins = Array.from({ length: binCount }, (_, b): CalibrationBin => {
    const n = count[b] as number;
    const confidence = n === 0 ? NaN : (confidenceSum[b] as number) / n;
    const accuracy = n === 0 ? NaN : (correct[b] as number) / n;
    if (n > 0) ece += (n / predicted.length) * Math.abs(accuracy - confidence);
    return { lower: b / binCount, upper: (b + 1) / binCount, count: n, confidence, accuracy };
  });
  return { bins, ece };
}

/** Every figure at once, for held-out truth (class indices) and probabilities [N, K]. */
export function evaluateClassifier(truth: ArrayLike<number>, probabilities: ArrayLike<number>, classCount: number, binCount = 10): Evaluation {
  const N = truth.length;
  const predicted = argmaxRows(probabilities, classCount);
  const confusion = confusionMatrix(truth, predicted, classCount);
  const perClass = classFigures(confusion);
  let right = 0;
  for (let i = 0; i < N; i++) if (predicted[i] === truth[i]) right++;
  const occurring = perClass.filter((c, k) => c.support > 0 || confusion.some((row) => (row[k] as number) > 0));
  const aucOf = (k: number) => rocAuc(Float64Array.from({ length: N }, (_, i) => probabilities[i * classCount + k] as number), Array.from({ length: N }, (_, i) => truth[i] === k));
  const auc = classCount === 2 ? aucOf(1) : null;
  const aucs = classCount === 2 ? [] : Array.from({ length: classCount }, (_, k) => aucOf(k)).filter((a): a is number => a !== null);
  return {
    rows: N,
    accuracy: N === 0 ? NaN : right / N,
    macroF1: occurring.length === 0 ? NaN : occurring.reduce((s, c) => s + c.f1, 0) / occurring.length,
    auc,
    aucOneVsRest: classCount === 2 ? auc : aucs.length === 0 ? null : aucs.reduce((s, a) => s + a, 0) / aucs.length,
    perClass,
    confusion,
    calibration: calibration(truth, probabilities, classCount, binCount),
  };
}
