// Statistics of a column's parsed cells (numbers, dates or booleans, per its decided type):
// moments, a quantile sketch (quantiles, histogram, outliers), extremes with their rows, and the
// per-cell format counts. Everything merges, so two halves profiled apart add up to the whole.
import { histogramFromSketch } from './histogram';
import { ExtremeTracker, outlierFences, outlierSummary } from './outliers';
import { isoFromMs } from './parse-date';
import { QuantileSketch } from './quantile-sketch';
import { RunningMoments } from './moments';
import { TopValues } from './top-values';
import { quantileKeys, quantileLevels } from './types';
import type { TypedCell } from './read-cell';
import type { DateSummary, NumericSummary, OutlierSummary, Quantiles } from './types';

/** Rows kept as examples of invalid cells. */
const exampleLimit = 5;

/** Rounds away float noise (12 significant digits) so stored profiles and golden files are stable. */
export const tidy = (x: number): number => (Number.isFinite(x) ? Number(x.toPrecision(12)) : 0);

export interface TypedStatsOptions {
  sketchK: number;
  histogramBins: number;
  /** Whole-number columns get one histogram bin per value when the range is small. */
  integer: boolean;
}

export class TypedStats {
  readonly options: TypedStatsOptions;
  readonly moments = new RunningMoments();
  readonly sketch: QuantileSketch;
  readonly extremes = new ExtremeTracker(exampleLimit);
  readonly formats = new TopValues(32);
  readonly currencies = new TopValues(16);
  negatives = 0;
  zeros = 0;
  decimalPoint = 0;
  decimalComma = 0;
  withTime = 0;
  trueCount = 0;
  falseCount = 0;
  invalid = 0;
  invalidRows: number[] = [];

  constructor(options: TypedStatsOptions) {
    this.options = options;
    this.sketch = new QuantileSketch(options.sketchK);
  }

  add(cell: TypedCell, row: number): void {
    switch (cell.kind) {
      case 'number': {
        const { value, parsed } = cell;
        this.moments.add(value);
        this.sketch.add(value);
        this.extremes.add(value, row);
        if (value < 0) this.negatives++;
        else if (value === 0) this.zeros++;
        if (parsed.decimalMark === '.') this.decimalPoint++;
        else if (parsed.decimalMark === ',') this.decimalComma++;
        if (parsed.currency) this.currencies.add(parsed.currency);
        this.formats.add(parsed.style);
        return;
      }
      case 'date':
        this.moments.add(cell.date.ms);
        this.sketch.add(cell.date.ms);
        if (cell.date.hasTime) this.withTime++;
        this.formats.add(cell.date.format);
        return;
      case 'boolean':
        if (cell.value) this.trueCount++;
        else this.falseCount++;
        return;
      case 'invalid':
        this.invalid++;
        if (this.invalidRows.length < exampleLimit) this.invalidRows.push(row);
        return;
      case 'missing':
      case 'text':
        return;
    }
  }

  merge(other: TypedStats): void {
    this.moments.merge(other.moments);
    this.sketch.merge(other.sketch);
    this.extremes.merge(other.extremes);
    this.formats.merge(other.formats);
    this.currencies.merge(other.currencies);
    this.negatives += other.negatives;
    this.zeros += other.zeros;
    this.decimalPoint += other.decimalPoint;
    this.decimalComma += other.decimalComma;
    this.withTime += other.withTime;
    this.trueCount += other.trueCount;
    this.falseCount += other.falseCount;
    this.invalid += other.invalid;
    this.invalidRows = [...this.invalidRows, ...other.invalidRows].sort((a, b) => a - b).slice(0, exampleLimit);
  }

  #quantiles(): Quantiles {
    const out = {} as Quantiles;
    for (const key of quantileKeys) out[key] = tidy(this.sketch.quantile(quantileLevels[key]) ?? 0);
    return out;
  }

  numeric(): NumericSummary | null {
    const m = this.moments;
    if (m.count === 0) return null;
    return {
      count: m.count,
      min: m.min,
      max: m.max,
      mean: tidy(m.mean),
      std: tidy(m.std),
      sum: tidy(m.sum),
      negatives: this.negatives,
      zeros: this.zeros,
      quantiles: this.#quantiles(),
      quantilesExact: this.sketch.exact,
      histogram: histogramFromSketch(this.sketch, this.options.histogramBins, this.options.integer ? 'integer' : 'linear')
        .map((b) => ({ lower: tidy(b.lower), upper: tidy(b.upper), count: b.count })),
      decimalPoint: this.decimalPoint,
      decimalComma: this.decimalComma,
      currencies: this.currencies.top(10),
    };
  }

  outliers(): OutlierSummary | null {
    const fences = outlierFences(this.sketch);
    if (fences === null) return null;
    const summary = outlierSummary(this.sketch, this.extremes, fences);
    return { ...summary, lower: tidy(summary.lower), upper: tidy(summary.upper) };
  }

  dates(): DateSummary | null {
    const m = this.moments;
    if (m.count === 0) return null;
    return {
      count: m.count,
      minMs: m.min,
      maxMs: m.max,
      min: isoFromMs(m.min, this.withTime > 0),
      max: isoFromMs(m.max, this.withTime > 0),
      withTime: this.withTime,
      histogram: histogramFromSketch(this.sketch, this.options.histogramBins, 'time'),
    };
  }
}
