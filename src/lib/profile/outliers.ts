// Outliers without a second pass. Fences come from the quantile sketch: Tukey's IQR fences
// (q1 - k*IQR, q3 + k*IQR). When half the values or more are equal the IQR is zero (and so is
// the median absolute deviation), so the fallback is the mean absolute deviation around the
// median (read off the sketch's weighted items), scaled to a standard deviation. The count is
// the sketch's weight beyond the fences; example rows come from a small tracker of the most
// extreme values seen, which merges like the sketch does.
import type { QuantileSketch } from './quantile-sketch';
import type { Fences, OutlierSummary } from './types';

/** Tukey's "far out" factor: 1.5 flags too much of the long right tail prices have. */
export const defaultFenceFactor = 3;
/** Mean absolute deviation times this estimates the standard deviation of normal data. */
const meanDeviationToSigma = 1.2533;

/** Mean absolute deviation from `median`, weighted by the sketch's item weights. */
function meanDeviation(sketch: QuantileSketch, median: number): number {
  const { values, weights } = sketch.weightedItems();
  let sum = 0;
  values.forEach((v, i) => {
    sum += Math.abs(v - median) * weights[i]!;
  });
  return sketch.count === 0 ? 0 : sum / sketch.count;
}

export function outlierFences(sketch: QuantileSketch, factor = defaultFenceFactor): Fences | null {
  const q1 = sketch.quantile(0.25);
  const q3 = sketch.quantile(0.75);
  const median = sketch.quantile(0.5);
  if (q1 === null || q3 === null || median === null) return null;
  const iqr = q3 - q1;
  if (iqr > 0) return { lower: q1 - factor * iqr, upper: q3 + factor * iqr, method: 'iqr' };
  const sigma = meanDeviationToSigma * meanDeviation(sketch, median);
  if (sigma > 0) return { lower: median - factor * sigma, upper: median + factor * sigma, method: 'mad' };
  return null;
}

export interface Extreme {
  value: number;
  row: number;
}

/** The `size` smallest and largest values with their rows. */
export class ExtremeTracker {
  readonly size: number;
  #low: Extreme[] = [];
  #high: Extreme[] = [];

  constructor(size = 5) {
    this.size = size;
  }

  add(value: number, row: number): void {
    const low = this.#low;
    const high = this.#high;
    // Most values fall between the kept extremes: nothing to do (and no scans below).
    if (this.size > 0 && low.length === this.size && high.length === this.size && value >= low[low.length - 1]!.value && value <= high[high.length - 1]!.value) return;
    // Merging may offer a row twice (it can sit in both lists of a small tracker).
    if (low.some((e) => e.row === row) || this.#high.some((e) => e.row === row)) return;
    if (low.length < this.size || value < low[low.length - 1]!.value) {
      low.push({ value, row });
      low.sort((a, b) => a.value - b.value || a.row - b.row);
      if (low.length > this.size) low.pop();
    }
    if (high.length < this.size || value > high[high.length - 1]!.value) {
      high.push({ value, row });
      high.sort((a, b) => b.value - a.value || a.row - b.row);
      if (high.length > this.size) high.pop();
    }
  }

  merge(other: ExtremeTracker): void {
    for (const e of [...other.#low, ...other.#high]) this.add(e.value, e.row);
  }

  get lowest(): readonly Extreme[] {
    return this.#low;
  }

  get highest(): readonly Extreme[] {
    return this.#high;
  }
}

export function outlierSummary(sketch: QuantileSketch, extremes: ExtremeTracker, fences: Fences): OutlierSummary {
  const count = Math.round(sketch.countBelow(fences.lower) + (sketch.count - sketch.countAtMost(fences.upper)));
  const examples = [
    ...extremes.highest.filter((e) => e.value > fences.upper),
    ...extremes.lowest.filter((e) => e.value < fences.lower),
  ];
  const exampleRows = [...new Set(examples.map((e) => e.row))].slice(0, extremes.size);
  return { ...fences, count, exampleRows };
}
