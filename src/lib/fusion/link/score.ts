// Match weights and probabilities from a model: log2 prior odds plus, per field, log2(m/u) of its
// level, plus the term-frequency adjustment on exact agreements: log2(u_exact / share of the
// value), so agreeing on a rare surname counts more than on "Smith" (Splink's tf adjustment).
import { exactLevel } from './compare-field';
import type { LinkModel, PairEvidence, PairTable } from './types';

/** Shares below this are treated as this, so a value seen once cannot dominate. */
const minShare = 1e-6;

export const priorWeight = (model: LinkModel): number => Math.log2(model.lambda / (1 - model.lambda));

export const levelWeight = (model: LinkModel, f: number, level: number): number => {
  const field = model.fields[f]!;
  return level === 0 ? 0 : Math.log2(field.m[level]! / field.u[level]!);
};

export function termFrequencyWeight(model: LinkModel, f: number, share: number): number {
  return share > 0 ? Math.log2(model.fields[f]!.u[exactLevel]! / Math.max(minShare, share)) : 0;
}

export const probabilityOf = (weight: number): number => {
  const odds = Math.pow(2, weight);
  return Number.isFinite(odds) ? odds / (1 + odds) : 1;
};

/** When linking two tables: each left row matches at most one of the right table's rows. */
export interface OneMatchPerLeftRow {
  rightRows: number;
}

/**
 * Fills `weight` and `probability` of every pair in place. With `link`, a left row's candidates
 * compete for its one match: if a row has a match with probability pi = lambda * rightRows, the
 * posterior of candidate b is odds_b / ((1 - pi) + sum of its candidates' odds), so a lone strong
 * candidate rises and one of two look-alikes falls. Rows the blocking left out are taken as
 * having odds ~0. Weights stay the plain log2 odds of each pair.
 */
export function scorePairs(pairs: PairTable, model: LinkModel, link?: OneMatchPerLeftRow): void {
  const F = pairs.fieldCount;
  // table[f * L + level]: the weight of each field's levels, flat so the loop reads one array.
  const L = Math.max(...model.fields.map((field) => field.m.length));
  const table = new Float64Array(F * L);
  const exactU = new Float64Array(F);
  model.fields.forEach((field, f) => {
    for (let l = 0; l < field.m.length; l++) table[f * L + l] = levelWeight(model, f, l);
    exactU[f] = field.u[exactLevel] ?? 1;
  });
  const prior = priorWeight(model);
  const { levels, termShare, weight, probability } = pairs;
  for (let i = 0; i < pairs.count; i++) {
    let w = prior;
    for (let f = 0; f < F; f++) {
      w += table[f * L + levels[i * F + f]!]!;
      const share = termShare[i * F + f]!;
      if (share > 0) w += Math.log2(exactU[f]! / Math.max(minShare, share));
    }
    weight[i] = w;
    probability[i] = probabilityOf(w);
  }
  if (link) competeWithinRows(pairs, Math.min(0.99, model.lambda * link.rightRows));
}

function competeWithinRows(pairs: PairTable, matchShare: number): void {
  const { a, weight, probability } = pairs;
  let rows = 0;
  for (let i = 0; i < pairs.count; i++) rows = Math.max(rows, a[i]! + 1);
  // Per row, the largest weight and the sum of 2^(weight - largest), so no odds overflow.
  const top = new Float64Array(rows).fill(-Infinity);
  for (let i = 0; i < pairs.count; i++) if (weight[i]! > top[a[i]!]!) top[a[i]!] = weight[i]!;
  const denominator = new Float64Array(rows);
  for (let i = 0; i < pairs.count; i++) {
    const odds = Math.exp((weight[i]! - top[a[i]!]!) * Math.LN2);
    probability[i] = odds;
    denominator[a[i]!]! += odds;
  }
  for (let r = 0; r < rows; r++) if (top[r] !== -Infinity) denominator[r]! += (1 - matchShare) * Math.exp(-top[r]! * Math.LN2);
  for (let i = 0; i < pairs.count; i++) probability[i]! /= denominator[a[i]!]!;
}

/** Why pair `i` scored as it did, field by field. */
export function explainPair(pairs: PairTable, model: LinkModel, i: number): PairEvidence {
  const F = pairs.fieldCount;
  return {
    a: pairs.a[i]!,
    b: pairs.b[i]!,
    probability: pairs.probability[i]!,
    weight: pairs.weight[i]!,
    priorWeight: priorWeight(model),
    fields: model.fields.map((field, f) => {
      const level = pairs.levels[i * F + f]!;
      const tfAdjust = termFrequencyWeight(model, f, pairs.termShare[i * F + f]!);
      return { field: field.name, level, label: field.levels[level] ?? String(level), weight: levelWeight(model, f, level) + tfAdjust, tfAdjust };
    }),
  };
}
