// The "Review intelligence" job of the Discover page: on a table of reviews, a sentiment model
// fine-tuned on the device beside the TF-IDF baseline (labels from star ratings through an
// editable map, or a label column), topics from sentence vectors, aspects and what drives
// negative reviews per product and category, sentiment over time with alerts, and token
// attributions on example reviews. Everything lands in one finding (plain JSON).
import * as tf from '@tensorflow/tfjs-core';
import { AppError } from '../errors';
import { readSourceTable } from '../fusion/read-store-tables';
import type { FusionTable } from '../fusion/types';
import type { JobHandler } from '../jobs';
import type { ReadFile } from '../ml/models';
import { useLiteTextEmbedder } from '../ml/text-embedder';
import { sampleIndices } from '../random';
import { getSource, reviewLabelsOf, saveFinding, type CellValue, type EdgeFuseDb } from '../store';
import { analyseAspects } from './aspects';
import { checkTextColumns, classifyTable, rowTexts, type ClassifyReport } from './classify';
import { labelsOf, parseLabelMap, suggestLabelMap, formatLabelMap } from './labels';
import { argmaxRows } from './metrics';
import { monitorSentiment } from './monitor';
import type { ReviewProgress } from './progress';
import { findTopics } from './topics';
import { robustClassifyParams, type RobustnessParams } from './robustness';
import { learnFromUserLabels, rememberingEmbedder, type LabellingParams } from './user-labelling';
import { keepSentimentModel } from './stored-sentiment-model';

export interface ReviewParams {
  workspaceId: string;
  sourceId: string;
  /** Text columns, joined per row (title and text). */
  textColumns: string[];
  /** Star ratings or labels; null: no labels (zero-shot from the opinion lexicon). */
  labelColumn: string | null;
  /** "1-2:negative,3:neutral,4-5:positive"; null: suggested from the values (stars) or labels as they are. */
  labelMap: string | null;
  productColumn: string | null;
  timeColumn: string | null;
  /** A catalogue to read each product's category from: its product id and category columns. */
  categories: { sourceId: string; keyColumn: string; categoryColumn: string } | null;
  /** Fine-tuning budget: optimizer steps and training rows at most. */
  steps: number;
  maxTrainRows: number;
  /** Reviews embedded for topics at most (a seeded sample beyond); the same sample is the label queue's pool. */
  topicSample: number;
  /** Without a label column: the label queue, and training on the user's labels (user-labelling.ts). */
  labelling?: Partial<LabellingParams>;
  /** Text augmentation, regularisation, an ensemble of seeds (robustness.ts); absent: a plain run. */
  robustness?: Partial<RobustnessParams>;
}

export const reviewDefaults = { steps: 60, maxTrainRows: 600, topicSample: 600 } as const;

/** How many held-out reviews get token attributions. */
const explainedReviews = 6;

type Json = Record<string, unknown>;

const column = (table: FusionTable, name: string) => {
  const found = table.columns.find((c) => c.name === name);
  if (!found) throw new AppError('input-malformed', `${table.name} has no column "${name}".`, { column: name });
  return found.values;
};
const text = (v: CellValue | undefined) => (v === null || v === undefined ? null : String(v).trim() || null);
const round = (x: number, digits = 4) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : null);

