import { removeReviewLabel, reviewLabelCounts, reviewLabelsOf, saveReviewLabel, type ReviewLabelRecord } from '../../lib/store';
import { db } from '../db';
import { live, type Live } from './live.svelte';
import { workspaces } from './workspaces.svelte';

/**
 * The labels the user gives reviews in the label queue, for one source of the current
 * workspace at a time (the source of the latest review analysis). Each label is written to
 * IndexedDB at once, so it survives a reload; the list follows the database.
 */
class ReviewLabels {
  #sourceId = $state('');
  #labels: Live<ReviewLabelRecord[]> = $derived.by(() => {
    const workspaceId = workspaces.current?.id;
    const sourceId = this.#sourceId;
    return live(() => (workspaceId && sourceId ? reviewLabelsOf(db, workspaceId, sourceId) : Promise.resolve([])), []);
  });

  /** The source whose labels are read and written. */
  get sourceId(): string {
    return this.#sourceId;
  }

  show(sourceId: string): void {
    this.#sourceId = sourceId;
  }

  /** Every label and skip of the source, by row. */
  get current(): ReviewLabelRecord[] {
    return this.#labels.current;
  }

  /** The user's labels per class, in the order of `classes`. */
  counts(classes: readonly string[]): number[] {
    return reviewLabelCounts(this.current, classes);
  }

  /** Labels review `row` (null: skips it). */
  async label(row: number, label: string | null): Promise<void> {
    const workspaceId = workspaces.current?.id;
    if (workspaceId && this.#sourceId) await saveReviewLabel(db, { workspaceId, sourceId: this.#sourceId, row, label });
  }

  async forget(row: number): Promise<void> {
    const workspaceId = workspaces.current?.id;
    if (workspaceId && this.#sourceId) await removeReviewLabel(db, workspaceId, this.#sourceId, row);
  }
}

export const reviewLabels = new ReviewLabels();
