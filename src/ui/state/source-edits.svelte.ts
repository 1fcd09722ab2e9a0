import type { ColumnOverride, Source } from '../../lib/store';
import { updateSource } from '../../lib/store';
import { db } from '../db';
import { ingestWorker } from '../workers';
import { jobs } from './jobs.svelte';

// Changes a user makes to a source: type/role overrides and cleaning steps. Each is saved on
// the source record and the profile is recomputed in the ingest worker.

class SourceEdits {
  async setOverride(source: Source, column: string, change: ColumnOverride): Promise<void> {
    const current = { ...source.overrides[column], ...change };
    for (const key of Object.keys(current) as (keyof ColumnOverride)[]) if (!current[key]) delete current[key];
    const overrides = { ...source.overrides, [column]: current };
    if (Object.keys(current).length === 0) delete overrides[column];
    await updateSource(db, source.id, { overrides });
    if ('type' in change) await this.reprofile(source.id);
  }

  async setHistory(source: Source, history: Source['history']): Promise<void> {
    await updateSource(db, source.id, { history });
    await this.reprofile(source.id);
  }

  reprofile(sourceId: string) {
    return jobs.run((options) => ingestWorker.api().reprofile(sourceId, options));
  }
}

export const sourceEdits = new SourceEdits();
