import type { LoadDemoResult } from '../../lib/ingest';
import { createWorkspace, deleteWorkspace, getSetting, listWorkspaces, putSetting, renameWorkspace, type Workspace } from '../../lib/store';
import { db } from '../db';
import { ingestWorker } from '../workers';
import { autoScoreReviews } from './auto-score-reviews.svelte';
import { jobs } from './jobs.svelte';
import { live } from './live.svelte';

const currentKey = 'current-workspace';
export const demoSeed = 42;

class Workspaces {
  #list = live(() => listWorkspaces(db), [] as Workspace[]);
  #selectedId = $state<string | null>(null);

  constructor() {
    void getSetting(db, currentKey, (v) => (typeof v === 'string' ? v : null), null).then((id) => {
      this.#selectedId ??= id;
    });
  }

  get list(): Workspace[] {
    return this.#list.current;
  }

  get current(): Workspace | null {
    return this.list.find((w) => w.id === this.#selectedId) ?? this.list[0] ?? null;
  }

  async select(id: string): Promise<void> {
    this.#selectedId = id;
    await putSetting(db, currentKey, id);
  }

  async create(name: string): Promise<Workspace> {
    const workspace = await createWorkspace(db, name);
    await this.select(workspace.id);
    return workspace;
  }

  rename(id: string, name: string): Promise<void> {
    return renameWorkspace(db, id, name);
  }

  async remove(id: string): Promise<void> {
    await deleteWorkspace(db, id, globalThis.caches);
    if (this.#selectedId === id) this.#selectedId = null;
  }

  /** Opens the demo workspace, creating it and loading the demo shop in a worker if needed. */
  async openDemo(scale = 1): Promise<void> {
    const existing = this.list.find((w) => w.isDemo);
    if (existing && (await db.sources.where('workspaceId').equals(existing.id).count()) > 0) return this.select(existing.id);
    const workspace = existing ?? (await createWorkspace(db, 'Demo shop', true));
    await this.select(workspace.id);
    const outcome = await jobs.run<LoadDemoResult>((options) => ingestWorker.api().loadDemo({ workspaceId: workspace.id, seed: demoSeed, scale }, options));
    // The demo's files are an import like any other: a sentiment model kept in this workspace
    // (from an earlier demo whose tables were removed) scores its reviews.
    if (outcome?.status === 'done') {
      const sourceIds = await db.sources.where('workspaceId').equals(workspace.id).filter((s) => s.kind !== 'view').primaryKeys();
      void autoScoreReviews.afterImport(workspace.id, sourceIds as string[]);
    }
  }
}

export const workspaces = new Workspaces();
