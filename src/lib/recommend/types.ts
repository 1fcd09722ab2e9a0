// Shared types of the recommend domain. Interactions are columns of typed arrays (one entry per
// user-item pair after de-duplication), so hot loops walk indices and the data can move to a
// worker as transferable buffers. Every result names the protocol that produced it.

/** The evaluation protocols. Their names appear verbatim in every report. */
export const protocols = ['random-80-20', 'leave-last-out'] as const;
export type Protocol = (typeof protocols)[number];

/** The cold-start protocol, run beside either of the above when items have text. */
export const coldItemsProtocol = 'cold-items' as const;

/**
 * One row per distinct (user, item) pair, sorted by user, then time, then first appearance.
 * Index spaces: users 0..userIds.length-1, items 0..itemIds.length-1. Items may exist without
 * any interaction (catalogue items): they are ranked like any other.
 */
export interface Interactions {
  /** Each user's id as first written in the data (ids that normalise alike are one user). */
  userIds: readonly string[];
  itemIds: readonly string[];
  user: Int32Array;
  item: Int32Array;
  /** Mean of the pair's ratings; null for implicit data (purchases, clicks). */
  rating: Float32Array | null;
  /** Time of the pair's FIRST occurrence (epoch ms, or the row number when there is no time column). */
  time: Float64Array;
  /** How many input rows the pair merged (repeat purchases): the confidence of implicit models. */
  count: Float32Array;
}

/** Rows of one user (or item): `index[offsets[u] .. offsets[u+1])`, with the interaction row of each. */
export interface Csr {
  offsets: Int32Array;
  /** Item (or user) index of each entry. */
  index: Int32Array;
  /** Row in the Interactions of each entry. */
  row: Int32Array;
}

/** Text vectors of the items (USE-lite sentence vectors), row-major [items, width]. */
export interface ItemText {
  width: number;
  vectors: Float32Array;
  /** 1 where the item has a text, 0 where its row is zeros. */
  has: Uint8Array;
}

/** Scores every item for one user into `out` (length = items); larger is better. */
export type ScoreUser = (user: number, out: Float32Array) => void;

/** A predicted rating for (user, item); users and items unseen in training fall back to baselines. */
export type PredictRating = (user: number, item: number) => number;

/** Progress and cancellation, as the other domains take them. */
export interface RunOptions {
  signal?: AbortSignal | undefined;
  onProgress?: ((done: number, total: number, message: string) => void) | undefined;
}

/** Figures of one model under one protocol; a figure the protocol does not define is absent. */
export interface ModelReport {
  model: string;
  /** Baselines are always computed and shown beside the models. */
  baseline: boolean;
  rmse?: number;
  mae?: number;
  /** Standard error of the RMSE. */
  rmseSe?: number;
  /** Hit rate at k (printed `hr@10` for k = 10), NDCG at k and MRR over the full ranking, with the standard errors of HR and NDCG. */
  ranking?: { hr: number; ndcg: number; mrr: number; hrSe: number; ndcgSe: number };
  /** Ranking: the standard errors of this model's HR and NDCG minus each baseline's, paired case by case (the same users). */
  paired?: { baseline: string; hrSe: number; ndcgSe: number }[];
  /** Share of the catalogue in at least one user's top-k list. */
  coverage: number;
  /** Mean popularity percentile of recommended items (1 = the most popular item, 0 = the least). */
  popularityPercentile: number;
  trainMs: number;
  /** Anything worth knowing about how it was trained (epochs chosen, backend). */
  notes?: Record<string, string | number>;
}
