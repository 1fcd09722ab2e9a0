// Histograms read off a quantile sketch, so they cost nothing extra during the pass and merge
// with it. Bin edges are "nice" (1, 2 or 5 times a power of ten; whole days, weeks, months for
// dates). Counts come from differences of the sketch's rank at each edge, so they sum to n and
// are exact while the sketch is.
import type { QuantileSketch } from './quantile-sketch';
import type { HistogramBin } from './types';

const msPerDay = 86_400_000;
const timeSteps = [
  60_000, 300_000, 900_000, 1_800_000, 3_600_000, 3 * 3_600_000, 6 * 3_600_000, 12 * 3_600_000,
  msPerDay, 2 * msPerDay, 7 * msPerDay, 14 * msPerDay, 30 * msPerDay, 91 * msPerDay, 182 * msPerDay, 365 * msPerDay,
];

/** 1, 2 or 5 times a power of ten, at least span / maxBins. */
export function niceStep(span: number, maxBins: number): number {
  const raw = span / maxBins;
  const power = 10 ** Math.floor(Math.log10(raw));
  const unit = raw / power;
  return (unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10) * power;
}

function timeStep(span: number, maxBins: number): number {
  const raw = span / maxBins;
  return timeSteps.find((s) => s >= raw) ?? Math.ceil(raw / (365 * msPerDay)) * 365 * msPerDay;
}

export type HistogramScale = 'linear' | 'integer' | 'time';

/** Equal-width bins from min to max; whole-number columns with a small range get one bin per value. */
export function histogramFromSketch(sketch: QuantileSketch, maxBins = 20, scale: HistogramScale = 'linear'): HistogramBin[] {
  const min = sketch.min;
  const max = sketch.max;
  if (min === null || max === null) return [];
  if (min === max) return [{ lower: min, upper: max, count: sketch.count }];
  const span = max - min;
  const step = scale === 'time' ? timeStep(span, maxBins) : scale === 'integer' && span < maxBins ? 1 : niceStep(span, maxBins);
  const start = Math.floor(min / step) * step;
  const bins: HistogramBin[] = [];
  let below = 0;
  for (let i = 0; start + i * step <= max; i++) {
    const lower = start + i * step;
    const upper = start + (i + 1) * step;
    const last = upper > max;
    const atUpper = last ? sketch.count : Math.round(sketch.countBelow(upper));
    bins.push({ lower, upper, count: atUpper - below });
    below = atUpper;
    if (last) break;
  }
  return bins;
}
