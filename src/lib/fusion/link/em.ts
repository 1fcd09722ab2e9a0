// Expectation-maximisation for the Fellegi-Sunter model (Winkler 1988, as in Splink). Pairs with
// the same comparison vector behave identically, so EM runs over distinct vectors with counts:
// millions of pairs shrink to a few hundred patterns. u stays as estimated from random pairs;
// one field can be left out (the one a training session is blocked on, see train-model.ts);
// labelled pairs enter with their posterior fixed at 1 or 0.
import { levelCount } from './compare-field';
import type { FieldComparison, LinkModel, PairTable } from './types';

/** Distinct comparison vectors of (some of) a pair table with how often each occurs. */
export interface PatternCounts {
  /** levels[p * fieldCount + f]. */
  levels: Uint8Array;
  counts: Float64Array;
  /** Fixed posterior per pattern (NaN = estimate it); labelled pairs get patterns of their own. */
  fixed: Float64Array;
  fieldCount: number;
}

export function patternCounts(
  pairs: PairTable, labelled: ReadonlyMap<number, boolean> = new Map(), labelWeight = 1, keep: (i: number) => boolean = () => true,
): PatternCounts {
  const F = pairs.fieldCount;
  const byKey = new Map<string, number>();
  const levels: number[] = [];
  const counts: number[] = [];
  const fixed: number[] = [];
  for (let i = 0; i < pairs.count; i++) {
    if (!keep(i)) continue;
    const label = labelled.get(i);
    let key = label === undefined ? '' : label ? 'M' : 'N';
    for (let f = 0; f < F; f++) key += String.fromCharCode(65 + pairs.levels[i * F + f]!);
    let p = byKey.get(key);
    if (p === undefined) {
      p = counts.length;
      byKey.set(key, p);
      for (let f = 0; f < F; f++) levels.push(pairs.levels[i * F + f]!);
      counts.push(0);
      fixed.push(label === undefined ? NaN : label ? 1 : 0);
    }
    counts[p]! += label === undefined ? 1 : labelWeight;
  }
  return { levels: Uint8Array.from(levels), counts: Float64Array.from(counts), fixed: Float64Array.from(fixed), fieldCount: F };
}

/** Starting m: most matches agree exactly, fewer at each weaker level. */
export function initialM(c: FieldComparison): number[] {
  const n = levelCount(c);
  const raw = Array.from({ length: n }, (_, l) => (l === 0 ? 0 : Math.pow(0.35, l - 1)));
  const total = raw.reduce((s, x) => s + x, 0);
  return raw.map((x, l) => (l === 0 ? 1 : x / total));
}

const floor = 1e-6;

export interface EmOptions {
  iterations: number;
  tolerance: number;
  /** A field that says nothing here (the session is blocked on it); its m is kept. */
  exclude: number;
}

export interface EmFit {
  model: LinkModel;
  /** Expected matches among the patterns' pairs. */
  expectedMatches: number;
}

/** P(match | pattern p) under the model with prior `lambda`, leaving out field `exclude`. */
export function posteriorOf(patterns: PatternCounts, p: number, model: LinkModel, lambda: number, exclude = -1): number {
  const fixed = patterns.fixed[p]!;
  if (!Number.isNaN(fixed)) return fixed;
  const F = patterns.fieldCount;
  let odds = lambda / (1 - lambda);
  for (let f = 0; f < F; f++) {
    const l = patterns.levels[p * F + f]!;
    if (l !== 0 && f !== exclude) odds *= model.fields[f]!.m[l]! / model.fields[f]!.u[l]!;
  }
  return Number.isFinite(odds) ? odds / (1 + odds) : 1;
}

/** EM for m and the patterns' own match share; u is fixed. */
export function runEm(comparisons: readonly FieldComparison[], patterns: PatternCounts, start: LinkModel, lambda: number, options: EmOptions): EmFit {
  const F = comparisons.length;
  let model: LinkModel = { ...start, fields: start.fields.map((f) => ({ ...f, m: [...f.m] })) };
  const P = patterns.counts.length;
  let iterations = 0;
  let converged = false;
  let matches = 0;
  while (iterations < options.iterations && !converged) {
    iterations++;
    const mCount = comparisons.map((c) => new Float64Array(levelCount(c)));
    matches = 0;
    let total = 0;
    for (let p = 0; p < P; p++) {
      const n = patterns.counts[p]!;
      const w = posteriorOf(patterns, p, model, lambda, options.exclude);
      matches += n * w;
      total += n;
      for (let f = 0; f < F; f++) mCount[f]![patterns.levels[p * F + f]!]! += n * w;
    }
    let change = 0;
    const fields = model.fields.map((field, f) => {
      if (f === options.exclude) return field;
      const row = mCount[f]!;
      let sum = 0;
      for (let l = 1; l < row.length; l++) sum += row[l]!;
      const m = Array.from(row, (x, l) => (l === 0 ? 1 : sum > 0 ? Math.max(floor, x / sum) : field.m[l]!));
      m.forEach((x, l) => { change = Math.max(change, Math.abs(x - field.m[l]!)); });
      return { ...field, m };
    });
    const nextLambda = Math.min(1 - floor, Math.max(floor, matches / Math.max(1, total)));
    change = Math.max(change, Math.abs(nextLambda - lambda));
    lambda = nextLambda;
    model = { ...model, fields };
    converged = change < options.tolerance;
  }
  return { model: { ...model, iterations, converged }, expectedMatches: matches };
}
