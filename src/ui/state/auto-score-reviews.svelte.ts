import { listModels } from '../../lib/ml/registry';
import { sentimentModelFor } from '../../lib/reviews/sentiment-card';
import { getSetting, putSetting } from '../../lib/store';
import { db } from '../db';
import { mlWorker } from '../workers';
import { jobs } from './jobs.svelte';

// Scores reviews as they are imported: when an import finishes, each new table that has every
// text column of a stored sentiment model (the newest that fits) is scored by it, as a job of
// the ML worker. On by default; the Reviews panel's checkbox turns it off (kept in settings).

const settingKey = 'auto-score-reviews';
const parseEnabled = (value: unknown): boolean => {
  if (typeof value !== 'boolean') throw new Error('not a boolean');
  return value;
};

class AutoScoreReviews {
  #enabled = $state(true);
  #loaded = getSetting(db, settingKey, parseEnabled, true).then((enabled) => (this.#enabled = enabled));

  get enabled(): boolean {
    return this.#enabled;
  }

  async setEnabled(enabled: boolean): Promise<void> {
    this.#enabled = enabled;
    await putSetting(db, settingKey, enabled);
  }

  /** Scores one source with the newest stored sentiment model whose text columns it has; false when none fits. */
  async score(workspaceId: string, sourceId: string): Promise<boolean> {
    const [models, source] = await Promise.all([listModels(db, workspaceId), db.sources.get(sourceId)]);
    const model = source ? sentimentModelFor(models, source.columns.map((c) => c.name)) : null;
    if (!model) return false;
    const outcome = await jobs.run((options) => mlWorker.api().scoreReviews({ workspaceId, sourceId, modelId: model.id }, options));
    return outcome?.status === 'done';
  }

  /** Called when an import of `sourceIds` into `workspaceId` is done; resolves when their scoring jobs are. */
  async afterImport(workspaceId: string, sourceIds: readonly string[]): Promise<void> {
    await this.#loaded;
    if (!this.#enabled) return;
    for (const sourceId of sourceIds) await this.score(workspaceId, sourceId);
  }
}

export const autoScoreReviews = new AutoScoreReviews();
