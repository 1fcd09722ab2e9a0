// Precision and recall at any threshold, estimated from the probabilities alone (no labels): if
// the model is calibrated, the pairs above t hold sum(p) true matches out of their count, and all
// candidates hold sum(p) matches in total. A UI slider reads one point per threshold.

export interface ThresholdPoint {
  threshold: number;
  links: number;
  expectedTruePositives: number;
  expectedPrecision: number;
  expectedRecall: number;
  expectedF1: number;
}

export function thresholdPoint(probability: Float32Array, threshold: number): ThresholdPoint {
  let links = 0;
  let above = 0;
  let total = 0;
  for (let i = 0; i < probability.length; i++) {
    const p = probability[i]!;
    total += p;
    if (p >= threshold) { links++; above += p; }
  }
  const precision = links > 0 ? above / links : 1;
  const recall = total > 0 ? above / total : 1;
  return {
    threshold, links, expectedTruePositives: above, expectedPrecision: precision, expectedRecall: recall,
    expectedF1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0,
  };
}

/** One point per threshold (by default 0.05, 0.10, ... 0.95), sorted once so the cost is one pass. */
export function thresholdCurve(probability: Float32Array, thresholds: readonly number[] = Array.from({ length: 19 }, (_, k) => (k + 1) / 20)): ThresholdPoint[] {
  const sorted = Float32Array.from(probability).sort().reverse();
  let total = 0;
  for (const p of sorted) total += p;
  const points: ThresholdPoint[] = [];
  const order = [...thresholds].sort((x, y) => y - x);
  let k = 0;
  let above = 0;
  for (const threshold of order) {
    while (k < sorted.length && sorted[k]! >= threshold) above += sorted[k++]!;
    const precision = k > 0 ? above / k : 1;
    const recall = total > 0 ? above / total : 1;
    points.push({
      threshold, links: k, expectedTruePositives: above, expectedPrecision: precision, expectedRecall: recall,
      expectedF1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0,
    });
  }
  return points.reverse();
}
