// Entity-resolution runs as stored: what was linked with what and how, the fitted model, the
// scored pairs (typed arrays, so IndexedDB stores them as they are), the user's labels, the
// threshold they chose and whether the warehouse should use the result.
import type { EdgeFuseDb, Source } from '../store';
import { bestMatchPerRow, clusterPairs, type LinkModel, type LinkSettings, type LinkStats, type PairLabel, type PairTable } from './link';
import type { EntityAssignment } from './warehouse';
import type { FusionTable } from './types';

export interface LinkRunRecord {
  id: string;
  workspaceId: string;
  left: { sourceId: string; name: string; version: string };
  /** Null when the run dedupes `left` against itself. */
  right: { sourceId: string; name: string; version: string } | null;
  settings: LinkSettings;
  model: LinkModel;
  pairs: PairTable;
  labels: PairLabel[];
  threshold: number;
  /** The warehouse build uses accepted runs: merged customers, linked supplier rows. */
  accepted: boolean;
  stats: LinkStats;
  createdAt: number;
  updatedAt: number;
}

/** Changes whenever a source's rows as fusion reads them can change: pairs name rows by position. */
export function sourceVersion(source: Pick<Source, 'rowCount' | 'createdAt' | 'history'>): string {
  return `${source.rowCount}:${source.createdAt}:${JSON.stringify(source.history)}`;
}

/** How a run names one side: the source, and the version whose row positions its pairs use. */
export function runSide(source: Source): LinkRunRecord['left'] {
  return { sourceId: source.id, name: source.name, version: sourceVersion(source) };
}

export function listLinkRuns(db: EdgeFuseDb, workspaceId: string): Promise<LinkRunRecord[]> {
  return db.linkRuns.where('workspaceId').equals(workspaceId).reverse().sortBy('createdAt');
}

export async function updateLinkRun(db: EdgeFuseDb, id: string, changes: Partial<Pick<LinkRunRecord, 'threshold' | 'accepted' | 'labels' | 'model' | 'pairs'>>): Promise<void> {
  await db.linkRuns.update(id, { ...changes, updatedAt: Date.now() });
}

export function removeLinkRun(db: EdgeFuseDb, id: string): Promise<void> {
  return db.linkRuns.delete(id);
}

/**
 * The accepted runs as the warehouse reads them. A dedupe run gives each row its entity (rows
 * of one entity share an id); a link run gives each left row the right row it matched, or -1.
 * A run over a source that has changed since (rows moved) is left out, with a note.
 */
export async function acceptedEntities(db: EdgeFuseDb, workspaceId: string, tables: readonly FusionTable[], notes: string[] = []): Promise<EntityAssignment[]> {
  const byId = new Map(tables.map((t) => [t.id, t]));
  const out: EntityAssignment[] = [];
  for (const run of await listLinkRuns(db, workspaceId)) {
    if (!run.accepted) continue;
    const sides = [run.left, run.right].filter((s) => s !== null);
    const sources = await Promise.all(sides.map((s) => db.sources.get(s.sourceId)));
    if (sources.some((s, k) => !s || sourceVersion(s) !== sides[k]!.version || !byId.has(s.id))) {
      notes.push(`Entity matches of ${run.left.name}${run.right ? ` and ${run.right.name}` : ''} were left out: the data changed since they were found. Run the match again.`);
      continue;
    }
    const left = byId.get(run.left.sourceId)!;
    if (run.right === null) {
      const entityOfRow = new Int32Array(left.rowCount).fill(-1);
      for (const entity of clusterPairs(run.pairs, run.threshold, run.settings.maxClusterSize, true, left.rowCount, left.rowCount)) {
        for (const m of entity.members) entityOfRow[m.row] = entity.id;
      }
      out.push({ table: left.name, entityOfRow });
    } else {
      const best = bestMatchPerRow(run.pairs, run.threshold, left.rowCount);
      const entityOfRow = best.map((pair) => (pair < 0 ? -1 : run.pairs.b[pair]!));
      out.push({ table: left.name, entityOfRow, target: run.right.name });
    }
  }
  return out;
}
