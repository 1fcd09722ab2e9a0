// Sentiment over time: the share of negative reviews per week or month, overall and per product
// and category, with a Wilson interval; and alerts when a bucket's negative share rises above its
// own trailing baseline by more than chance allows.
//
// The test, per bucket t of a series with n reviews of which k are negative: the baseline is the
// series' previous `baselineBuckets` buckets (nB reviews, kB negative; half a year by default)
// plus `priorReviews` pseudo-reviews at the overall rate, so a thin baseline of 0 negatives does
// not read as 0%: p0 = (kB + prior·overall) / (nB + prior). Alert when P(X ≥ k | X ~ Binomial(n, p0)) < alpha,
// with at least minReviews, minNegatives and minBaselineReviews. The rate, not the count, is
// tested, so a busy season (more reviews of every kind) raises no alert. z is reported beside
// the exact p because people read it more easily.
import { AppError } from '../errors';
import { binomialUpperTail, wilsonInterval } from './monitor-stats';
import { checkedOptions } from './topics-options';

export const monitorPeriods = ['week', 'month'] as const;
export type MonitorPeriod = (typeof monitorPeriods)[number];
export const monitorLevels = ['all', 'product', 'category'] as const;
export type MonitorLevel = (typeof monitorLevels)[number];

export interface MonitorOptions {
  period: MonitorPeriod;
  /** Buckets before the tested one that form its baseline; null: about half a year (6 months, 26 weeks). */
  baselineBuckets: number | null;
  /** Pseudo-reviews at the overall negative rate added to every baseline. */
  priorReviews: number;
  /** A bucket is tested only with at least this many reviews … */
  minReviews: number;
  /** … this many negative ones … */
  minNegatives: number;
  /** … and this many reviews in its baseline (a product's first weeks are not a "rise"). */
  minBaselineReviews: number;
  /** One-sided p below which a bucket raises an alert. */
  alpha: number;
  /** Products and categories with fewer reviews get no series (and no alerts). */
  minSeriesReviews: number;
  /** z of the confidence interval of each bucket's share (1.96: 95%). */
  intervalZ: number;
}

export const defaultMonitorOptions: Readonly<MonitorOptions> = Object.freeze({
  period: 'month' as MonitorPeriod,
  baselineBuckets: null,
  priorReviews: 10,
  minReviews: 5,
  minNegatives: 4,
  minBaselineReviews: 10,
  alpha: 0.001,
  minSeriesReviews: 15,
  intervalZ: 1.96,
});

export interface MonitorInput {
  /** When each review was written: ISO 8601 text or epoch milliseconds; missing or unreadable rows are skipped. */
  times: readonly (string | number | null | undefined)[];
  /** 1 for a negative review, 0 otherwise, NaN when unknown (skipped). */
  negative: ArrayLike<number>;
  product?: readonly (string | null | undefined)[];
  category?: readonly (string | null | undefined)[];
}

/** One series as columns over the result's buckets. */
export interface Series {
  level: MonitorLevel;
  group: string;
  reviews: Int32Array;
  negatives: Int32Array;
  /** Wilson interval of negatives / reviews (0 and 1 where a bucket is empty). */
  low: Float32Array;
  high: Float32Array;
}

export interface Alert {
  level: MonitorLevel;
  group: string;
  /** The bucket's label ("2024-02", or the Monday "2024-02-05") and its index. */
  period: string;
  bucket: number;
  reviews: number;
  negatives: number;
  rate: number;
  baselineRate: number;
  baselineReviews: number;
  /** Negative reviews expected at the baseline rate. */
  expected: number;
  z: number;
  pValue: number;
}

export interface MonitorResult {
  period: MonitorPeriod;
  /** Bucket labels and starts (epoch ms, UTC), contiguous from the first review to the last. */
  periods: string[];
  starts: Float64Array;
  series: Series[];
  /** Strongest first (smallest p). */
  alerts: Alert[];
  /** Negative share over every review with a time. */
  overallRate: number;
  skipped: number;
}

const dayMs = 86_400_000;

/** The bucket a time falls in, as an integer (months since 1970, or weeks since the Monday 1969-12-29). */
function bucketOf(ms: number, period: MonitorPeriod): number {
  if (period === 'month') {
    const d = new Date(ms);
    return (d.getUTCFullYear() - 1970) * 12 + d.getUTCMonth();
  }
  return Math.floor((ms + 3 * dayMs) / (7 * dayMs)); // 1970-01-01 was a Thursday
}

function bucketStart(bucket: number, period: MonitorPeriod): number {
  return period === 'month' ? Date.UTC(1970 + Math.floor(bucket / 12), bucket % 12, 1) : bucket * 7 * dayMs - 3 * dayMs;
}

const label = (start: number, period: MonitorPeriod) => new Date(start).toISOString().slice(0, period === 'month' ? 7 : 10);

function timeOf(value: string | number | null | undefined): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') return Date.parse(value);
  return NaN;
}

