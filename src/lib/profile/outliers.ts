// Outliers without a second pass. Fences come from the quantile sketch: Tukey's IQR fences
// (q1 - k*IQR, q3 + k*IQR). When half the values or more are equal the IQR is zero (and so is
// the median absolute deviation), so the fallback is the mean absolute deviation around the
// median (read off the sketch's weighted items), scaled to a standard deviation. That deviation
// is tiny when most values are equal, so its fences catch every other value: they stand only
// if what lies beyond is rare (a shelf price of 1.19 in 4,030 of 4,470 weeks makes the other
// 440 a second mode, not outliers). A column of two values (0/1 flags) has no outliers at all.
// The count is the sketch's weight beyond the fences (exact while the sketch counts exactly);
// example rows come from a small tracker of the most extreme values seen, which merges like
// the sketch does.
import type { QuantileSketch } from './quantile-sketch';
import type { Fences, OutlierSummary } from './types';

/** Tukey's "far out" factor: 1.5 flags too much of the long right tail prices have. */
export const defaultFenceFactor = 3;
/** Mean absolute deviation times this estimates the standard deviation of normal data. */
const meanDeviationToSigma = 1.2533;
/** Past this share of the values, what the fallback fences flag is a mode of its own. */
const fallbackMaxShare = 0.01;

/** Mean absolute deviation from `median`, weighted by the sketch's item weights. */
function meanDeviation(sketch: QuantileSketch, median: number): number {
  const { values, weights } = sketch.weightedItems();
  let sum = 0;
  values.forEach((v, i) => {
    sum += Math.abs(v - median) * weights[i]!;
  });
  return sketch.count === 0 ? 0 : sum / sketch.count;
}

/** Whether the sketch holds at most two distinct values (a flag, a yes/no answer). */
function isBinary(sketch: QuantileSketch): boolean {
  const { values } = sketch.weightedItems();
  let distinct = 0;
  // Sorted, so a new value is one that differs from its predecessor.
  for (let i = 0; i < values.length && distinct <= 2; i++) if (i === 0 || values[i] !== values[i - 1]) distinct++;
  return distinct <= 2;
}

/** Weight of the sketch strictly outside lower..upper. */
function countOutside(sketch: QuantileSketch, lower: number, upper: number): number {
  return sketch.countBelow(lower) + (sketch.count - sketch.countAtMost(upper));
}

export function outlierFences(sketch: QuantileSketch, factor = defaultFenceFactor): Fences | null {
  if (isBinary(sketch)) return null;
  const q1 = sketch.quantile(0.25);
  const q3 = sketch.quantile(0.75);
  const median = sketch.quantile(0.5);
  if (q1 === null || q3 === null || median === null) return null;
  const iqr = q3 - q1;
  if (iqr > 0) return { lower: q1 - factor * iqr, upper: q3 + factor * iqr, method: 'iqr' };
  const sigma = meanDeviationToSigma * meanDeviation(sketch, median);
  if (sigma === 0) return null;
  const fences: Fences = { lower: median - factor * sigma, upper: median + factor * sigma, method: 'mad' };
  return countOutside(sketch, fences.lower, fences.upper) <= fallbackMaxShare * sketch.count ? fences : null;
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
  const count = Math.round(countOutside(sketch, fences.lower, fences.upper));
  const examples = [
    ...extremes.highest.filter((e) => e.value > fences.upper),
    ...extremes.lowest.filter((e) => e.value < fences.lower),
  ];
  const exampleRows = [...new Set(examples.map((e) => e.row))].slice(0, extremes.size);
  return { ...fences, count, exampleRows };
}
