import { AppError } from '../errors';
import { newId, type EdgeFuseDb } from './db';
import { workspaceTables } from './schema';
import type { Workspace } from './types';

export function listWorkspaces(db: EdgeFuseDb): Promise<Workspace[]> {
  return db.workspaces.orderBy('createdAt').toArray();
}

function cleanName(name: string): string {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  if (!trimmed) throw new AppError('input-malformed', 'A workspace needs a name.');
  if (trimmed.length > 120) throw new AppError('input-malformed', 'Workspace names are limited to 120 characters.');
  return trimmed;
}

export async function createWorkspace(db: EdgeFuseDb, name: string, isDemo = false): Promise<Workspace> {
  const now = Date.now();
  const workspace: Workspace = { id: newId(), name: cleanName(name), isDemo, createdAt: now, updatedAt: now };
  await db.workspaces.add(workspace);
  return workspace;
}

export async function renameWorkspace(db: EdgeFuseDb, id: string, name: string): Promise<void> {
  const updated = await db.workspaces.update(id, { name: cleanName(name), updatedAt: Date.now() });
  if (!updated) throw new AppError('not-found', 'That workspace no longer exists.', { id });
}

/** Cache Storage names that belong to a workspace (cached model files, exports). */
export function workspaceCachePrefix(workspaceId: string): string {
  return `edgefuse-ws-${workspaceId}`;
}

/**
 * Removes every byte of a workspace: its rows in every table, in one transaction so a crash
 * leaves either all or nothing, then its Cache Storage entries (where the platform has them).
 */
export async function deleteWorkspace(db: EdgeFuseDb, id: string, caches?: CacheStorage): Promise<void> {
  const tables = [db.workspaces, db.settings, ...workspaceTables.map((name) => db.table(name))];
  await db.transaction('rw', tables, async () => {
    for (const name of workspaceTables) await db.table(name).where('workspaceId').equals(id).delete();
    await db.workspaces.delete(id);
    // Settings that point at it (the last-open workspace) would otherwise keep its id.
    await db.settings.filter((setting) => setting.value === id).delete();
  });
  if (caches) {
    const prefix = workspaceCachePrefix(id);
    for (const key of await caches.keys()) if (key.startsWith(prefix)) await caches.delete(key);
  }
}

/** Counts the rows of every table that still reference a workspace (0 after a delete). */
export async function countWorkspaceRows(db: EdgeFuseDb, id: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {
    workspaces: await db.workspaces.where('id').equals(id).count(),
    settings: await db.settings.filter((setting) => setting.value === id).count(),
  };
  for (const name of workspaceTables) counts[name] = await db.table(name).where('workspaceId').equals(id).count();
  return counts;
}
