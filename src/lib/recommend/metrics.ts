import { byUser, itemPopularity } from './interactions';
import { createTick } from '../jobs/tick';
import { topK } from './top-k';
import type { Interactions, PredictRating, RunOptions, ScoreUser } from './types';

// Figures of the protocols. Ranking is over the FULL catalogue (or the given candidates), never
// over sampled negatives; the user's training items are excluded. Ties are broken at random in
// expectation: a target with `above` candidates scored higher and `tied` scored the same sits at
// each position above..above+tied with equal chance, and HR, NDCG and MRR are the averages over
// those positions, so a model that scores everything alike gets exactly the random figures.
// A user with several test items (cold-items) gives one case per item, ranked without the
// user's other test items, and figures average over cases.

/** RMSE and MAE over the test ratings, with the standard error of the RMSE (delta method). */
export function ratingErrors(predict: PredictRating, test: Interactions): { rmse: number; mae: number; rmseSe: number } {
  const ratings = test.rating;
  const n = ratings?.length ?? 0;
  if (!ratings || n === 0) return { rmse: Number.NaN, mae: Number.NaN, rmseSe: Number.NaN };
  let [squared, absolute, fourth] = [0, 0, 0];
  for (let r = 0; r < n; r++) {
    const e = predict(test.user[r]!, test.item[r]!) - ratings[r]!;
    squared += e * e;
    absolute += Math.abs(e);
    fourth += e ** 4;
  }
  const mse = squared / n;
  const mseSe = Math.sqrt(Math.max(0, fourth / n - mse * mse) / Math.max(1, n - 1));
  return { rmse: Math.sqrt(mse), mae: absolute / n, rmseSe: mseSe / (2 * Math.sqrt(mse) || 1) };
}

/** Each item's popularity percentile in `train`: 1 for the most popular, ties averaged. */
export function popularityPercentiles(train: Interactions): Float32Array {
  const popularity = itemPopularity(train);
  const order = Int32Array.from(popularity.keys()).sort((a, b) => popularity[a]! - popularity[b]!);
  const out = new Float32Array(order.length);
  const last = Math.max(1, order.length - 1);
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && popularity[order[end + 1]!] === popularity[order[start]!]) end++;
    for (let p = start; p <= end; p++) out[order[p]!] = (start + end) / 2 / last;
    start = end + 1;
  }
  return out;
}

export interface RankingFigures {
  hr: number;
  ndcg: number;
  mrr: number;
  /** Standard errors of the HR and NDCG means over cases: differences within ~2 of them are noise. */
  hrSe: number;
  ndcgSe: number;
  /** Share of the candidates in at least one top-k list. */
  coverage: number;
  popularityPercentile: number;
  /** Users evaluated (those with a test interaction and at least one training interaction). */
  users: number;
  /** (user, test item) pairs ranked: one per user under leave-last-out. */
  cases: number;
  /** Each case's HR and NDCG, in a fixed order (users ascending): two models on one split pair up case by case. */
  perCase: { hr: Float32Array; ndcg: Float32Array };
}

/** Standard error of the mean of a - b over paired cases (the same users ranked by two models). */
export function pairedSe(a: Float32Array, b: Float32Array): number {
  const n = Math.min(a.length, b.length);
  if (n < 2) return Number.NaN;
  let [sum, squares] = [0, 0];
  for (let c = 0; c < n; c++) {
    const d = a[c]! - b[c]!;
    sum += d;
    squares += d * d;
  }
  return Math.sqrt(Math.max(0, squares / n - (sum / n) ** 2) / (n - 1));
}

export interface RankingOptions {
  k: number;
  /** Rank only these items (1) instead of the whole catalogue, e.g. the cold items. */
  candidates?: Uint8Array | undefined;
  /** Popularity percentiles of the items (from popularityPercentiles(train)). */
  percentiles: Float32Array;
}

interface CaseFigures {
  hr: number;
  ndcg: number;
  mrr: number;
}

