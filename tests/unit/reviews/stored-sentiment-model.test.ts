import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { importFilesJob } from '../../../src/lib/ingest';
import { runJob } from '../../../src/lib/jobs';
import { exportModel, importModel, listModels } from '../../../src/lib/ml/registry';
import { recentReviewScores, summariseScores } from '../../../src/lib/reviews/review-scores';
import { scoreReviewsJob } from '../../../src/lib/reviews/score-reviews-job';
import { parseSentimentSpec, sentimentModelFor } from '../../../src/lib/reviews/sentiment-card';
import { seedEnsemble } from '../../../src/lib/reviews/seed-ensemble';
import { loadSentimentModel, saveSentimentModel } from '../../../src/lib/reviews/stored-sentiment-model';
import { fineTuneClassifier } from '../../../src/lib/reviews/text-classifier';
import type { EdgeFuseDb } from '../../../src/lib/store';
import { testDb } from '../helpers';
import { readPackageFile } from '../ml/models/package-files';
import { reviews } from '../ml/train/sentiment';

// The review job's classifier kept in the registry and rebuilt from it: a tiny LoRA run (few
// steps, few rows) saved, reloaded from USE-lite's files plus the stored adapters and head, and
// the same probabilities out; then the scoring job over an imported table with that model.

const classes = ['negative', 'positive'];
const all = reviews(60, 5);
const set = (rows: typeof all) => ({ texts: rows.map((r) => r.text), targets: Int32Array.from(rows, (r) => (r.label === 'positive' ? 1 : 0)) });
const heldOut = reviews(16, 99).map((r) => r.text);

let db: EdgeFuseDb;
let modelId = '';
let trainedProbabilities: Float32Array;

beforeAll(async () => {
  expect(await tf.setBackend('wasm')).toBe(true);
  db = testDb();
  const before = tf.memory().numTensors;
  // Two windows per text and rank 4: the reload must rebuild both from the card.
  const classifier = await fineTuneClassifier(readPackageFile, set(all.slice(0, 44)), set(all.slice(44)), 2, { steps: 4, batchSize: 8, evalEvery: 2, patience: 2, windows: 2, loraRank: 4 });
  try {
    trainedProbabilities = await classifier.predict(heldOut);
    const saved = await saveSentimentModel(db, 'w', classifier, { textColumns: ['title', 'text'], classes, negativeClass: 0, labelMap: null, trainedOn: { sourceId: 's0', name: 'train.csv' } }, {
      labelColumn: 'verdict', rows: 60, trainRows: 44, validationRows: 16, metrics: { accuracy: 0.9 }, backend: tf.getBackend(), steps: classifier.summary.steps,
    });
    modelId = saved.id;
  } finally {
    classifier.dispose();
  }
  expect(tf.memory().numTensors).toBe(before);
}, 120_000);

