// Types of entity resolution: what the caller asks for (comparisons, blocking rules), the fitted
// Fellegi-Sunter model, and what a run returns. All plain data and typed arrays, so settings and
// results cross a worker boundary and go into IndexedDB unchanged.

/** How two values of one field are compared. */
export const comparisonKinds = [
  'exact', 'jaro-winkler', 'token-jaccard', 'tfidf-tokens', 'tfidf-qgrams', 'numeric', 'date', 'embedding',
] as const;
export type ComparisonKind = (typeof comparisonKinds)[number];

/** How a cell is cleaned before comparing: `name` and `text` fold case and accents, `text` also
 *  rewrites units ("0.5KG" -> "500g"); `quantity` keeps only the words of `text` holding a digit
 *  (sizes, counts: "500g x20"; "" when there are none); `email` lower-cases; `phone` keeps the last nine digits; `boolean`
 *  reads yes/Y/true/1; `country` maps names and codes to one code. */
export const normalisers = ['text', 'name', 'email', 'phone', 'boolean', 'country', 'quantity', 'none'] as const;
export type Normaliser = (typeof normalisers)[number];

/** One pair of columns to compare and how. Its agreement levels are, in order: 0 missing,
 *  1 exact, then one level per threshold (similarity >= threshold), then "else". */
export interface FieldComparison {
  /** Label in evidence and the UI: "name", "title". Unique within the settings. */
  name: string;
  /** Column in the left table. */
  left: string;
  /** Column in the right table (the same as `left` when deduping). */
  right: string;
  kind: ComparisonKind;
  normaliser: Normaliser;
  /** Descending similarity cut-offs in 0..1, e.g. [0.92, 0.8]. */
  thresholds: number[];
  /** Adjust the exact level by how common the value is (a rare surname says more than "Smith"). */
  termFrequency: boolean;
  /** numeric: relative difference at which similarity reaches 0; date: days. */
  scale: number;
}

/** How candidate pairs are found without comparing everything with everything. */
export type BlockingRule =
  /** Rows sharing a token of the field. */
  | { kind: 'token'; field: string; maxBlockSize: number }
  /** Rows sharing a character q-gram of the field (catches typos inside single words). */
  | { kind: 'qgram'; field: string; q: number; maxBlockSize: number }
  /** Rows with the same value in all these fields (e.g. phone; or surname + city). */
  | { kind: 'exact'; fields: string[]; maxBlockSize: number }
  /** Rows within `window` places of each other when sorted by the field. */
  | { kind: 'sorted-neighbourhood'; field: string; window: number }
  /** Random-hyperplane LSH over caller-supplied embeddings. */
  | { kind: 'lsh'; bands: number; bitsPerBand: number; maxBlockSize: number; seed: number };
export type BlockingKind = BlockingRule['kind'];

export interface LinkSettings {
  comparisons: FieldComparison[];
  blocking: BlockingRule[];
  /** At most this many candidates per probing row: those sharing the most blocks. */
  maxCandidatesPerRow: number;
  /** Random pairs sampled to estimate u (how often non-matches agree by chance). */
  randomPairs: number;
  emIterations: number;
  /** Match probability from which a pair links two rows into one entity. */
  threshold: number;
  /** Guard against long chains: a link that would grow an entity past this is left out. */
  maxClusterSize: number;
  seed: number;
}

/** Per-row text embeddings from an on-device encoder, when there is one. */
export interface LinkEmbeddings {
  left?: Float32Array[];
  right?: Float32Array[];
}

/** The fitted Fellegi-Sunter parameters, per field and level. */
export interface FieldParameters {
  name: string;
  /** Level labels: "missing", "exact", ">= 0.92", "else". */
  levels: string[];
  /** P(level | match); index 0 (missing) is unused and stays 1. */
  m: number[];
  /** P(level | non-match), from random pairs: chance agreement before any blocking. */
  u: number[];
}

export interface LinkModel {
  /** Probability that two random records (not two candidates) match. */
  lambda: number;
  fields: FieldParameters[];
  /** EM iterations run and whether the parameters settled. */
  iterations: number;
  converged: boolean;
}

/** A user's verdict on one pair (indices into the left and right tables). */
export interface PairLabel {
  a: number;
  b: number;
  match: boolean;
}

/** Candidate pairs as columns, so 10^7 pairs stay a few hundred MB and transfer without copying. */
export interface PairTable {
  count: number;
  fieldCount: number;
  /** Left row index. */
  a: Uint32Array;
  /** Right row index (the same table when deduping; then a < b). */
  b: Uint32Array;
  /** levels[i * fieldCount + f]: agreement level of field f for pair i. */
  levels: Uint8Array;
  /** termShare[i * fieldCount + f]: for an exact agreement on a field with term-frequency
   *  adjustment, the share of indexed rows holding that value; 0 otherwise. */
  termShare: Float32Array;
  /** Mean raw similarity of the present fields other than numbers and dates, to break ties between equal weights. */
  similarity: Float32Array;
  /** Match weight (log2 odds) and probability under the model. */
  weight: Float32Array;
  probability: Float32Array;
}

/** Why a pair scored as it did: one line per field. */
export interface FieldEvidence {
  field: string;
  level: number;
  label: string;
  /** log2(m / u) of the level plus the term-frequency adjustment. */
  weight: number;
  tfAdjust: number;
}

export interface PairEvidence {
  a: number;
  b: number;
  probability: number;
  weight: number;
  /** log2 prior odds, the weight before any field speaks. */
  priorWeight: number;
  fields: FieldEvidence[];
}

/** One row of one side; side 0 is the left table, 1 the right. */
export interface EntityMember {
  side: 0 | 1;
  row: number;
}

export interface Entity {
  id: number;
  members: EntityMember[];
  /** Lowest probability of the links that hold it together. */
  minProbability: number;
}

export interface LinkStats {
  mode: 'link' | 'dedupe';
  leftRows: number;
  rightRows: number;
  pairsCompared: number;
  /** Blocks used per rule, and how many were skipped as too big (stop tokens). */
  blocks: { rule: string; blocks: number; skipped: number }[];
  randomPairs: number;
  elapsedMs: number;
}

export interface LinkOptions {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, message: string) => void;
  embeddings?: LinkEmbeddings;
  /** Score with these parameters instead of fitting new ones. */
  model?: LinkModel;
  labels?: PairLabel[];
}
