// Fitting the model the way Splink does, because plain EM over blocked pairs runs away: blocking
// keeps pairs that already agree (on name tokens, say), random-pair u calls that agreement rare,
// and EM explains it with a huge "match" class. Instead:
// 1. m by sessions: for each key-like field (exact agreement rare among random pairs: e-mail,
//    phone, full name), take the candidates that agree on it exactly and run EM on the other
//    fields, leaving the session's field out. Inside a session u is the candidates' own level
//    shares, since candidates already agree more than random pairs on what blocking used. Each
//    field's m is the mean of its estimates over the sessions it was free in, weighted towards
//    sessions that are nearly all matches.
// 2. lambda (for two random records) by a fixed point with m and u held: expected matches are the
//    sum of candidate posteriors, and lambda is that over all possible pairs. In a link the
//    posteriors are the competing ones of scorePairs (each left row has at most one match).
// 3. m refined in rounds from what the other fields say (refine-m.ts), lambda again after each.
//    Sessions see only the matches that kept their key, and matches that keep one contact detail
//    tend to keep the others, so session m alone is too sure of agreement. A field nothing else
//    vouches for (a link's only title) learns from mutual best candidates, and labelled matches
//    move m in every case, even with a single field. Plain EM over one field has no unique answer
//    and in practice ranks a 0.4 title similarity above a 0.9 one.
import { exactLevel } from './compare-field';
import { patternCounts, posteriorOf, runEm } from './em';
import { estimateCandidateU } from './estimate-u';
import { refineM } from './refine-m';
import { scorePairs, type OneMatchPerLeftRow } from './score';
import type { FieldComparison, LinkModel, PairTable } from './types';

/** A session with fewer agreeing candidates than this is too small to learn from. */
const minSessionPairs = 20;
/** A field is key-like when random pairs agree on it exactly less often than this. */
const maxKeyAgreement = 0.01;
/** No level's m falls below this: a session of a few dozen pairs that never saw a phone change
 *  must not let one changed phone veto a match by 13 bits. */
const minM = 0.02;
/** Rounds of refining m from the other fields' verdicts (refine-m.ts). */
const refineRounds = 8;

/** m raised to the floor, but never above u by it: the floor keeps a level from vetoing a match,
 *  it must not turn a level no match showed (a supplier cost equal to our price) into evidence. */
function withFloor(m: readonly number[], u: readonly number[]): number[] {
  const raised = m.map((x, l) => (l === 0 ? 1 : Math.max(Math.min(minM, u[l]!), x)));
  let total = 0;
  for (let l = 1; l < raised.length; l++) total += raised[l]!;
  return raised.map((x, l) => (l === 0 ? 1 : x / total));
}

export interface TrainOptions {
  iterations: number;
  /** Pairs a full comparison would have: nLeft * nRight, or n(n-1)/2 when deduping. */
  possiblePairs: number;
  /** Rows of the smaller side: at most this many matches when links are 1:1. */
  smallerSide: number;
  /** Labelled pair index -> match, and how many unlabelled pairs each label weighs. */
  labelled: ReadonlyMap<number, boolean>;
  labelWeight: number;
  /** Set when linking two tables rather than deduping one: each left row matches at most one right row. */
  link?: OneMatchPerLeftRow | undefined;
}

export function trainModel(comparisons: readonly FieldComparison[], pairs: PairTable, start: LinkModel, options: TrainOptions): LinkModel {
  const F = comparisons.length;
  const sums = start.fields.map((f) => new Float64Array(f.m.length));
  const weights = new Float64Array(F);
  let iterations = 0;
  let converged = true;
  if (F > 1) {
    const candidateU = estimateCandidateU(comparisons, pairs);
    const sessionStart: LinkModel = { ...start, fields: start.fields.map((f, k) => ({ ...f, u: candidateU[k]! })) };
    for (let s = 0; s < F; s++) {
      const kind = comparisons[s]!.kind;
      if (kind === 'numeric' || kind === 'date' || start.fields[s]!.u[exactLevel]! >= maxKeyAgreement) continue;
      const keep = (i: number): boolean => pairs.levels[i * F + s] === exactLevel;
      const patterns = patternCounts(pairs, options.labelled, options.labelWeight, keep);
      let size = 0;
      for (const n of patterns.counts) size += n;
      if (size < minSessionPairs) continue;
      // Inside the session most pairs are matches when the field is a strong key; start there.
      const fit = runEm(comparisons, patterns, sessionStart, 0.5, { iterations: options.iterations, tolerance: 1e-5, exclude: s });
      iterations += fit.model.iterations;
      converged &&= fit.model.converged;
      // Trust pure sessions most: where nearly every pair matches, EM has little room to wander
      // (a session of namesakes can settle on the wrong split).
      const share = fit.expectedMatches / size;
      const trust = fit.expectedMatches * share ** 4;
      fit.model.fields.forEach((field, f) => {
        if (f === s) return;
        field.m.forEach((x, l) => { sums[f]![l]! += x * trust; });
        weights[f]! += trust;
      });
    }
  }
  const fields = start.fields.map((field, f) => (weights[f]! > 0
    ? { ...field, m: withFloor(Array.from(sums[f]!, (x, l) => (l === 0 ? 1 : x / weights[f]!)), field.u) }
    : field));
  let model: LinkModel = { ...start, fields, iterations, converged };
  let lambda = options.link ? estimateLinkLambda(pairs, model, options, options.link) : estimateLambda(pairs, model, options);
  // Then m from what the other fields (or the 1:1 structure) say, until it settles.
  for (let round = 0; round < refineRounds; round++) {
    const scored = { ...model, lambda, fields: model.fields.map((f) => ({ ...f, u: decontaminated(f.u, f.m, lambda) })) };
    const next = refineM(comparisons, pairs, scored, {
      lambda, labelled: options.labelled, labelWeight: options.labelWeight, link: options.link, minPairs: minSessionPairs,
    });
    let change = 0;
    model = {
      ...model,
      fields: model.fields.map((field, f) => {
        const m = next[f];
        if (!m) return field;
        const floored = withFloor(m, field.u);
        floored.forEach((x, l) => { change = Math.max(change, Math.abs(x - field.m[l]!)); });
        return { ...field, m: floored };
      }),
    };
    lambda = options.link ? estimateLinkLambda(pairs, model, options, options.link, round > 0 ? lambda : undefined) : estimateLambda(pairs, model, options);
    if (change < 1e-3) break;
  }
  return { ...model, lambda, fields: model.fields.map((f) => ({ ...f, u: decontaminated(f.u, f.m, lambda) })) };
}

