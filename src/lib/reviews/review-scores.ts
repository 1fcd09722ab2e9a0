// What scoring a table of reviews with a stored sentiment model found: counts per class, the
// share called negative, and the reviews the model is surest are negative. Stored as a finding
// of kind "review-scores" (plain JSON); the Reviews panel lists the newest one per source. No
// tfjs here: the page reads these.
import { AppError } from '../errors';
import type { EdgeFuseDb } from '../store';
import { argmaxRows } from './metrics';
import type { SentimentSpec } from './sentiment-card';

export const reviewScoresKind = 'review-scores';

/** Reviews listed as the most negative, at most. */
const mostNegativeShown = 20;
/** Characters of a review kept in the finding. */
const excerptChars = 300;

export interface ReviewScores {
  source: { id: string; name: string };
  model: { id: string; name: string; trainedOn: string };
  classes: string[];
  /** Rows of the table, and those scored (rows with no text are not). */
  reviews: number;
  scored: number;
  /** Reviews per class (the model's call: the most probable class), in `classes` order. */
  counts: number[];
  negativeClass: string | null;
  /** Share of the scored reviews called negative; null when the model has no negative class or nothing was scored. */
  negativeShare: number | null;
  /** Reviews called negative, surest first: row of the table, an excerpt, the negative class's probability. */
  mostNegative: { row: number; text: string; confidence: number }[];
  backend: string;
}

/**
 * Summarises class probabilities ([N, K] row-major) of the reviews at table rows `rows`
 * (texts[rows[i]] is review i's text).
 */
export function summariseScores(
  probabilities: Float32Array,
  rows: readonly number[],
  texts: readonly string[],
  spec: Pick<SentimentSpec, 'classes' | 'negativeClass'>,
): Pick<ReviewScores, 'classes' | 'scored' | 'counts' | 'negativeClass' | 'negativeShare' | 'mostNegative'> {
  const K = spec.classes.length;
  if (probabilities.length !== rows.length * K) throw new AppError('internal', `Internal error: ${probabilities.length} probabilities for ${rows.length} reviews of ${K} classes.`);
  const counts = new Array<number>(K).fill(0);
  const negatives: { row: number; confidence: number }[] = [];
  const calls = argmaxRows(probabilities, K);
  rows.forEach((row, i) => {
    const best = calls[i] as number;
    counts[best]! += 1;
    if (best === spec.negativeClass) negatives.push({ row, confidence: probabilities[i * K + best] as number });
  });
  negatives.sort((a, b) => b.confidence - a.confidence || a.row - b.row);
  const hasNegative = spec.negativeClass >= 0 && rows.length > 0;
  return {
    classes: [...spec.classes], scored: rows.length, counts,
    negativeClass: spec.negativeClass >= 0 ? (spec.classes[spec.negativeClass] ?? null) : null,
    negativeShare: hasNegative ? Number((negatives.length / rows.length).toFixed(4)) : null,
    mostNegative: negatives.slice(0, mostNegativeShown).map((n) => ({ row: n.row, text: (texts[n.row] ?? '').slice(0, excerptChars), confidence: Number(n.confidence.toFixed(3)) })),
  };
}

/** A stored finding's result as ReviewScores; throws input-malformed for anything else. */
export function parseReviewScores(value: unknown): ReviewScores {
  const v = value as Partial<ReviewScores> | null;
  const ok = v && typeof v === 'object' && v.source && v.model && Array.isArray(v.classes) && Array.isArray(v.counts) && Array.isArray(v.mostNegative) && typeof v.scored === 'number';
  if (!ok) throw new AppError('input-malformed', 'A stored review-scores finding is not in the expected form; score the source again.');
  return v as ReviewScores;
}

export interface ScoredSource {
  findingId: string;
  createdAt: number;
  scores: ReviewScores;
}

/** The newest scores of each source of the workspace, newest first, `limit` sources at most. */
export async function recentReviewScores(db: EdgeFuseDb, workspaceId: string, limit = 5): Promise<ScoredSource[]> {
  const all = await db.findings.where('[workspaceId+kind]').equals([workspaceId, reviewScoresKind]).sortBy('createdAt');
  const seen = new Set<string>();
  const out: ScoredSource[] = [];
  for (const finding of all.reverse()) {
    let scores: ReviewScores;
    try {
      scores = parseReviewScores(finding.result);
    } catch {
      continue; // an older form: left out rather than breaking the panel
    }
    if (seen.has(scores.source.id)) continue;
    seen.add(scores.source.id);
    out.push({ findingId: finding.id, createdAt: finding.createdAt, scores });
    if (out.length >= limit) break;
  }
  return out;
}