describe('stored sentiment model', () => {
  it('is in the registry as a sentiment model with its text columns and fine-tuning config', async () => {
    const [model] = await listModels(db, 'w');
    expect(model).toMatchObject({ id: modelId, card: { task: 'sentiment', base: 'use-lite', labels: classes, lora: { rank: 4, alpha: 8 } } });
    const spec = parseSentimentSpec(model!.card);
    expect(spec).toMatchObject({ textColumns: ['title', 'text'], classes, negativeClass: 0, trainedOn: { name: 'train.csv' } });
    expect(spec.fineTune).toMatchObject({ trainable: 'lora', loraRank: 4, windows: 2 });
    // Adapters and head only: far smaller than USE-lite's 28 MB.
    expect(model!.sizeBytes).toBeLessThan(3_000_000);
    // Exported and imported like any model, it is still one that can score.
    const copy = await importModel(db, 'w2', await exportModel(db, modelId));
    expect(parseSentimentSpec(copy.card)).toEqual(spec);
    expect(copy.sizeBytes).toBe(model!.sizeBytes);
  });

  it('reloads to the same probabilities as the model that was trained, and leaks nothing', async () => {
    const before = tf.memory().numTensors;
    const scorer = await loadSentimentModel(db, modelId, readPackageFile);
    const probabilities = await scorer.predict(heldOut);
    scorer.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(probabilities.length).toBe(trainedProbabilities.length);
    let maxDiff = 0;
    probabilities.forEach((p, i) => (maxDiff = Math.max(maxDiff, Math.abs(p - trainedProbabilities[i]!))));
    expect(maxDiff).toBeLessThan(1e-5);
    // Not a constant: the reviews get different calls.
    expect(new Set(Array.from(probabilities, (p) => p.toFixed(3))).size).toBeGreaterThan(2);
  });

  it('keeps every seed of an ensemble, and reloads to the ensemble\'s probabilities, not one seed\'s', async () => {
    const before = tf.memory().numTensors;
    const runs = [];
    for (const seed of [11, 12]) runs.push(await fineTuneClassifier(readPackageFile, set(all.slice(0, 44)), set([]), 2, { steps: 4, batchSize: 8, evalEvery: 2, patience: 0, windows: 1, loraRank: 2, seed }));
    const ensemble = seedEnsemble(runs);
    let ensembleId = '';
    let ensembleProbabilities: Float32Array;
    let firstSeedProbabilities: Float32Array;
    try {
      ensembleProbabilities = await ensemble.predict(heldOut);
      firstSeedProbabilities = await runs[0]!.predict(heldOut);
      const saved = await saveSentimentModel(db, 'ens', ensemble, { textColumns: ['text'], classes, negativeClass: 0, labelMap: null, trainedOn: { sourceId: 's0', name: 'train.csv' } }, {
        labelColumn: 'verdict', rows: 60, trainRows: 44, validationRows: 16, metrics: {}, backend: tf.getBackend(), steps: 3,
      });
      ensembleId = saved.id;
      expect(parseSentimentSpec(saved.card).seeds).toBe(2);
    } finally {
      ensemble.dispose();
    }
    const scorer = await loadSentimentModel(db, ensembleId, readPackageFile);
    const probabilities = await scorer.predict(heldOut);
    scorer.dispose();
    expect(tf.memory().numTensors).toBe(before);
    const maxDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, p, i) => Math.max(m, Math.abs(p - b[i]!)), 0);
    expect(maxDiff(probabilities, ensembleProbabilities)).toBeLessThan(1e-5);
    // The seeds differ, so one seed alone would not have passed.
    expect(maxDiff(probabilities, firstSeedProbabilities)).toBeGreaterThan(1e-4);
  }, 120_000);

  it('reads a card from before ensembles were stored as one seed, and refuses an impossible seed count', async () => {
    const [model] = await listModels(db, 'w');
    const sentiment = (model!.card.config as { sentiment: Record<string, unknown> }).sentiment;
    const { seeds: _, ...older } = sentiment;
    expect(parseSentimentSpec({ task: 'sentiment', config: { sentiment: older } }).seeds).toBe(1);
    expect(() => parseSentimentSpec({ task: 'sentiment', config: { sentiment: { ...sentiment, seeds: 0 } } })).toThrow(/seeds/);
  });

  it('is chosen for a table only when the table has every text column it reads', async () => {
    const models = await listModels(db, 'w');
    expect(sentimentModelFor(models, ['id', 'title', 'text'])?.id).toBe(modelId);
    expect(sentimentModelFor(models, ['id', 'text'])).toBeNull();
  });
});

