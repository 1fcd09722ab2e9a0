// The "Score reviews" job: a sentiment model the review job stored scores every review of a
// source (typically one just imported). The source's text is built from the same columns the
// model was trained on; a source without them is skipped with a message, not failed. The result
// is a finding of kind "review-scores". A resumed job scores from the start: scoring is a
// forward pass only, and its cost is that of reading the rows again.
import * as tf from '@tensorflow/tfjs-core';
import { AppError } from '../errors';
import { readSourceTable } from '../fusion/read-store-tables';
import type { JobHandler } from '../jobs';
import type { ReadFile } from '../ml/models';
import { loadModel } from '../ml/registry';
import { getSource, saveFinding, type EdgeFuseDb } from '../store';
import { rowTexts } from './classify';
import { reviewScoresKind, summariseScores, type ReviewScores } from './review-scores';
import { parseSentimentSpec } from './sentiment-card';
import { loadSentimentModel } from './stored-sentiment-model';

export interface ScoreReviewsParams {
  workspaceId: string;
  sourceId: string;
  /** A registry model of task "sentiment". */
  modelId: string;
}

export interface ScoreReviewsResult {
  /** The stored finding; null when the source was skipped. */
  findingId: string | null;
  /** Why nothing was scored (the source lacks the model's text columns), else null. */
  skipped: string | null;
}

/** Reviews per predict call: progress and cancel are checked between batches. */
const batchReviews = 128;

export function scoreReviewsJob(db: EdgeFuseDb, useLiteFiles: ReadFile | undefined): JobHandler<ScoreReviewsParams, ScoreReviewsResult> {
  return async (ctx) => {
    if (!useLiteFiles) throw new AppError('unsupported', 'The sentence encoder is not available here.');
    const { workspaceId, sourceId, modelId } = ctx.params;
    const { signal } = ctx;
    const source = await getSource(db, sourceId);
    const { model } = await loadModel(db, modelId);
    const spec = parseSentimentSpec(model.card);
    ctx.progress(0, 1, 'reviews', `Reading ${source.name}`);
    const table = await readSourceTable(db, source, { signal });
    const missing = spec.textColumns.filter((name) => !table.columns.some((c) => c.name === name));
    if (missing.length > 0) {
      const skipped = `${source.name} has no column ${missing.map((m) => `"${m}"`).join(' or ')}, which the model "${model.name}" reads; nothing was scored.`;
      ctx.log(skipped, 'warn');
      ctx.summarise({ skipped });
      return { findingId: null, skipped };
    }
    const texts = rowTexts(table, spec.textColumns);
    const rows = texts.flatMap((t, row) => (t.trim() ? [row] : []));

    ctx.progress(0, rows.length, 'reviews', `Loading ${model.name}`);
    const scorer = await loadSentimentModel(db, modelId, useLiteFiles);
    try {
      const K = spec.classes.length;
      const probabilities = new Float32Array(rows.length * K);
      for (let start = 0; start < rows.length; start += batchReviews) {
        signal.throwIfAborted();
        const batch = rows.slice(start, start + batchReviews);
        probabilities.set(await scorer.predict(batch.map((r) => texts[r]!), { signal }), start * K);
        ctx.progress(start + batch.length, rows.length, 'reviews', `Scoring ${source.name} with ${model.name}`);
      }
      const result: ReviewScores = {
        source: { id: source.id, name: source.name },
        model: { id: model.id, name: model.name, trainedOn: spec.trainedOn.name },
        reviews: table.rowCount,
        ...summariseScores(probabilities, rows, texts, spec),
        backend: tf.getBackend(),
      };
      const finding = await saveFinding(db, { workspaceId, kind: reviewScoresKind, jobId: ctx.jobId, params: { ...ctx.params }, result: JSON.parse(JSON.stringify(result)) as Record<string, unknown> });
      ctx.summarise({ reviews: result.scored, ...(result.negativeShare !== null ? { negativeShare: result.negativeShare } : {}), backend: result.backend });
      return { findingId: finding.id, skipped: null };
    } finally {
      scorer.dispose();
    }
  };
}
