import { afterEach, describe, expect, it } from 'vitest';
import { removeReviewLabel, reviewLabelCounts, reviewLabelsOf, saveReviewLabel } from '../../../src/lib/store';
import { testDb } from '../helpers';

const db = testDb();
afterEach(async () => {
  for (const table of db.tables) await table.clear();
});

describe('review labels', () => {
  it('keeps one label per (workspace, source, row): a new label replaces the old one', async () => {
    await saveReviewLabel(db, { workspaceId: 'w', sourceId: 's', row: 7, label: 'negative' });
    await saveReviewLabel(db, { workspaceId: 'w', sourceId: 's', row: 2, label: 'positive' });
    await saveReviewLabel(db, { workspaceId: 'w', sourceId: 's', row: 7, label: 'neutral' });
    await saveReviewLabel(db, { workspaceId: 'w', sourceId: 'other', row: 7, label: 'positive' });
    await saveReviewLabel(db, { workspaceId: 'w2', sourceId: 's', row: 7, label: 'positive' });
    const labels = await reviewLabelsOf(db, 'w', 's');
    expect(labels.map((l) => [l.row, l.label])).toEqual([[2, 'positive'], [7, 'neutral']]);
    expect(labels[0]!.labelledAt).toBeGreaterThan(0);
  });

  it('stores skips as null, which no class counts; removal forgets a label', async () => {
    await saveReviewLabel(db, { workspaceId: 'w', sourceId: 's', row: 1, label: 'negative' });
    await saveReviewLabel(db, { workspaceId: 'w', sourceId: 's', row: 2, label: null });
    await saveReviewLabel(db, { workspaceId: 'w', sourceId: 's', row: 3, label: 'negative' });
    await saveReviewLabel(db, { workspaceId: 'w', sourceId: 's', row: 4, label: 'spam' });
    const labels = await reviewLabelsOf(db, 'w', 's');
    expect(reviewLabelCounts(labels, ['negative', 'neutral', 'positive'])).toEqual([2, 0, 0]);
    await removeReviewLabel(db, 'w', 's', 1);
    expect(reviewLabelCounts(await reviewLabelsOf(db, 'w', 's'), ['negative', 'neutral', 'positive'])).toEqual([1, 0, 0]);
    expect((await reviewLabelsOf(db, 'w', 's')).map((l) => l.row)).toEqual([2, 3, 4]);
  });
});
