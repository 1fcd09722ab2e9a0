// One field of one pair: its raw similarity and the agreement level it falls into. Levels follow
// Splink: 0 missing (says nothing), 1 exact, then one per threshold, then "else".
import { jaroWinkler } from './jaro-winkler';
import type { PreparedField } from './prepare';
import { cosineSparse, dateCloseness, embeddingCosine, jaccardSorted, numericCloseness } from './similarity';
import type { FieldComparison } from './types';

export const missingLevel = 0;
export const exactLevel = 1;

export const levelCount = (c: FieldComparison): number => c.thresholds.length + 3;

export function levelLabels(c: FieldComparison): string[] {
  return ['missing', 'exact', ...c.thresholds.map((t) => `>= ${t}`), 'else'];
}

/** Similarity in 0..1; NaN when either side is missing; 2 for an exact agreement. */
export function fieldSimilarity(c: FieldComparison, x: PreparedField, y: PreparedField, a: number, b: number): number {
  switch (c.kind) {
    case 'numeric':
    case 'date': {
      const p = x.numbers![a]!;
      const q = y.numbers![b]!;
      if (Number.isNaN(p) || Number.isNaN(q)) return NaN;
      if (p === q) return 2;
      return c.kind === 'numeric' ? numericCloseness(p, q, c.scale) : dateCloseness(p, q, c.scale);
    }
    case 'embedding': {
      const p = x.embeddings![a];
      const q = y.embeddings![b];
      if (p === undefined || q === undefined) return NaN;
      return embeddingCosine(p, q);
    }
    default:
      break;
  }
  const p = x.codes[a]!;
  const q = y.codes[b]!;
  if (p < 0 || q < 0) return NaN;
  if (p === q) return 2;
  switch (c.kind) {
    case 'exact':
      return 0;
    case 'jaro-winkler':
      return jaroWinkler(x.text[a]!, y.text[b]!);
    case 'token-jaccard':
      return jaccardSorted(x.ids![a]!, y.ids![b]!);
    default:
      return cosineSparse(x.ids![a]!, x.weights![a]!, y.ids![b]!, y.weights![b]!);
  }
}

/** The agreement level of a similarity from `fieldSimilarity`. */
export function levelOf(c: FieldComparison, similarity: number): number {
  if (Number.isNaN(similarity)) return missingLevel;
  if (similarity >= 2 || (c.kind === 'embedding' && similarity >= 0.99999)) return exactLevel;
  const { thresholds } = c;
  for (let k = 0; k < thresholds.length; k++) if (similarity >= thresholds[k]!) return 2 + k;
  return 2 + thresholds.length;
}
