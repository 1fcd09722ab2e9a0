import { describe, expect, it } from 'vitest';
import { blendProbabilities, chooseBlendWeight } from '../../../src/lib/reviews/ensemble';
import { calibration, confusionMatrix, evaluateClassifier, rocAuc } from '../../../src/lib/reviews/metrics';

// Every figure against values worked out by hand (in the comments) on six rows and three classes.
//   truth      0    0    0    1    1    2
//   predicted  0    0    1    1    2    2      (the argmax of each row below)
//   confidence .95  .62  .66  .82  .45  .84
const truth = [0, 0, 0, 1, 1, 2];
const probabilities = Float64Array.from([
  0.95, 0.03, 0.02,
  0.62, 0.3, 0.08,
  0.3, 0.66, 0.04,
  0.1, 0.82, 0.08,
  0.2, 0.35, 0.45,
  0.06, 0.1, 0.84,
]);

describe('classification metrics', () => {
  it('confusion matrix, accuracy, per-class and macro F1', () => {
    const e = evaluateClassifier(truth, probabilities, 3);
    expect(e.confusion).toEqual([[2, 1, 0], [0, 1, 1], [0, 0, 1]]);
    expect(e.accuracy).toBeCloseTo(4 / 6, 12);
    // class 0: P 2/2, R 2/3, F1 0.8; class 1: P 1/2, R 1/2, F1 0.5; class 2: P 1/2, R 1/1, F1 2/3
    expect(e.perClass.map((c) => c.f1)).toEqual([expect.closeTo(0.8, 12), expect.closeTo(0.5, 12), expect.closeTo(2 / 3, 12)]);
    expect(e.perClass.map((c) => c.support)).toEqual([3, 2, 1]);
    expect(e.macroF1).toBeCloseTo((0.8 + 0.5 + 2 / 3) / 3, 12);
  });

  it('one-vs-rest AUC: class 0 and 2 separate perfectly, class 1 loses one pair of eight', () => {
    const e = evaluateClassifier(truth, probabilities, 3);
    expect(e.auc).toBeNull();
    expect(e.aucOneVsRest).toBeCloseTo((1 + 7 / 8 + 1) / 3, 12);
  });

  it('binary ROC-AUC, with ties counted half', () => {
    expect(rocAuc([0.1, 0.4, 0.35, 0.8], [false, false, true, true])).toBeCloseTo(0.75, 12);
    // positives 0.5 and 0.9 against negatives 0.5 and 0.5: 0.5 + 0.5 + 1 + 1 of 4 pairs
    expect(rocAuc([0.5, 0.5, 0.5, 0.9], [false, true, false, true])).toBeCloseTo(0.75, 12);
    expect(rocAuc([0.2, 0.3], [true, true])).toBeNull();
    const binary = evaluateClassifier([0, 0, 1, 1], Float64Array.from([0.9, 0.1, 0.6, 0.4, 0.65, 0.35, 0.2, 0.8]), 2);
    expect(binary.auc).toBeCloseTo(0.75, 12); // class-1 scores 0.1, 0.4, 0.35, 0.8
    expect(binary.aucOneVsRest).toBe(binary.auc);
  });

  it('calibration bins and expected calibration error', () => {
    const { bins, ece } = calibration(truth, probabilities, 3);
    const filled = bins.filter((b) => b.count > 0).map((b) => ({ lower: b.lower, count: b.count, confidence: b.confidence, accuracy: b.accuracy }));
    expect(filled).toEqual([
      { lower: 0.4, count: 1, confidence: expect.closeTo(0.45, 12), accuracy: 0 },
      { lower: 0.6, count: 2, confidence: expect.closeTo(0.64, 12), accuracy: 0.5 },
      { lower: 0.8, count: 2, confidence: expect.closeTo(0.83, 12), accuracy: 1 },
      { lower: 0.9, count: 1, confidence: expect.closeTo(0.95, 12), accuracy: 1 },
    ]);
    // (1·0.45 + 2·0.14 + 2·0.17 + 1·0.05) / 6
    expect(ece).toBeCloseTo(1.12 / 6, 12);
    expect(bins).toHaveLength(10);
    expect(Number.isNaN(bins[0]!.confidence)).toBe(true);
  });

  it('confusionMatrix counts truth by row and prediction by column', () => {
    expect(confusionMatrix([1, 1, 0], [0, 1, 0], 2)).toEqual([[1, 0], [1, 1]]);
  });
});

describe('ensemble of two classifiers', () => {
  it('blends probabilities and picks the weight with the lowest validation log loss', () => {
    const right = [0.9, 0.1, 0.2, 0.8];
    const wrong = [0.4, 0.6, 0.6, 0.4];
    expect(Array.from(blendProbabilities(right, wrong, 0.25))).toEqual([expect.closeTo(0.525, 6), expect.closeTo(0.475, 6), expect.closeTo(0.5, 6), expect.closeTo(0.5, 6)]);
    expect(chooseBlendWeight(right, wrong, [0, 1], 2).weight).toBe(1);
    expect(chooseBlendWeight(wrong, right, [0, 1], 2).weight).toBe(0);
    // Each model sure and right on one row, unsure on the other: the even blend is best.
    const a = [0.99, 0.01, 0.5, 0.5];
    const b = [0.5, 0.5, 0.01, 0.99];
    expect(chooseBlendWeight(a, b, [0, 1], 2).weight).toBe(0.5);
  });
});