describe('scoring job', () => {
  const csv = (header: string, rows: string[][]) => [header, ...rows.map((r) => r.map((v) => `"${v}"`).join(','))].join('\n');
  const negativeTexts = ['Terrible, broken and useless', 'Awful shoes, horrible quality', 'Dreadful kettle, faulty and cheap', 'Disappointing lamp, poor and broken'];
  const positiveTexts = ['Great shoes, excellent quality', 'Wonderful jacket, lovely and comfortable', 'Perfect kettle, superb', 'Fantastic lamp, brilliant and delightful'];
  const importCsv = async (name: string, text: string) => {
    const outcome = await runJob(db, { kind: 'import-files', workspaceId: 'w', params: { workspaceId: 'w', files: [] } }, importFilesJob(db, [new File([text], name)]));
    expect(outcome.status).toBe('done');
    return (await db.sources.toArray()).find((s) => s.name === name)!;
  };

  it('scores every review of an imported table and stores counts, the negative share and the most negative reviews', async () => {
    // The last row has no text: it is counted, not scored.
    const rows = [...negativeTexts.map((t) => ['Bad', t]), ...positiveTexts.map((t) => ['Good', t]), ['', '']].map((r, i) => [String(i), ...r]);
    const source = await importCsv('new-reviews.csv', csv('id,title,text', rows));
    const progress: number[] = [];
    const outcome = await runJob(db, { kind: 'score-reviews', workspaceId: 'w', params: { workspaceId: 'w', sourceId: source.id, modelId } }, scoreReviewsJob(db, readPackageFile), {
      onEvent: (e) => { if (e.type === 'progress' && e.unit === 'reviews') progress.push(e.done); },
    });
    expect(outcome.status).toBe('done');
    const [scored] = await recentReviewScores(db, 'w');
    expect(scored?.findingId).toBe(outcome.status === 'done' ? outcome.result.findingId : '');
    const s = scored!.scores;
    expect(s).toMatchObject({ source: { id: source.id, name: 'new-reviews.csv' }, model: { id: modelId, trainedOn: 'train.csv' }, classes, reviews: 9, scored: 8, negativeClass: 'negative' });
    expect(s.counts.reduce((a, b) => a + b, 0)).toBe(8);
    expect(s.negativeShare).toBeCloseTo(s.counts[0]! / 8, 4);
    expect(s.mostNegative.length).toBe(s.counts[0]);
    // Rows 0-3 are the negative reviews: they are called negative more often than rows 4-7.
    const flagged = s.mostNegative.map((m) => m.row);
    expect(flagged.filter((r) => r < 4).length).toBeGreaterThan(flagged.filter((r) => r >= 4 && r < 8).length);
    expect(s.mostNegative[0]!.text).toMatch(/^Bad\. /);
    expect(progress.at(-1)).toBe(8);
  });

  it('skips a table without the model\'s text columns, with a message and no finding', async () => {
    const source = await importCsv('no-title.csv', csv('text', [['Great'], ['Awful']]));
    const outcome = await runJob(db, { kind: 'score-reviews', workspaceId: 'w', params: { workspaceId: 'w', sourceId: source.id, modelId } }, scoreReviewsJob(db, readPackageFile));
    expect(outcome.status).toBe('done');
    if (outcome.status !== 'done') return;
    expect(outcome.result).toEqual({ findingId: null, skipped: expect.stringContaining('"title"') });
    expect((await recentReviewScores(db, 'w')).map((r) => r.scores.source.name)).not.toContain('no-title.csv');
  });
});

it('summarises probabilities: counts by the most probable class, negatives surest first', () => {
  const probabilities = Float32Array.from([0.9, 0.1, 0.2, 0.8, 0.6, 0.4, 0.3, 0.7]);
  const summary = summariseScores(probabilities, [0, 2, 5, 7], ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'], { classes, negativeClass: 0 });
  expect(summary).toEqual({
    classes, scored: 4, counts: [2, 2], negativeClass: 'negative', negativeShare: 0.5,
    mostNegative: [{ row: 0, text: 'a', confidence: 0.9 }, { row: 5, text: 'f', confidence: 0.6 }],
  });
  expect(summariseScores(probabilities, [0, 2, 5, 7], [], { classes, negativeClass: -1 }).negativeShare).toBeNull();
});
