import type { EdgeFuseDb } from './db';

// The labels a user gives reviews in the label queue (Discover → Reviews), one record per
// (workspace, source, row). They are the training data of "Train on my labels" and survive a
// reload; a skipped review is stored too (label null), so the next queue does not offer it again.

export interface ReviewLabelRecord {
  workspaceId: string;
  sourceId: string;
  /** The review's row in the source. */
  row: number;
  /** The class the user chose, or null: skipped (not used for training, not offered again). */
  label: string | null;
  labelledAt: number;
}

/** Stores (or replaces) the user's label of one review. */
export async function saveReviewLabel(db: EdgeFuseDb, label: Omit<ReviewLabelRecord, 'labelledAt'>): Promise<void> {
  await db.reviewLabels.put({ ...label, labelledAt: Date.now() });
}

/** Forgets the user's label of one review. */
export async function removeReviewLabel(db: EdgeFuseDb, workspaceId: string, sourceId: string, row: number): Promise<void> {
  await db.reviewLabels.delete([workspaceId, sourceId, row]);
}

/** Every label (and skip) the user gave the reviews of a source, by row. */
export function reviewLabelsOf(db: EdgeFuseDb, workspaceId: string, sourceId: string): Promise<ReviewLabelRecord[]> {
  return db.reviewLabels.where('[workspaceId+sourceId]').equals([workspaceId, sourceId]).sortBy('row');
}

/** Labels per class, in the order of `classes` (skips and labels outside them are not counted). */
export function reviewLabelCounts(labels: readonly Pick<ReviewLabelRecord, 'label'>[], classes: readonly string[]): number[] {
  const index = new Map(classes.map((name, i) => [name, i]));
  const counts = classes.map(() => 0);
  for (const { label } of labels) {
    const k = label === null ? undefined : index.get(label);
    if (k !== undefined) counts[k] = (counts[k] as number) + 1;
  }
  return counts;
}
