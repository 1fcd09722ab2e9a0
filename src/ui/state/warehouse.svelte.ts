import { addRelationship, listRelationships, setRelationshipStatus } from '../../lib/fusion/relationship-store';
import { viewRowLineage } from '../../lib/fusion/store-view';
import { listLinkRuns, removeLinkRun, updateLinkRun, type LinkRunRecord } from '../../lib/fusion/link-store';
import type { LinkReport } from '../../lib/fusion/link-job';
import type { FieldMerge, PairLabel } from '../../lib/fusion/link';
import type { RelationshipStatus } from '../../lib/fusion/types';
import { listViews, readRowsById, type CellValue, type Source, type StoredRelationship } from '../../lib/store';
import { db } from '../db';
import { fusionWorker } from '../workers';
import { jobs } from './jobs.svelte';
import { live, type Live } from './live.svelte';
import { workspaces } from './workspaces.svelte';

/** One source row behind a view row, with its cells, for the lineage panel. */
export interface LineageEntry {
  sourceId: string;
  sourceName: string;
  row: number;
  columns: string[];
  cells: CellValue[];
}

/** The current workspace's relationships and warehouse views, and the fusion jobs that make them. */
class WarehouseState {
  #relationships: Live<StoredRelationship[]> = $derived.by(() => {
    const id = workspaces.current?.id;
    return live(() => (id ? listRelationships(db, id) : Promise.resolve([])), []);
  });
  #views: Live<Source[]> = $derived.by(() => {
    const id = workspaces.current?.id;
    return live(() => (id ? listViews(db, id) : Promise.resolve([])), []);
  });

  #linkRuns: Live<LinkRunRecord[]> = $derived.by(() => {
    const id = workspaces.current?.id;
    return live(() => (id ? listLinkRuns(db, id) : Promise.resolve([])), []);
  });

  /** Entity-resolution runs, newest first. */
  get linkRuns(): LinkRunRecord[] {
    return this.#linkRuns.current;
  }

  /** Links two sources (or dedupes one when `rightSourceId` is null); resolves with the new run's id. */
  async link(leftSourceId: string, rightSourceId: string | null, meaning = false): Promise<string | null> {
    const workspaceId = workspaces.current?.id;
    if (!workspaceId) return null;
    const outcome = await jobs.run((options) => fusionWorker.api().linkEntities({ workspaceId, leftSourceId, rightSourceId, meaning }, options));
    return outcome?.status === 'done' ? outcome.result.runId : null;
  }

  /** Links a new source's rows to an earlier run's entities, reusing its model and index. */
  async extend(run: LinkRunRecord, sourceId: string): Promise<string | null> {
    const workspaceId = workspaces.current?.id;
    if (!workspaceId) return null;
    const indexed = run.right ?? run.left;
    const outcome = await jobs.run((options) => fusionWorker.api().linkEntities({ workspaceId, leftSourceId: sourceId, rightSourceId: indexed.sourceId, extendsRunId: run.id }, options));
    return outcome?.status === 'done' ? outcome.result.runId : null;
  }

  linkReport(runId: string, threshold: number, rules?: FieldMerge[]): Promise<LinkReport> {
    return fusionWorker.api().linkReport(runId, threshold, rules);
  }

  label(runId: string, labels: PairLabel[]): Promise<void> {
    return fusionWorker.api().labelPairs(runId, labels);
  }

  /** Keeps the threshold the user settled on, and whether the warehouse uses the run. */
  accept(runId: string, threshold: number, accepted: boolean): Promise<void> {
    return updateLinkRun(db, runId, { threshold, accepted });
  }

  removeRun(runId: string): Promise<void> {
    return removeLinkRun(db, runId);
  }

  /** Best first; rejected ones last. */
  get relationships(): StoredRelationship[] {
    const rank = { confirmed: 0, suggested: 1, rejected: 2 } as const;
    return [...this.#relationships.current].sort((a, b) => rank[a.status] - rank[b.status] || b.score - a.score);
  }

  get views(): Source[] {
    return this.#views.current;
  }

  async discover(): Promise<void> {
    const workspaceId = workspaces.current?.id;
    if (workspaceId) await jobs.run((options) => fusionWorker.api().discoverRelationships({ workspaceId }, options));
  }

  async setStatus(id: string, status: RelationshipStatus): Promise<void> {
    const workspaceId = workspaces.current?.id;
    if (workspaceId) await setRelationshipStatus(db, workspaceId, id, status);
  }

  /** Adds a relationship the user chose, with its evidence computed in the worker; resolves with its id. */
  async add(from: { sourceId: string; column: string }, to: { sourceId: string; column: string }): Promise<string | null> {
    const workspaceId = workspaces.current?.id;
    if (!workspaceId) return null;
    const relationship = await fusionWorker.api().describeRelationship(workspaceId, from, to);
    await addRelationship(db, workspaceId, relationship);
    return relationship.id;
  }

  async build(): Promise<void> {
    const workspaceId = workspaces.current?.id;
    if (workspaceId) await jobs.run((options) => fusionWorker.api().buildWarehouse({ workspaceId }, options));
  }

  async lineage(view: Source, row: number): Promise<LineageEntry[]> {
    const refs = await viewRowLineage(db, view, row);
    return Promise.all(refs.map(async (ref) => {
      const source = await db.sources.get(ref.sourceId);
      const [cells] = source ? await readRowsById(db, ref.sourceId, [ref.row]) : [];
      return { ...ref, columns: source?.columns.map((c) => c.name) ?? [], cells: cells ?? [] };
    }));
  }
}

export const warehouse = new WarehouseState();