/**
 * Fixed point of lambda = (sum of candidate posteriors under lambda) / possible pairs, started
 * from "every row of the smaller side has a match" so it settles on the largest fixed point,
 * not on 0. Random pairs hold matches too (one in 400 when linking to 400 products), so u is
 * corrected each step: the random shares are lambda * m + (1 - lambda) * u.
 */
export function estimateLambda(pairs: PairTable, model: LinkModel, options: TrainOptions): number {
  const patterns = patternCounts(pairs, options.labelled, 1);
  const randomShares = model.fields.map((f) => f.u);
  let lambda = Math.min(0.5, options.smallerSide / options.possiblePairs);
  let current = model;
  for (let k = 0; k < 100; k++) {
    current = { ...current, fields: current.fields.map((f, i) => ({ ...f, u: decontaminated(randomShares[i]!, f.m, lambda) })) };
    let matches = 0;
    for (let p = 0; p < patterns.counts.length; p++) matches += patterns.counts[p]! * posteriorOf(patterns, p, current, lambda);
    const next = Math.min(0.5, Math.max(1 / (options.possiblePairs * 100), matches / options.possiblePairs));
    const settled = Math.abs(next - lambda) < lambda * 1e-4;
    lambda = next;
    if (settled) break;
  }
  return lambda;
}

/**
 * The same fixed point for a link, where each left row's candidates compete for its one match
 * (see scorePairs): the share of left rows with a match is the sum of the competing posteriors over
 * the left rows. Without competition a lone text field leaves lambda unidentified (the fixed point
 * above collapses to 0); with it, a row whose best candidate stands out counts as one match.
 */
export function estimateLinkLambda(pairs: PairTable, model: LinkModel, options: TrainOptions, link: OneMatchPerLeftRow, start?: number): number {
  const leftRows = options.possiblePairs / link.rightRows;
  const randomShares = model.fields.map((f) => f.u);
  let share = start !== undefined ? Math.min(0.99, start * link.rightRows) : Math.min(0.99, options.smallerSide / leftRows);
  for (let k = 0; k < 50; k++) {
    const lambda = share / link.rightRows;
    const current = { ...model, lambda, fields: model.fields.map((f, i) => ({ ...f, u: decontaminated(randomShares[i]!, f.m, lambda) })) };
    scorePairs(pairs, current, link);
    let matches = 0;
    for (let i = 0; i < pairs.count; i++) matches += pairs.probability[i]!;
    for (const [i, match] of options.labelled) matches += (match ? 1 : 0) - pairs.probability[i]!;
    const next = Math.min(0.99, Math.max(1 / leftRows, matches / leftRows));
    const settled = Math.abs(next - share) < share * 1e-3;
    share = next;
    if (settled) break;
  }
  return share / link.rightRows;
}

function decontaminated(shares: readonly number[], m: readonly number[], lambda: number): number[] {
  // Random pairs are a sample: a level they hold mostly as matches keeps a twentieth of its share
  // as u, rather than a u of ~0 and a weight of 20 bits.
  const u = shares.map((r, l) => (l === 0 ? 1 : Math.max(1e-7, 0.05 * r, (r - lambda * m[l]!) / (1 - lambda))));
  let total = 0;
  for (let l = 1; l < u.length; l++) total += u[l]!;
  return u.map((x, l) => (l === 0 ? 1 : x / total));
}