export function reviewJob(db: EdgeFuseDb, useLiteFiles: ReadFile | undefined): JobHandler<ReviewParams, { findingId: string }> {
  return async (ctx) => {
    if (!useLiteFiles) throw new AppError('unsupported', 'The sentence encoder is not available here.');
    const p = { ...reviewDefaults, ...ctx.params };
    // Before reading anything: the label column among the texts would hand the model its answer.
    if (p.labelColumn) checkTextColumns(p.textColumns, p.labelColumn);
    const { signal } = ctx;
    const stage = (done: number, message: string) => ctx.progress(done, 6, 'stages', message);
    // Sentiment work reports phase by phase (baseline, embedding, steps, classifying), each from 0
    // to its own total: the bar keeps the furthest point reached, so it never runs backwards.
    let reached = 0;
    const onProgress = (message: string, done: number) => (e: ReviewProgress) => {
      reached = Math.max(reached, done + Math.min(1, e.done / Math.max(1, e.total)));
      ctx.progress(reached, 6, 'stages', `${message}: ${e.message}`);
    };
    const source = await getSource(db, p.sourceId);
    stage(0, `Reading ${source.name}`);
    const table = await readSourceTable(db, source, { signal });
    const texts = rowTexts(table, p.textColumns);
    const N = texts.length;
    const products = p.productColumn ? column(table, p.productColumn).map(text) : null;
    const categories = products && p.categories ? await categoryOf(db, p.categories, products, signal) : null;

    // The topic sample, embedded once: the label queue's pool and the topics both read it.
    const picked = sampleIndices(N, p.topicSample, 11).filter((i) => texts[i]);
    const embedder = useLiteTextEmbedder(useLiteFiles);
    const embed = rememberingEmbedder((t, s) => embedder.embed(t, s));

    // 1. Sentiment: fine-tuned beside the baseline when there are labels (a column, or the user's own).
    let classification: (ClassifyReport & { predictions: Json[] }) | null = null;
    let negative: Float64Array = new Float64Array(N).fill(NaN);
    let labelMap: string | null = null;
    /** Whether the labels include a negative class, so that they can say which reviews are negative. */
    let labelsSayNegative = false;
    /** The classifier kept in the registry, to score reviews imported later. */
    let sentimentModel: { id: string; name: string } | null = null;
    const explained: Json[] = [];
    const robust = robustClassifyParams(p.steps, p.robustness);
    const labelling = p.labelColumn ? null : await learnFromUserLabels({
      texts, ...(table.rowIds && { rowIds: table.rowIds }), pool: picked, userLabels: await reviewLabelsOf(db, p.workspaceId, p.sourceId),
      embed, readModelFile: useLiteFiles, params: p.labelling ?? {}, classify: { maxTrainRows: p.maxTrainRows, ...robust },
    }, { signal, onProgress: onProgress('Sentiment from your labels', 0) });
    if (p.labelColumn || labelling?.trained) {
      const labelColumn = p.labelColumn ?? 'my labels';
      const values = p.labelColumn ? column(table, p.labelColumn) : labelling!.trained!.labels;
      const rules = !p.labelColumn ? null : p.labelMap ? parseLabelMap(p.labelMap) : suggestLabelMap(values);
      labelMap = rules ? formatLabelMap(rules) : null;
      const result = labelling?.trained?.result ?? await classifyTable(table, {
        textColumns: p.textColumns, labelColumn, labelMap: rules, maxTrainRows: p.maxTrainRows, ...robust,
      }, useLiteFiles, { signal, onProgress: onProgress('Sentiment', 0), keepModel: true });
      const classifier = result.classifier!;
      try {
        const { predictions, report } = result;
        const negativeClass = report.classes.findIndex((c) => /neg|bad|^0$|^1$/i.test(c));
        labelsSayNegative = negativeClass >= 0;
        // Known labels are the truth for monitoring; the model only fills the rows without one.
        // Labels with no negative class (genres, ham/spam) say nothing about sentiment: the
        // lexicon judges those reviews below, as it does without labels.
        const labels = labelsOf(values, rules, labelColumn);
        const unknown: number[] = [];
        for (let i = 0; i < N && labelsSayNegative; i++) {
          const t = labels.targets[i] as number;
          if (t >= 0) negative[i] = t === negativeClass ? 1 : 0;
          else if (texts[i]) unknown.push(i);
        }
        if (unknown.length > 0 && negativeClass >= 0 && p.labelColumn) { // with the user's few labels, monitoring stays on the lexicon (scoring every review would dominate the run on WASM)
          const probs = await classifier.predict(unknown.map((i) => texts[i]!), { signal });
          const calls = argmaxRows(probs, report.classes.length);
          unknown.forEach((row, j) => (negative[row] = calls[j] === negativeClass ? 1 : 0));
        }
        // Held-out reviews for the page: the model's and the baseline's calls side by side.
        const shown = sampleIndices(predictions.rows.length, 200, 3);
        classification = {
          ...report,
          predictions: shown.map((j) => ({
            row: predictions.rows[j], text: texts[predictions.rows[j]!]?.slice(0, 400), truth: report.classes[predictions.truth[j]!], predicted: report.classes[predictions.predicted[j]!],
            confidence: round(predictions.confidence[j]!, 3), baseline: report.classes[predictions.baselinePredicted[j]!],
          })),
        };
        const kept = await keepSentimentModel(db, p.workspaceId, classifier, report, { source, textColumns: p.textColumns, labelColumn, rows: N });
        sentimentModel = { id: kept.id, name: kept.name };
        stage(2, 'Explaining example reviews');
        {
          const wrongFirst = [...shown].sort((a, b) => Number(predictions.predicted[b] === predictions.truth[b]) - Number(predictions.predicted[a] === predictions.truth[a])).slice(0, explainedReviews);
          const rows = wrongFirst.map((j) => predictions.rows[j]!);
          const attributions = await classifier.explain(rows.map((r) => texts[r]!), { signal });
          attributions.forEach((a, i) => explained.push({
            row: rows[i], text: texts[rows[i]!], predicted: report.classes[a.target], probabilities: a.probabilities.map((x) => round(x, 3)),
            words: a.words.map((w) => ({ text: w.text, start: w.start, end: w.end, score: round(w.score, 5) })), gap: round(a.gap),
          }));
        }
      } finally {
        classifier.dispose();
      }
    }
    signal.throwIfAborted();

    // 2. Topics on a sample of reviews.
    stage(3, 'Embedding reviews for topics');
    const vectors = await embed(picked.map((i) => texts[i]!), signal);
    const topicResult = picked.length >= 3
      ? await findTopics({ texts: picked.map((i) => texts[i]!), embeddings: vectors, sentiment: Float64Array.from(picked, (i) => (Number.isNaN(negative[i]!) ? NaN : negative[i] ? -1 : 1)) }, {}, { signal })
      : null;

    // 3. Aspects and their negative drivers (sentences scored by the opinion lexicon: fast on all reviews).
    stage(4, 'Finding aspects');
    const aspects = await analyseAspects({ texts, ...(products ? { product: products } : {}), ...(categories ? { category: categories } : {}) }, {}, { signal });

    // 4. Sentiment over time: stars where there are any, else the lexicon's verdict per review.
    stage(5, 'Monitoring sentiment over time');
    if (!p.labelColumn || !labelsSayNegative) negative = lexiconNegatives(aspects.sentences.review, aspects.scores, N);
    const monitor = p.timeColumn ? monitorSentiment({ times: column(table, p.timeColumn) as (string | number | null)[], negative, ...(products ? { product: products } : {}), ...(categories ? { category: categories } : {}) }) : null;

    const result: Json = {
      source: source.name, reviews: N, labelMap, classification, sentimentModel,
      explained, labelling: labelling?.summary ?? null,
      topics: topicResult && {
        k: topicResult.k, silhouette: round(topicResult.silhouette), sampled: picked.length,
        topics: topicResult.topics.map((t) => ({ ...t, cohesion: round(t.cohesion), share: round(t.share), keywords: t.keywords.slice(0, 8).map((k) => ({ word: k.word, score: round(k.score) })), representatives: t.representatives.slice(0, 3).map((r) => ({ ...r, text: r.text.slice(0, 300), similarity: round(r.similarity, 3) })) })),
      },
      aspects: {
        overall: aspects.overall,
        aspects: aspects.aspects.map((a) => ({ ...a, meanScore: round(a.meanScore), negativeRate: round(a.negativeRate), baselineRate: round(a.baselineRate), lift: round(a.lift), z: round(a.z, 2), evidence: { negative: a.evidence.negative.slice(0, 3), positive: a.evidence.positive.slice(0, 2) } })),
        drivers: aspects.drivers.slice(0, 30).map((d) => ({ ...d, rate: round(d.rate), baselineRate: round(d.baselineRate), groupRate: round(d.groupRate), lift: round(d.lift), z: round(d.z, 2), pValue: round(d.pValue, 6), shareOfNegatives: round(d.shareOfNegatives), evidence: d.evidence.slice(0, 3) })),
      },
      monitor: monitor && {
        period: monitor.period, periods: monitor.periods, overallRate: round(monitor.overallRate), skipped: monitor.skipped,
        series: monitor.series.filter((s) => s.level === 'all' || monitor.alerts.some((a) => a.level === s.level && a.group === s.group)).slice(0, 12)
          .map((s) => ({ level: s.level, group: s.group, reviews: Array.from(s.reviews), negatives: Array.from(s.negatives), low: Array.from(s.low, (x) => round(x, 3)), high: Array.from(s.high, (x) => round(x, 3)) })),
        alerts: monitor.alerts.slice(0, 20).map((a) => ({ ...a, rate: round(a.rate), baselineRate: round(a.baselineRate), expected: round(a.expected, 2), z: round(a.z, 2), pValue: round(a.pValue, 8) })),
      },
      backend: tf.getBackend(),
    };
    const finding = await saveFinding(db, { workspaceId: p.workspaceId, kind: 'reviews', jobId: ctx.jobId, params: { ...ctx.params }, result: JSON.parse(JSON.stringify(result)) as Json });
    const summary: Record<string, number | string> = { reviews: N, backend: tf.getBackend() };
    if (classification) Object.assign(summary, { accuracy: classification.model.accuracy, macroF1: classification.model.macroF1, baselineAccuracy: classification.baseline.accuracy, baselineMacroF1: classification.baseline.macroF1 });
    ctx.summarise(summary);
    stage(6, 'Done');
    return { findingId: finding.id };
  };
}

/** A review is negative when its sentences' mean lexicon score is below zero (NaN when it has none). */
function lexiconNegatives(reviewOfSentence: ArrayLike<number>, scores: Float32Array, reviews: number): Float64Array {
  const sum = new Float64Array(reviews);
  const count = new Int32Array(reviews);
  for (let s = 0; s < scores.length; s++) {
    const r = reviewOfSentence[s] as number;
    sum[r]! += scores[s] as number;
    count[r]! += 1;
  }
  return Float64Array.from(sum, (x, r) => (count[r] ? (x / count[r]! < 0 ? 1 : 0) : NaN));
}

async function categoryOf(db: EdgeFuseDb, spec: NonNullable<ReviewParams['categories']>, products: readonly (string | null)[], signal: AbortSignal): Promise<(string | null)[]> {
  const table = await readSourceTable(db, await getSource(db, spec.sourceId), { signal });
  const keys = column(table, spec.keyColumn);
  const cats = column(table, spec.categoryColumn);
  const byKey = new Map<string, string>();
  keys.forEach((k, i) => {
    const key = text(k);
    const cat = text(cats[i]);
    if (key && cat) byKey.set(key, cat);
  });
  return products.map((p) => (p ? (byKey.get(p) ?? null) : null));
}
