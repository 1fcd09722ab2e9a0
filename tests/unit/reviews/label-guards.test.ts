import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/lib/errors';
import type { FusionTable } from '../../../src/lib/fusion/types';
import type { JobContext } from '../../../src/lib/jobs';
import type { ReadFile } from '../../../src/lib/ml/models';
import { checkTextColumns, classifyTable } from '../../../src/lib/reviews/classify';
import { formatLabelMap, isSentiment, labelsOf, parseLabelMap, starLabelMap, suggestLabelMapOfProfile } from '../../../src/lib/reviews/labels';
import { reviewJob, type ReviewParams } from '../../../src/lib/reviews/review-job';
import type { CellValue, EdgeFuseDb } from '../../../src/lib/store';

// Inputs that used to run and mislead, found on real data in the Reviews panel: the label column
// also read as text (SpamAssassin's `label` taken for a title: a fake 1.000 accuracy), and a label
// column of text through the star map (Brown's genres: "There are no training examples" from deep
// inside training). Each is refused up front, with a message that names the column and the fix.

const stars = parseLabelMap('1-2:negative,3:neutral,4-5:positive');

/** The error `run` throws (or fails the test). */
function errorOf(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected an error');
}

/** A table of spam-like rows: id, label (ham/spam), text, part. */
function spamTable(): FusionTable {
  const rows = 40;
  const col = (name: string, values: CellValue[]) => ({ name, type: 'categorical' as const, role: 'none' as const, values });
  return {
    id: 'spam.csv', name: 'spam.csv', rowCount: rows,
    columns: [
      col('id', Array.from({ length: rows }, (_, i) => `m${i}`)),
      col('label', Array.from({ length: rows }, (_, i) => (i % 3 === 0 ? 'spam' : 'ham'))),
      col('text', Array.from({ length: rows }, (_, i) => (i % 3 === 0 ? `win money now ${i}` : `meeting notes ${i}`))),
      col('stars', Array.from({ length: rows }, () => 5)),
      col('part', Array.from({ length: rows }, (_, i) => (i % 5 === 0 ? 'test' : 'train'))),
    ],
  };
}

/** Reading the encoder means the run got past its checks: none of these should get that far. */
const noModel: ReadFile = () => Promise.reject(new Error('the model was read: the inputs were not checked first'));

describe('label map against its column', () => {
  it('refuses a map no value matches, naming the column and the map', () => {
    const genres = ['news', 'fiction', 'humor', null, 'news'];
    const error = errorOf(() => labelsOf(genres, stars, 'category'));
    expect(error.code).toBe('input-malformed');
    expect(error.message).toBe('No value of "category" matches the label map 1-2:negative,3:neutral,4-5:positive. Clear the map to learn the column\'s own values, or edit it to cover them.');
    expect(errorOf(() => labelsOf(['ham', 'spam'], stars)).message).toMatch(/^No value of the label column matches/);
  });

  it('refuses a map when more values are text than match it', () => {
    const mostlyText = ['ham', 'spam', 'ham', '5', '1', 'spam'];
    expect(errorOf(() => labelsOf(mostlyText, stars, 'label')).message).toMatch(/^Only 2 of the 6 values of "label" match the label map 1-2:negative/);
  });

  it('still leaves numbers outside the ranges out on purpose, and empty columns to the caller', () => {
    const extremes = labelsOf([1, 2, 3, 3, 3, 4, 5], parseLabelMap('1-2:negative,4-5:positive'), 'stars');
    expect(Array.from(extremes.targets)).toEqual([0, 0, -1, -1, -1, 1, 1]);
    expect(extremes.unmapped).toBe(3);
    expect(labelsOf([null, ''], stars, 'stars').targets.every((t) => t === -1)).toBe(true);
    expect(labelsOf(['ham', 'spam'], null, 'label').classes).toEqual(['ham', 'spam']);
  });

  it('suggests the star map from a profile only for ratings', () => {
    const top = (...values: string[]) => values.map((value) => ({ value, count: 1 }));
    expect(suggestLabelMapOfProfile({ topValues: top('5', '4', '1', '3', '2'), numeric: null })).toEqual(starLabelMap);
    expect(suggestLabelMapOfProfile({ topValues: top('ham', 'spam'), numeric: null })).toBeNull();
    expect(suggestLabelMapOfProfile({ topValues: top('news', 'fiction', 'humor'), numeric: null })).toBeNull();
    // The range counts too: frequent values 1-5 in a column that reaches 200 are not stars.
    const numeric = { min: 1, max: 200 } as NonNullable<Parameters<typeof suggestLabelMapOfProfile>[0]>['numeric'];
    expect(suggestLabelMapOfProfile({ topValues: top('5', '4', '1', '3', '2'), numeric })).toBeNull();
    expect(suggestLabelMapOfProfile(undefined)).toBeNull();
  });

  it('calls classes sentiment only when they are the star map\'s', () => {
    expect(isSentiment(['negative', 'neutral', 'positive'])).toBe(true);
    expect(isSentiment(['negative', 'positive'])).toBe(true);
    expect(isSentiment(['ham', 'spam'])).toBe(false);
    expect(isSentiment(['news', 'positive'])).toBe(false);
    expect(isSentiment(['positive'])).toBe(false);
  });
});

