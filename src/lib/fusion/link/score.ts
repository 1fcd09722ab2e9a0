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

/** Fills `weight` and `probability` of every pair in place. */
export function scorePairs(pairs: PairTable, model: LinkModel): void {
  const F = pairs.fieldCount;
  const table = model.fields.map((_, f) => model.fields[f]!.m.map((__, l) => levelWeight(model, f, l)));
  const prior = priorWeight(model);
  for (let i = 0; i < pairs.count; i++) {
    let w = prior;
    for (let f = 0; f < F; f++) {
      w += table[f]![pairs.levels[i * F + f]!]!;
      const share = pairs.termShare[i * F + f]!;
      if (share > 0) w += termFrequencyWeight(model, f, share);
    }
    pairs.weight[i] = w;
    pairs.probability[i] = probabilityOf(w);
  }
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
