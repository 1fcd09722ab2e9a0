// Refining m after the training sessions, from the pairs that the *other* fields call matches.
// A session blocked on one key sees only the matches that kept that key, and people who keep their
// e-mail also tend to keep their phone, so its m for the phone is too sure (a changed phone then
// vetoes a match by 6 bits). Here each field's m is its level shares among the pairs whose
// posterior without that field is at least 1/2, weighted by that posterior: leaving the field out
// keeps it from confirming itself, as EM over blocked candidates would.
// A field that no other field can vouch for (the only text field of a product link) learns from
// the 1:1 structure of a link instead: a left row's best candidate that is also that right row's
// best is taken as a match (mutual best, the usual assignment heuristic). A labelled match counts
// as `labelWeight` pairs in both; where neither source has enough, labels alone move m.
import { levelCount } from './compare-field';
import { levelWeight, termFrequencyWeight, type OneMatchPerLeftRow } from './score';
import type { FieldComparison, LinkModel, PairTable } from './types';

export interface RefineOptions {
  /** Prior probability of a match for two random records. */
  lambda: number;
  labelled: ReadonlyMap<number, boolean>;
  labelWeight: number;
  /** Set when linking two tables: each left row matches at most one right row. */
  link: OneMatchPerLeftRow | undefined;
  /** Evidence (in pairs) a field needs before its m moves. */
  minPairs: number;
}

/** Per pair, the log2 odds contribution of each field (level weight plus term frequency). */
function fieldWeights(pairs: PairTable, model: LinkModel): Float32Array {
  const F = pairs.fieldCount;
  const L = Math.max(...model.fields.map((field) => field.m.length));
  const table = new Float64Array(F * L);
  model.fields.forEach((field, f) => { for (let l = 0; l < field.m.length; l++) table[f * L + l] = levelWeight(model, f, l); });
  const out = new Float32Array(pairs.count * F);
  for (let k = 0; k < pairs.count * F; k++) {
    const f = k % F;
    const share = pairs.termShare[k]!;
    out[k] = table[f * L + pairs.levels[k]!]! + (share > 0 ? termFrequencyWeight(model, f, share) : 0);
  }
  return out;
}

const exp2 = (x: number): number => Math.exp(x * Math.LN2);

/** Per left row: the largest total weight, and per field the sum of its candidates' odds without
 *  that field plus the row's no-match term (1 - matchShare), all scaled by 2^-largest. */
function rowSums(pairs: PairTable, total: Float32Array, weights: Float32Array, matchShare: number): { top: Float64Array; sums: Float64Array } {
  const F = pairs.fieldCount;
  let rows = 0;
  for (let i = 0; i < pairs.count; i++) rows = Math.max(rows, pairs.a[i]! + 1);
  const top = new Float64Array(rows).fill(-Infinity);
  for (let i = 0; i < pairs.count; i++) top[pairs.a[i]!] = Math.max(top[pairs.a[i]!]!, total[i]!);
  const sums = new Float64Array(rows * F);
  for (let i = 0; i < pairs.count; i++) {
    const a = pairs.a[i]!;
    for (let f = 0; f < F; f++) sums[a * F + f]! += exp2(total[i]! - weights[i * F + f]! - top[a]!);
  }
  for (let a = 0; a < rows; a++) {
    if (top[a] === -Infinity) continue;
    const none = (1 - matchShare) * exp2(-top[a]!);
    for (let f = 0; f < F; f++) sums[a * F + f]! += none;
  }
  return { top, sums };
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

/** Shares of `counts` (level 0 unused) smoothed towards `prior` by `strength` pairs' worth. */
function shares(counts: Float64Array, prior: readonly number[], strength = 1): number[] {
  let total = strength;
  for (let l = 1; l < counts.length; l++) total += counts[l]!;
  return Array.from(counts, (n, l) => (l === 0 ? 1 : (n + strength * prior[l]!) / total));
}

/** New m per field, or null where there was neither evidence nor a label to move it. */
export function refineM(comparisons: readonly FieldComparison[], pairs: PairTable, model: LinkModel, options: RefineOptions): (number[] | null)[] {
  const F = pairs.fieldCount;
  const weights = fieldWeights(pairs, model);
  const prior = Math.log2(options.lambda / (1 - options.lambda));
  const total = new Float32Array(pairs.count);
  for (let i = 0; i < pairs.count; i++) {
    let w = prior;
    for (let f = 0; f < F; f++) w += weights[i * F + f]!;
    total[i] = w;
  }
  // Without field f, the log2 odds of pair i are total[i] - weights[i * F + f]. In a link a left
  // row's candidates compete for its one match (as in scorePairs), so each row also needs the sum
  // of its candidates' odds without f, kept relative to the row's largest total.
  const rows = options.link ? rowSums(pairs, total, weights, Math.min(0.99, options.lambda * options.link.rightRows)) : null;
  const counts = comparisons.map((c) => new Float64Array(levelCount(c)));
  const labelledCounts = comparisons.map((c) => new Float64Array(levelCount(c)));
  let labelledMatches = 0;
  for (let i = 0; i < pairs.count; i++) {
    const label = options.labelled.get(i);
    if (label !== undefined) {
      if (!label) continue;
      labelledMatches++;
      for (let f = 0; f < F; f++) labelledCounts[f]![pairs.levels[i * F + f]!]! += options.labelWeight;
      continue;
    }
    for (let f = 0; f < F; f++) {
      const level = pairs.levels[i * F + f]!;
      if (level === 0) continue;
      let p: number;
      if (rows) {
        const a = pairs.a[i]!;
        const top = rows.top[a]!;
        p = exp2(total[i]! - weights[i * F + f]! - top) / rows.sums[a * F + f]!;
      } else {
        const odds = exp2(total[i]! - weights[i * F + f]!);
        p = Number.isFinite(odds) ? odds / (1 + odds) : 1;
      }
      if (p >= 0.5) counts[f]![level]! += p;
    }
  }
  const plus = (x: Float64Array, y: Float64Array): Float64Array => x.map((v, l) => v + y[l]!);
  const enough = counts.map((row) => row.reduce((s, x) => s + x, 0) >= options.minPairs);
  const out = counts.map((row, f) => (enough[f] ? shares(plus(row, labelledCounts[f]!), model.fields[f]!.m) : null));
  if (out.every((m) => m !== null)) return out;
  // Fields nothing else vouches for: in a link, the mutual best candidates; in any case the
  // labelled matches, which weigh against the current m as if it were `minPairs` pairs.
  const fallback = comparisons.map((c) => new Float64Array(levelCount(c)));
  let found = 0;
  if (options.link) {
    const best = mutualBest(pairs, total);
    for (let i = 0; i < pairs.count; i++) {
      if (best[i] === 0 || options.labelled.has(i)) continue;
      found++;
      for (let f = 0; f < F; f++) fallback[f]![pairs.levels[i * F + f]!]! += 1;
    }
  }
  if (found < options.minPairs && labelledMatches === 0) return out;
  return out.map((m, f) => m ?? shares(plus(fallback[f]!, labelledCounts[f]!), model.fields[f]!.m, found >= options.minPairs ? 1 : options.minPairs));
}