describe('the answer never among the inputs', () => {
  it('refuses the label or split column as a text column, and no text column at all', () => {
    expect(() => checkTextColumns(['text'], 'label', 'part')).not.toThrow();
    expect(errorOf(() => checkTextColumns(['label', 'text'], 'label')).message).toMatch(/^"label" is the label column, so it cannot also be a text column/);
    expect(errorOf(() => checkTextColumns(['text', 'part'], 'label', 'part')).message).toMatch(/^"part" is the split column/);
    expect(errorOf(() => checkTextColumns([], 'label')).message).toMatch(/at least one text column/);
  });

  it('classifyTable refuses them before reading the model (as `edgefuse classify --text label --label label` runs it)', async () => {
    const table = spamTable();
    await expect(classifyTable(table, { textColumns: ['label', 'text'], labelColumn: 'label' }, noModel)).rejects.toThrow(/"label" is the label column/);
    await expect(classifyTable(table, { textColumns: ['text', 'part'], labelColumn: 'label', split: { column: 'part' } }, noModel)).rejects.toThrow(/"part" is the split column/);
  });

  it('classifyTable refuses text labels through the star map, and one class under a map, saying so', async () => {
    const table = spamTable();
    const error = await classifyTable(table, { textColumns: ['text'], labelColumn: 'label', labelMap: stars }, noModel).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('input-malformed');
    expect((error as AppError).message).toMatch(/^No value of "label" matches the label map 1-2:negative,3:neutral,4-5:positive\. Clear the map/);
    // Every row 5 stars: the map has three classes, the rows one.
    await expect(classifyTable(table, { textColumns: ['text'], labelColumn: 'stars', labelMap: stars }, noModel))
      .rejects.toThrow(`"stars" holds one class only under the label map ${formatLabelMap(stars)}: there is nothing to learn.`);
  });

  it('the review job refuses the label column among its texts before reading anything', async () => {
    const db = new Proxy({}, { get: () => { throw new Error('the database was read: the inputs were not checked first'); } }) as unknown as EdgeFuseDb;
    const params: ReviewParams = {
      workspaceId: 'w', sourceId: 's', textColumns: ['label', 'text'], labelColumn: 'label', labelMap: null,
      productColumn: null, timeColumn: null, categories: null, steps: 5, maxTrainRows: 100, topicSample: 50,
    };
    const ctx = { jobId: 'j', params, signal: new AbortController().signal, resumeState: null, progress: () => {}, checkpoint: async () => {}, metric: () => {}, summarise: () => {}, log: () => {} } satisfies JobContext<ReviewParams>;
    await expect(reviewJob(db, noModel)(ctx)).rejects.toThrow(/"label" is the label column/);
  });
});
