// Evidence for an aspect or a driver: its most negative (or positive) sentences, one per distinct
// text, so a repeated stock phrase does not fill the list.
import type { SentenceTable } from './sentences';

export interface Evidence {
  review: number;
  /** Row in the sentence table. */
  sentence: number;
  text: string;
  score: number;
}

/** The `count` sentences of `rows` with the lowest (or highest) score, one per distinct text. */
export function pickEvidence(rows: readonly number[], table: SentenceTable, scores: Float32Array, count: number, lowest: boolean): Evidence[] {
  const sorted = [...rows].sort((x, y) => (lowest ? 1 : -1) * ((scores[x] as number) - (scores[y] as number)) || x - y);
  const out: Evidence[] = [];
  const seen = new Set<string>();
  for (const s of sorted) {
    if (out.length >= count) break;
    const text = table.text[s] as string;
    if (seen.has(text.toLowerCase())) continue;
    seen.add(text.toLowerCase());
    out.push({ review: table.review[s] as number, sentence: s, text, score: scores[s] as number });
  }
  return out;
}
