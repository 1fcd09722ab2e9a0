// What drives negative reviews per product and per category: for each group and aspect, the
// share of the group's sentences on that aspect that are negative, against the same aspect's
// share in every other group (so "delivery is worse for this product than for the rest", not
// "delivery is often criticised", which holds everywhere). The z of that two-proportion test is
// the significance; it is rough for small counts, so a driver also needs a minimum of negative
// sentences. A driver must also be more negative than the group's talk as a whole, and the aspect
// must come up at least as often elsewhere as in the group: a category's own noun ("tea" in Tea)
// is mostly mentioned at home, and would stand out against a thin, unlike baseline (elsewhere,
// "tea" is in "would recommend to anyone who likes tea") without saying what goes wrong.
// Counts go into [groups, aspects] columns in one pass over the sentences.
import { pickEvidence, type Evidence } from './aspects-evidence';
import { lift, normalUpperTail, twoProportionZ } from './monitor-stats';
import type { SentenceTable } from './sentences';

export const driverLevels = ['product', 'category'] as const;
export type DriverLevel = (typeof driverLevels)[number];

export interface NegativeDriver {
  level: DriverLevel;
  group: string;
  aspect: string;
  /** The group's sentences on the aspect, and how many are negative. */
  sentences: number;
  negatives: number;
  rate: number;
  /** The aspect's negative rate in all other groups. */
  baselineRate: number;
  /** The negative rate of all the group's sentences, whatever their aspect. */
  groupRate: number;
  /** rate / baselineRate (Infinity when the baseline has no negatives). */
  lift: number;
  z: number;
  /** One-sided p of z (normal approximation). */
  pValue: number;
  /** Share of all the group's negative sentences that are on this aspect. */
  shareOfNegatives: number;
  evidence: Evidence[];
}

export interface ScoredSentences {
  table: SentenceTable;
  scores: Float32Array;
  negative: Uint8Array;
  aspectStart: Int32Array;
  aspectIds: Int32Array;
  aspectNames: readonly string[];
}

export interface DriverOptions {
  evidence: number;
  minDriverNegatives: number;
  minDriverZ: number;
}

/** Drivers at every level given, strongest z first. */
export function negativeDrivers(scored: ScoredSentences, groupings: readonly { level: DriverLevel; groupOf: readonly (string | null | undefined)[] }[], o: DriverOptions): NegativeDriver[] {
  const { table, negative, aspectStart, aspectIds, aspectNames } = scored;
  const S = table.text.length;
  const A = aspectNames.length;
  const drivers: NegativeDriver[] = [];
  for (const { level, groupOf } of groupings) {
    const groupIds = new Map<string, number>();
    const sentenceGroup = new Int32Array(S).fill(-1);
    for (let s = 0; s < S; s++) {
      const name = groupOf[table.review[s] as number];
      if (name === null || name === undefined || name === '') continue;
      let g = groupIds.get(name);
      if (g === undefined) groupIds.set(name, (g = groupIds.size));
      sentenceGroup[s] = g;
    }
    const G = groupIds.size;
    const n = new Int32Array(G * A); // [G, A]
    const neg = new Int32Array(G * A); // [G, A]
    const groupNegatives = new Int32Array(G);
    const groupSentences = new Int32Array(G);
    const aspectN = new Int32Array(A);
    const aspectNeg = new Int32Array(A);
    for (let s = 0; s < S; s++) {
      const g = sentenceGroup[s] as number;
      if (g < 0) continue;
      const isNeg = negative[s] as number;
      groupNegatives[g]! += isNeg;
      groupSentences[g]!++;
      for (let j = aspectStart[s] as number; j < (aspectStart[s + 1] as number); j++) {
        const a = aspectIds[j] as number;
        n[g * A + a]!++;
        neg[g * A + a]! += isNeg;
        aspectN[a]!++;
        aspectNeg[a]! += isNeg;
      }
    }
    const names = [...groupIds.keys()];
    for (let g = 0; g < G; g++) {
      for (let a = 0; a < A; a++) {
        const [k, m] = [neg[g * A + a] as number, n[g * A + a] as number];
        if (k < o.minDriverNegatives) continue;
        const [restK, restN] = [(aspectNeg[a] as number) - k, (aspectN[a] as number) - m];
        if (restN < m) continue;
        const z = twoProportionZ(k, m, restK, restN);
        const groupRate = (groupNegatives[g] as number) / (groupSentences[g] as number);
        if (z < o.minDriverZ || k / m <= groupRate) continue;
        const baselineRate = restN > 0 ? restK / restN : 0;
        const rows: number[] = [];
        for (let s = 0; s < S; s++) {
          if (sentenceGroup[s] !== g || !negative[s]) continue;
          for (let j = aspectStart[s] as number; j < (aspectStart[s + 1] as number); j++) if (aspectIds[j] === a) rows.push(s);
        }
        drivers.push({
          level,
          group: names[g] as string,
          aspect: aspectNames[a] as string,
          sentences: m,
          negatives: k,
          rate: k / m,
          baselineRate,
          groupRate,
          lift: lift(k / m, baselineRate),
          z,
          pValue: normalUpperTail(z),
          shareOfNegatives: k / Math.max(1, groupNegatives[g] as number),
          evidence: pickEvidence(rows, table, scored.scores, o.evidence, true),
        });
      }
    }
  }
  return drivers.sort((x, y) => y.z - x.z || (x.group < y.group ? -1 : 1));
}
