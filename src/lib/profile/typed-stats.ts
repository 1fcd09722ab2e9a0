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
import type { ParsedDate } from './parse-date';
import type { ParsedNumber } from './parse-number';
import type { TypedCell } from './read-cell';
import type { DateSummary, NumericSummary, OutlierSummary, Quantiles } from './types';

/** Formats counted apart before they go to the format counter. */
const recentFormatSlots = 4;

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
  readonly #formats = new TopValues(32);
  readonly #currencies = new TopValues(16);
  /**
   * Cells of a column mostly share a few formats and one currency: the last few formats seen
   * are counted here (compared by identity first: the fast parsers return constant strings)
   * and handed to the counters as weighted adds (same counts, far fewer map updates).
   */
  readonly #recentFormats: string[] = [];
  readonly #recentCounts: number[] = [];
  #runCurrency = '';
  #runCurrencies = 0;
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

  /** Per-cell formats (`YYYY-MM-DD`, `$1234.56`) by count; runs folded in first. */
  get formats(): TopValues {
    this.#flushRuns();
    return this.#formats;
  }

  /** Currencies of money cells by count. */
  get currencies(): TopValues {
    this.#flushRuns();
    return this.#currencies;
  }

  #flushRuns(): void {
    const formats = this.#recentFormats;
    for (let i = 0; i < formats.length; i++) this.#formats.add(formats[i]!, this.#recentCounts[i]!);
    formats.length = 0;
    this.#recentCounts.length = 0;
    if (this.#runCurrencies > 0) this.#currencies.add(this.#runCurrency, this.#runCurrencies);
    this.#runCurrencies = 0;
  }

  #addFormat(format: string): void {
    const formats = this.#recentFormats;
    for (let i = 0; i < formats.length; i++) {
      if (formats[i] === format) {
        this.#recentCounts[i]!++;
        return;
      }
    }
    if (formats.length === recentFormatSlots) this.#flushRuns();
    formats.push(format);
    this.#recentCounts.push(1);
  }

  addNumber(parsed: ParsedNumber, row: number): void {
    const value = parsed.value;
    this.moments.add(value);
    this.sketch.add(value);
    this.extremes.add(value, row);
    if (value < 0) this.negatives++;
    else if (value === 0) this.zeros++;
    if (parsed.decimalMark === '.') this.decimalPoint++;
    else if (parsed.decimalMark === ',') this.decimalComma++;
    const currency = parsed.currency;
    if (currency) {
      if (currency !== this.#runCurrency) {
        if (this.#runCurrencies > 0) this.#currencies.add(this.#runCurrency, this.#runCurrencies);
        this.#runCurrency = currency;
        this.#runCurrencies = 0;
      }
      this.#runCurrencies++;
    }
    this.#addFormat(parsed.style);
  }

  addDate(date: ParsedDate): void {
    this.moments.add(date.ms);
    this.sketch.add(date.ms);
    if (date.hasTime) this.withTime++;
    this.#addFormat(date.format);
  }

  addBoolean(value: boolean): void {
    if (value) this.trueCount++;
    else this.falseCount++;
  }

  addInvalid(row: number): void {
    this.invalid++;
    if (this.invalidRows.length < exampleLimit) this.invalidRows.push(row);
  }

  add(cell: TypedCell, row: number): void {
    switch (cell.kind) {
      case 'number': return this.addNumber(cell.parsed, row);
      case 'date': return this.addDate(cell.date);
      case 'boolean': return this.addBoolean(cell.value);
      case 'invalid': return this.addInvalid(row);
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