/** Expected HR@k, NDCG@k and MRR of a target at a uniformly random position in above..above+tied. */
export function expectedFigures(above: number, tied: number, k: number): CaseFigures {
  const n = tied + 1;
  let [ndcg, mrr] = [0, 0];
  // Beyond ~1000 tied positions the tail adds little to MRR; step through it coarsely.
  const stride = Math.max(1, Math.floor(n / 1000));
  for (let p = above; p < above + n; p += stride) {
    const weight = Math.min(stride, above + n - p);
    if (p < k) ndcg += weight / Math.log2(p + 2);
    mrr += weight / (p + 1);
  }
  return { hr: Math.min(1, Math.max(0, (k - above) / n)), ndcg: ndcg / n, mrr: mrr / n };
}

export async function rankingFigures(score: ScoreUser, train: Interactions, test: Interactions, options: RankingOptions, run: RunOptions = {}): Promise<RankingFigures> {
  const { k, candidates, percentiles } = options;
  const items = train.itemIds.length;
  const seen = byUser(train);
  const tested = byUser(test);
  const scores = new Float32Array(items);
  const recommended = new Uint8Array(items);
  const isTarget = new Int32Array(items).fill(-1);
  const tick = createTick(run);
  let [cases, hits, ndcg, mrr, popularitySum, slots, users, hitSquares, ndcgSquares] = [0, 0, 0, 0, 0, 0, 0, 0, 0];
  const caseHr: number[] = [];
  const caseNdcg: number[] = [];
  const userCount = train.userIds.length;
  for (let u = 0; u < userCount; u++) {
    const [from, to] = [tested.offsets[u]!, tested.offsets[u + 1]!];
    if (from === to || seen.offsets[u] === seen.offsets[u + 1]) continue;
    if (u % 64 === 0) await tick(u, userCount, 'Ranking the catalogue for each user');
    score(u, scores);
    for (let p = seen.offsets[u]!; p < seen.offsets[u + 1]!; p++) scores[seen.index[p]!] = -Infinity;
    if (candidates) for (let i = 0; i < items; i++) if (!candidates[i]) scores[i] = -Infinity;
    for (let p = from; p < to; p++) isTarget[tested.index[p]!] = u;
    users++;
    for (let p = from; p < to; p++) {
      const target = tested.index[p]!;
      const s = scores[target]!;
      let [above, tied] = [0, 0];
      for (let i = 0; i < items; i++) {
        if (isTarget[i] === u) continue; // the user's other test items do not compete
        const x = scores[i]!;
        if (x > s) above++;
        else if (x === s) tied++;
      }
      const f = expectedFigures(above, tied, k);
      [cases, hits, ndcg, mrr] = [cases + 1, hits + f.hr, ndcg + f.ndcg, mrr + f.mrr];
      [hitSquares, ndcgSquares] = [hitSquares + f.hr * f.hr, ndcgSquares + f.ndcg * f.ndcg];
      caseHr.push(f.hr);
      caseNdcg.push(f.ndcg);
    }
    for (let p = from; p < to; p++) isTarget[tested.index[p]!] = -1;
    for (const item of topK(scores, k)) {
      recommended[item] = 1;
      popularitySum += percentiles[item]!;
      slots++;
    }
  }
  let covered = 0;
  let pool = 0;
  for (let i = 0; i < items; i++) {
    covered += recommended[i]!;
    pool += candidates ? candidates[i]! : 1;
  }
  const per = (x: number) => (cases > 0 ? x / cases : Number.NaN);
  const se = (sum: number, squares: number) => Math.sqrt(Math.max(0, per(squares) - per(sum) ** 2) / Math.max(1, cases - 1));
  return { hr: per(hits), ndcg: per(ndcg), mrr: per(mrr), hrSe: se(hits, hitSquares), ndcgSe: se(ndcg, ndcgSquares), coverage: covered / Math.max(1, pool), popularityPercentile: slots > 0 ? popularitySum / slots : Number.NaN, users, cases, perCase: { hr: Float32Array.from(caseHr), ndcg: Float32Array.from(caseNdcg) } };
}

/** Top-k lists of the test users from a rating predictor (for coverage under random-80-20). */
export function scoreFromPredictor(predict: PredictRating): ScoreUser {
  return (user, out) => {
    for (let i = 0; i < out.length; i++) out[i] = predict(user, i);
  };
}
