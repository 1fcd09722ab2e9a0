// What both linkage benchmarks (Node: bench/link.ts, browser: bench/link-browser.ts) run: the
// same settings over the same generated records, and the same scoring of the 1:1 best matches
// against the generator's truth.
import { bestMatchPerRow, comparison, linkSettings, type LinkResult, type LinkSettings } from '../src/lib/fusion/link';

export function benchLinkSettings(): LinkSettings {
  return linkSettings({
    comparisons: [
      comparison({ left: 'name', kind: 'jaro-winkler', normaliser: 'name', thresholds: [0.95, 0.9, 0.8], termFrequency: true }),
      comparison({ left: 'email', kind: 'exact', normaliser: 'email', termFrequency: true }),
      comparison({ left: 'street', kind: 'jaro-winkler', normaliser: 'name', thresholds: [0.9] }),
      comparison({ left: 'city', kind: 'exact', normaliser: 'name', termFrequency: true }),
      comparison({ left: 'born', kind: 'exact', normaliser: 'none' }),
    ],
    blocking: [
      { kind: 'token', field: 'name', maxBlockSize: 300 },
      { kind: 'exact', fields: ['email'], maxBlockSize: 50 },
      { kind: 'exact', fields: ['city', 'born'], maxBlockSize: 50 },
    ],
    maxCandidatesPerRow: 20,
  });
}

export interface BenchQuality {
  precision: number;
  recall: number;
  f1: number;
}

/** Each B row's best match at p >= 0.5 against trueMatch[bRow] (a row of A, or -1). */
export function scoreBestMatches(result: LinkResult, trueMatch: Int32Array, rows: number): BenchQuality {
  const best = bestMatchPerRow(result.pairs, 0.5, rows);
  let tp = 0;
  let predicted = 0;
  let actual = 0;
  best.forEach((i, row) => {
    if (trueMatch[row]! >= 0) actual++;
    if (i === -1) return;
    predicted++;
    if (result.pairs.b[i] === trueMatch[row]) tp++;
  });
  const precision = tp / Math.max(1, predicted);
  const recall = tp / Math.max(1, actual);
  return { precision, recall, f1: (2 * precision * recall) / Math.max(1e-9, precision + recall) };
}
