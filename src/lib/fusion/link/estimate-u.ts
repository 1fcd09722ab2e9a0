// u probabilities from random pairs: almost every random pair is a non-match, so how often its
// fields agree at each level is what chance agreement looks like (Splink's
// estimate_u_using_random_sampling). Seeded, so a run is repeatable.
import { seededRandom } from './random';
import { fieldSimilarity, levelCount, levelOf } from './compare-field';
import type { PreparedField } from './prepare';
import type { FieldComparison, PairTable } from './types';

function smoothed(counts: Float64Array[]): number[][] {
  return counts.map((row) => {
    let total = 0;
    for (let l = 1; l < row.length; l++) total += row[l]! + 1;
    return Array.from(row, (n, l) => (l === 0 ? 1 : (n + 1) / total));
  });
}

/**
 * u among the candidate pairs themselves. Blocking only keeps pairs that already agree on
 * something, so their chance agreement on a blocked field is far above random pairs'; EM with
 * random-pair u then explains that agreement with matches and runs away. Nearly every candidate
 * is still a non-match, so the candidates' level shares are the non-matches' to a good
 * approximation; EM refines them from there.
 */
export function estimateCandidateU(comparisons: readonly FieldComparison[], pairs: PairTable): number[][] {
  const F = pairs.fieldCount;
  const counts = comparisons.map((c) => new Float64Array(levelCount(c)));
  for (let i = 0; i < pairs.count; i++) for (let f = 0; f < F; f++) counts[f]![pairs.levels[i * F + f]!]!++;
  return smoothed(counts);
}

/** u[f][level], with add-one smoothing so no level is impossible; u[f][0] (missing) is 1. */
export function estimateU(
  comparisons: readonly FieldComparison[],
  left: readonly PreparedField[], right: readonly PreparedField[],
  leftRows: number, rightRows: number, pairs: number, seed: number, dedupe: boolean,
): number[][] {
  const random = seededRandom(seed);
  const counts = comparisons.map((c) => new Float64Array(levelCount(c)));
  for (let k = 0; k < pairs; k++) {
    const a = Math.floor(random() * leftRows);
    const b = Math.floor(random() * rightRows);
    if (dedupe && a === b) continue;
    comparisons.forEach((c, f) => {
      counts[f]![levelOf(c, fieldSimilarity(c, left[f]!, right[f]!, a, b))]!++;
    });
  }
  return counts.map((row) => {
    let total = 0;
    for (let l = 1; l < row.length; l++) total += row[l]! + 1;
    return Array.from(row, (n, l) => (l === 0 ? 1 : (n + 1) / total));
  });
}
