import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { robustClassifyParams } from '../../../src/lib/reviews/robustness';
import { learnFromUserLabels, rememberingEmbedder } from '../../../src/lib/reviews/user-labelling';
import { readPackageFile } from '../ml/models/package-files';
import { reviews } from '../ml/train/sentiment';

// The label queue and training on the user's labels. The zero-shot start uses a stand-in
// embedder (a word-count vector), so the queue's choice can be checked by hand; the trained
// path fine-tunes USE-lite on WASM for a few steps.

/** Axis 0 counts praise, axis 1 complaints, axis 2 is always on: a crude but honest sentence vector. */
const embed = async (texts: readonly string[]) => texts.map((t) => Float32Array.from([(t.match(/love|great|perfect|excellent|happy/gi) ?? []).length + 0.1, (t.match(/broken|refund|waste|poor|disappoint/gi) ?? []).length + 0.1, 1]));

const texts = [
  'I love it, great mug', // 0: clearly positive
  'Arrived broken, I want a refund', // 1: clearly negative
  'It is a mug', // 2: no opinion: uncertain
  'Great colour but arrived broken', // 3: mixed: uncertain
  '', // 4: no text: never offered
  'Perfect, excellent, love it', // 5
  'Waste of money, poor and broken', // 6
  'A cup for tea', // 7: uncertain
];

beforeAll(async () => {
  expect(await tf.setBackend('wasm')).toBe(true);
});

describe('user labelling', () => {
  it('starts zero-shot: queues the least certain pooled reviews, never labelled, skipped or empty ones', async () => {
    const run = await learnFromUserLabels({
      texts, pool: [0, 1, 2, 3, 4, 5, 6, 7], userLabels: [{ row: 20, label: 'neutral' }, { row: 70, label: null }, { row: 3, label: 'positive' }], embed,
      readModelFile: readPackageFile, params: { queueSize: 3 }, classify: {}, rowIds: Int32Array.from(texts, (_, i) => i * 10),
    });
    expect(run.trained).toBeNull();
    expect(run.summary).toMatchObject({ mode: 'zero-shot', classes: ['negative', 'neutral', 'positive'], counts: [0, 1, 0], pooled: 7, reviews: 8, evaluated: false });
    // The queue names stored rows (row i of this table is stored row 10 i), as labels are saved.
    const rows = run.summary.queue.map((q) => q.row);
    expect(rows).toHaveLength(3);
    expect(rows).not.toContain(20); // labelled (stored row 20; stored row 3 is no row of this table)
    expect(rows).not.toContain(70); // skipped (stored row 70)
    expect(rows).not.toContain(40); // no text
    expect(rows[0]).toBe(30); // the mixed review is the least certain left: it comes first
    for (const q of run.summary.queue) {
      expect(q.row % 10).toBe(0);
      expect(q.text).toBe(texts[q.row / 10]);
      expect(q.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 2);
      expect(q.guess).toBe(run.summary.classes[q.probabilities.indexOf(Math.max(...q.probabilities))]);
    }
    expect(run.summary.queue[0]!.confidence).toBeLessThan(0.8);
    // Zero-shot guesses go the right way on the clear cases (stand-in vectors plus the lexicon).
    const guessOf = new Map(run.summary.queue.map((q) => [q.row, q.guess]));
    if (guessOf.has(50)) expect(guessOf.get(50)).toBe('positive');
    if (guessOf.has(60)) expect(guessOf.get(60)).toBe('negative');
  });

  it('remembers vectors: each distinct text is embedded once', async () => {
    const asked: string[] = [];
    const remembering = rememberingEmbedder(async (t) => {
      asked.push(...t);
      return embed(t);
    });
    await remembering(['a great mug', 'broken']);
    const again = await remembering(['broken', 'a great mug', 'new one', 'new one']);
    expect(asked).toEqual(['a great mug', 'broken', 'new one']);
    expect(Array.from(again[1]!)).toEqual(Array.from((await embed(['a great mug']))[0]!));
  });

  it('trains on enough user labels (with pseudo-labels, augmentation and two seeds), evaluated on held-out user labels beside the baseline', { timeout: 300_000 }, async () => {
    const all = reviews(160, 5);
    const allTexts = all.map((r) => r.text);
    const labelled = Array.from({ length: 48 }, (_, i) => i);
    const before = tf.memory().numTensors;
    const run = await learnFromUserLabels({
      texts: allTexts, pool: Array.from({ length: 160 }, (_, i) => i), userLabels: labelled.map((row) => ({ row, label: all[row]!.label })), embed,
      readModelFile: readPackageFile, params: { classes: ['negative', 'positive'], queueSize: 5, pseudoLabel: true, pseudoThreshold: 0.8, pseudoPerClass: 10 },
      classify: { maxTrainRows: 200, ...robustClassifyParams(4, { augmentRate: 0.15, dropout: 0.1, seeds: 2 }) },
    });
    const trained = run.trained!;
    try {
      const { report } = trained.result;
      expect(run.summary).toMatchObject({ mode: 'my-labels', classes: ['negative', 'positive'], counts: [24, 24], evaluated: true });
      expect(run.summary.heldOut).toBe(report.rows.test);
      expect(report.rows.test).toBeGreaterThanOrEqual(14); // 30% of each class's 24
      expect(run.summary.pseudoLabels).toBeGreaterThan(0);
      expect(report.augmentedTexts).toBe(report.rows.train);
      expect(report.seedModels).toHaveLength(2);
      expect(report.seedModels!.map((s) => s.seed)).toEqual([1, 2]);
      expect(report.model.accuracy).toBeGreaterThan(0.75);
      expect(report.baseline.accuracy).toBeGreaterThan(0.5);
      // Held-out rows are user-labelled rows only, never pseudo-labelled ones.
      for (const row of trained.result.predictions.rows) expect(labelled).toContain(row);
      expect(run.summary.queue).toHaveLength(5);
      for (const q of run.summary.queue) expect(labelled).not.toContain(q.row);
    } finally {
      trained.result.classifier?.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('trains on a handful of labels but says the held-out ones are too few for figures', { timeout: 120_000 }, async () => {
    const all = reviews(40, 8);
    const run = await learnFromUserLabels({
      texts: all.map((r) => r.text), pool: Array.from({ length: 40 }, (_, i) => i), userLabels: Array.from({ length: 12 }, (_, row) => ({ row, label: all[row]!.label })), embed,
      readModelFile: readPackageFile, params: { classes: ['negative', 'positive'] }, classify: { fineTune: { trainable: 'head' } },
    });
    run.trained?.result.classifier?.dispose();
    expect(run.summary).toMatchObject({ mode: 'my-labels', counts: [6, 6], heldOut: 4, evaluated: false, labelsNeeded: 30 });
  });
});
