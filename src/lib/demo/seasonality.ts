// When orders happen: a weekly rhythm, a yearly one peaking before Christmas, slow growth, and one planted
// anomalous week (pattern (c) in the truth). Searches reuse the same day weights.
import { dayFromIso, isoDate, monthOf, weekday } from './calendar';
import { cumulative, type Random } from './random';
import { firstOrderDay, lastOrderDay } from './timeline';

/** Relative order rate Monday..Sunday: people shop for coffee at the weekend. */
export const weekdayWeights = [0.9, 0.88, 0.94, 1.0, 1.08, 1.22, 1.3] as const;
export const anomalyMultiplier = 3;

export interface Seasonality {
  /** Monday of the anomalous week. */
  anomalyStartDay: number;
  /** Weight of each day from firstOrderDay to lastOrderDay, cumulated for sampling. */
  cum: Float64Array;
  /** Calendar month (1-12) with the most expected orders. */
  peakMonth: number;
}

function yearlyFactor(day: number): number {
  const dayOfYear = day - dayFromIso(`${isoDate(day).slice(0, 4)}-01-01`);
  // A smooth wave peaking mid-December, a summer lull, and a gift-season bump from late November.
  const wave = 1 + 0.3 * Math.cos((2 * Math.PI * (dayOfYear - 350)) / 365.25);
  const giftSeason = dayOfYear >= 326 && dayOfYear <= 356 ? 0.45 : 0;
  return wave + giftSeason;
}

export function dayWeight(day: number, anomalyStartDay: number): number {
  const trend = 1 + (0.25 * (day - firstOrderDay)) / (lastOrderDay - firstOrderDay);
  const anomaly = day >= anomalyStartDay && day < anomalyStartDay + 7 ? anomalyMultiplier : 1;
  return (weekdayWeights[weekday(day)] ?? 1) * yearlyFactor(day) * trend * anomaly;
}

export function planSeasonality(random: Random): Seasonality {
  // The anomaly sits in spring–autumn 2024, away from the gift season, so it can't hide in the yearly peak.
  const firstMonday = dayFromIso('2024-02-05');
  const anomalyStartDay = firstMonday + 7 * random.int(0, 34);
  const weights: number[] = [];
  const byMonth = new Array<number>(13).fill(0);
  for (let day = firstOrderDay; day <= lastOrderDay; day++) {
    const w = dayWeight(day, anomalyStartDay);
    weights.push(w);
    byMonth[monthOf(day)] = (byMonth[monthOf(day)] ?? 0) + w;
  }
  const peakMonth = byMonth.indexOf(Math.max(...byMonth.slice(1)));
  return { anomalyStartDay, cum: cumulative(weights), peakMonth };
}

/** A day in the order period, drawn by the seasonal weights. */
export function sampleDay(random: Random, seasonality: Seasonality): number {
  return firstOrderDay + random.fromCumulative(seasonality.cum);
}

/** Seconds since midnight, busier in the evening. */
export function sampleTimeOfDay(random: Random): number {
  const hour = random.weighted(
    [7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 0, 1],
    [2, 3, 4, 4, 4, 5, 5, 4, 4, 4, 5, 6, 8, 9, 9, 7, 4, 2, 1],
  );
  return hour * 3600 + random.int(0, 3599);
}