export function monitorSentiment(input: MonitorInput, overrides: Partial<MonitorOptions> = {}): MonitorResult {
  const o = checkedOptions(defaultMonitorOptions, overrides, 'monitoring');
  if (!monitorPeriods.includes(o.period)) throw new AppError('input-malformed', `The monitoring period must be one of ${monitorPeriods.join(', ')}; got "${o.period}".`, { period: o.period });
  const N = input.times.length;
  for (const [what, column] of [['negative', input.negative], ['product', input.product], ['category', input.category]] as const) {
    if (column && column.length !== N) throw new AppError('input-malformed', `Expected one ${what} value per review (${N}), got ${column.length}.`);
  }

  // Bucket of every usable review; -1 for the skipped.
  const bucket = new Int32Array(N).fill(-1);
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < N; i++) {
    const ms = timeOf(input.times[i]);
    if (!Number.isFinite(ms) || !Number.isFinite(input.negative[i] as number)) continue;
    const b = bucketOf(ms, o.period);
    bucket[i] = b;
    first = Math.min(first, b);
    last = Math.max(last, b);
  }
  const B = Number.isFinite(first) ? last - first + 1 : 0;
  const starts = Float64Array.from({ length: B }, (_, b) => bucketStart(first + b, o.period));
  const periods = Array.from(starts, (s) => label(s, o.period));
  let used = 0;
  let negativeTotal = 0;
  for (let i = 0; i < N; i++) {
    if (bucket[i] === -1) continue;
    bucket[i] = (bucket[i] as number) - first;
    used++;
    negativeTotal += (input.negative[i] as number) > 0 ? 1 : 0;
  }
  const overallRate = used > 0 ? negativeTotal / used : 0;

  const series: Series[] = [];
  const groupings: [MonitorLevel, readonly (string | null | undefined)[] | undefined][] = [['all', undefined], ['product', input.product], ['category', input.category]];
  for (const [level, groupOf] of groupings) {
    if (level !== 'all' && !groupOf) continue;
    const byGroup = new Map<string, { reviews: Int32Array; negatives: Int32Array; total: number }>();
    for (let i = 0; i < N; i++) {
      const b = bucket[i] as number;
      const name = level === 'all' ? 'all reviews' : groupOf?.[i];
      if (b < 0 || name === null || name === undefined || name === '') continue;
      let s = byGroup.get(name);
      if (!s) byGroup.set(name, (s = { reviews: new Int32Array(B), negatives: new Int32Array(B), total: 0 }));
      s.reviews[b]!++;
      s.negatives[b]! += (input.negative[i] as number) > 0 ? 1 : 0;
      s.total++;
    }
    for (const [group, s] of byGroup) {
      if (level !== 'all' && s.total < o.minSeriesReviews) continue;
      const low = new Float32Array(B);
      const high = new Float32Array(B);
      for (let b = 0; b < B; b++) ({ low: low[b], high: high[b] } = wilsonInterval(s.negatives[b] as number, s.reviews[b] as number, o.intervalZ));
      series.push({ level, group, reviews: s.reviews, negatives: s.negatives, low, high });
    }
  }

  const window = o.baselineBuckets ?? (o.period === 'month' ? 6 : 26);
  if (!Number.isInteger(window) || window < 1) throw new AppError('input-malformed', `baselineBuckets must be a positive whole number; got ${window}.`, { baselineBuckets: window });
  const alerts = series.flatMap((s) => seriesAlerts(s, periods, overallRate, { ...o, baselineBuckets: window }));
  alerts.sort((a, b) => a.pValue - b.pValue || b.z - a.z);
  return { period: o.period, periods, starts, series, alerts, overallRate, skipped: N - used };
}

/** Buckets of one series whose negative share rises above its trailing baseline. */
export function seriesAlerts(s: Series, periods: readonly string[], overallRate: number, o: MonitorOptions & { baselineBuckets: number }): Alert[] {
  const alerts: Alert[] = [];
  for (let t = 0; t < s.reviews.length; t++) {
    const n = s.reviews[t] as number;
    const k = s.negatives[t] as number;
    if (n < o.minReviews || k < o.minNegatives) continue;
    let nB = 0;
    let kB = 0;
    for (let b = Math.max(0, t - o.baselineBuckets); b < t; b++) {
      nB += s.reviews[b] as number;
      kB += s.negatives[b] as number;
    }
    if (nB < o.minBaselineReviews) continue;
    const p0 = (kB + o.priorReviews * overallRate) / (nB + o.priorReviews);
    const pValue = binomialUpperTail(k, n, p0);
    if (pValue >= o.alpha) continue;
    const expected = n * p0;
    alerts.push({
      level: s.level,
      group: s.group,
      period: periods[t] as string,
      bucket: t,
      reviews: n,
      negatives: k,
      rate: k / n,
      baselineRate: p0,
      baselineReviews: nB,
      expected,
      z: (k - expected) / Math.sqrt(Math.max(expected * (1 - p0), 1e-12)),
      pValue,
    });
  }
  return alerts;
}
