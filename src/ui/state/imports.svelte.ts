import type { ImportFilesResult, ImportOptions } from '../../lib/ingest';
import { ingestWorker } from '../workers';
import { autoScoreReviews } from './auto-score-reviews.svelte';
import { jobs } from './jobs.svelte';
import { sourceEdits } from './source-edits.svelte';
import { workspaces } from './workspaces.svelte';

// Importing what the user dropped: into the current workspace (a new one if there is none),
// after asking about files that were imported before, in the ingest worker as a job.

export interface ImportSummary {
  /** The workspace imported into: the summary shows only there. */
  workspaceId: string;
  files: string[];
  result: ImportFilesResult;
}

class Imports {
  #last = $state.raw<ImportSummary | null>(null);

  /** What the last import into the current workspace produced: tables, rows kept aside, files skipped and why. */
  get last(): ImportSummary | null {
    const last = this.#last;
    return last && last.workspaceId === workspaces.current?.id ? last : null;
  }

  dismiss(): void {
    this.#last = null;
  }

  async importFiles(files: File[], options: ImportOptions = {}): Promise<void> {
    const workspace = workspaces.current ?? (await workspaces.create('My data'));
    const api = ingestWorker.api();
    const duplicates = await api.findDuplicates(workspace.id, files);
    let chosen = files;
    if (duplicates.length > 0) {
      const list = duplicates.map((d) => `• ${d.fileName} (as "${d.sourceName}", ${new Date(d.importedAt).toLocaleString()})`).join('\n');
      const again = confirm(`These files were imported into "${workspace.name}" before:\n${list}\n\nOK imports them again; Cancel skips them.`);
      if (!again) chosen = files.filter((f) => !duplicates.some((d) => d.fileName === f.name));
    }
    if (chosen.length === 0) return;
    const outcome = await jobs.run((runOptions) => api.importFiles(workspace.id, chosen, options, runOptions));
    if (outcome?.status !== 'done') return;
    this.#last = { workspaceId: workspace.id, files: chosen.map((f) => f.name), result: outcome.result };
    // The quality check reads the stored chunks again: a job of its own, one per table.
    for (const table of outcome.result.tables) await sourceEdits.reprofile(table.sourceId);
    // New reviews are scored by the stored sentiment model, in the background (see auto-score-reviews).
    void autoScoreReviews.afterImport(workspace.id, outcome.result.tables.map((t) => t.sourceId));
  }
}

export const imports = new Imports();
