// Refining m after the training sessions, from the pairs that the *other* fields call matches.
// A session blocked on one key sees only the matches that kept that key, and people who keep their
// e-mail also tend to keep their phone, so its m for the phone is too sure (a changed phone then
// vetoes a match by 6 bits). Here each field's m is its level shares among the pairs whose
// posterior without that field is at least 1/2, weighted by that posterior: leaving the field out
// keeps it from confirming itself, as EM over blocked candidates would.
// A field that no other field can vouch for (the only text field of a product link) learns from
// the 1:1 structure of a link instead: a left row's best candidate that is also that right row's
// best is taken as a match (mutual best, the usual assignment heuristic). Labelled pairs count as
// `labelWeight` pairs of their verdict in both.
import { levelCount } from './compare-field';
import { levelWeight, termFrequencyWeight } from './score';
import type { FieldComparison, LinkModel, PairTable } from './types';

export interface RefineOptions {
  /** Prior probability of a match for two random records. */
  lambda: number;
  labelled: ReadonlyMap<number, boolean>;
  labelWeight: number;
  /** Linking two tables, where most rows match at most one row of the other side. */
  oneToOne: boolean;
  /** Evidence (in pairs) a field needs before its m moves. */
  minPairs: number;
}

/** Per pair, the log2 odds contribution of each field (level weight plus term frequency). */
function fieldWeights(pairs: PairTable, model: LinkModel): Float32Array {
  const F = pairs.fieldCount;
  const table = model.fields.map((field, f) => field.m.map((_, l) => levelWeight(model, f, l)));
  const out = new Float32Array(pairs.count * F);
  for (let i = 0; i < pairs.count; i++) {
    for (let f = 0; f < F; f++) {
      const share = pairs.termShare[i * F + f]!;
      out[i * F + f] = table[f]![pairs.levels[i * F + f]!]! + (share > 0 ? termFrequencyWeight(model, f, share) : 0);
    }
  }
  return out;
}

/** Pairs that are both their left row's and their right row's best (by weight, then similarity). */
export function mutualBest(pairs: PairTable, weight: Float32Array): Uint8Array {
  const bestOf = (rowOf: Uint32Array): Map<number, number> => {
    const best = new Map<number, number>();
    for (let i = 0; i < pairs.count; i++) {
      const r = rowOf[i]!;
      const j = best.get(r);
      if (j === undefined || weight[i]! > weight[j]! || (weight[i] === weight[j] && pairs.similarity[i]! > pairs.similarity[j]!)) best.set(r, i);
    }
    return best;
  };
  const out = new Uint8Array(pairs.count);
  const byA = bestOf(pairs.a);
  const byB = bestOf(pairs.b);
  for (const i of byA.values()) if (byB.get(pairs.b[i]!) === i) out[i] = 1;
  return out;
}

/** Shares of `counts` (level 0 unused) smoothed towards `prior` by one pair's worth. */
function shares(counts: Float64Array, prior: readonly number[]): number[] {
  let total = 1;
  for (let l = 1; l < counts.length; l++) total += counts[l]!;
  return Array.from(counts, (n, l) => (l === 0 ? 1 : (n + prior[l]!) / total));
}

export interface Refined {
  /** New m per field, or null where there was too little evidence to move it. */
  m: (number[] | null)[];
  /** When some field learned from mutual best candidates: how many pairs (labels counted once)
   *  that is, the estimate of how many matches the link holds; else null. */
  matches: number | null;
}

export function refineM(comparisons: readonly FieldComparison[], pairs: PairTable, model: LinkModel, options: RefineOptions): Refined {
  const F = pairs.fieldCount;
  const weights = fieldWeights(pairs, model);
  const prior = Math.log2(options.lambda / (1 - options.lambda));
  const total = new Float32Array(pairs.count);
  for (let i = 0; i < pairs.count; i++) {
    let w = prior;
    for (let f = 0; f < F; f++) w += weights[i * F + f]!;
    total[i] = w;
  }
  const counts = comparisons.map((c) => new Float64Array(levelCount(c)));
  for (let i = 0; i < pairs.count; i++) {
    const label = options.labelled.get(i);
    for (let f = 0; f < F; f++) {
      const level = pairs.levels[i * F + f]!;
      if (level === 0) continue;
      if (label !== undefined) {
        if (label) counts[f]![level]! += options.labelWeight;
        continue;
      }
      const odds = Math.pow(2, total[i]! - weights[i * F + f]!);
      if (odds >= 1) counts[f]![level]! += Number.isFinite(odds) ? odds / (1 + odds) : 1;
    }
  }
  const mass = counts.map((row) => row.reduce((s, x) => s + x, 0));
  const out: (number[] | null)[] = counts.map((row, f) => (mass[f]! >= options.minPairs ? shares(row, model.fields[f]!.m) : null));
  if (!options.oneToOne || out.every((m) => m !== null)) return { m: out, matches: null };
  // Fields nothing else vouches for: mutual best candidates, plus labelled matches.
  const best = mutualBest(pairs, total);
  const fallback = comparisons.map((c) => new Float64Array(levelCount(c)));
  let found = 0;
  let matches = 0;
  for (let i = 0; i < pairs.count; i++) {
    const label = options.labelled.get(i);
    if (label === false || (label === undefined && best[i] === 0)) continue;
    const n = label ? options.labelWeight : 1;
    found += n;
    matches++;
    for (let f = 0; f < F; f++) fallback[f]![pairs.levels[i * F + f]!]! += n;
  }
  if (found < options.minPairs) return { m: out, matches: null };
  return { m: out.map((m, f) => m ?? shares(fallback[f]!, model.fields[f]!.m)), matches };
}
