// The "Discover relationships" job: read every source of the workspace and suggest how they
// join, keeping what the user already decided (relationship-store.ts).
import type { JobHandler } from '../jobs';
import type { EdgeFuseDb } from '../store';
import { readStoreTables } from './read-store-tables';
import { discoverRelationships } from './relate';
import { saveDiscovered } from './relationship-store';

export interface DiscoverParams {
  workspaceId: string;
}

export interface DiscoverResult {
  tables: number;
  suggested: number;
}

export function discoverRelationshipsJob(db: EdgeFuseDb): JobHandler<DiscoverParams, DiscoverResult> {
  return async (ctx) => {
    const tables = await readStoreTables(db, ctx.params.workspaceId, {
      signal: ctx.signal,
      onProgress: (done, total) => ctx.progress(done, total + 1, 'chunks', 'Reading sources'),
    });
    ctx.progress(1, 1, 'steps', `Comparing the columns of ${tables.length} sources`);
    const found = discoverRelationships(tables);
    ctx.signal.throwIfAborted();
    await saveDiscovered(db, ctx.params.workspaceId, found);
    return { tables: tables.length, suggested: found.length };
  };
}
