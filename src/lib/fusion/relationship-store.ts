// Relationships of a workspace as stored: discovery suggests, the user decides. A new discovery
// run refreshes the figures of every relationship it finds but never overrides a decision, and
// drops only the undecided suggestions it no longer finds (a source was removed, say).
import { AppError } from '../errors';
import type { EdgeFuseDb, StoredRelationship } from '../store';
import type { Relationship, RelationshipStatus } from './types';

export function listRelationships(db: EdgeFuseDb, workspaceId: string): Promise<StoredRelationship[]> {
  return db.relationships.where('workspaceId').equals(workspaceId).toArray();
}

export async function saveDiscovered(db: EdgeFuseDb, workspaceId: string, found: readonly Relationship[]): Promise<StoredRelationship[]> {
  const now = Date.now();
  return db.transaction('rw', db.relationships, async () => {
    const before = new Map((await listRelationships(db, workspaceId)).map((r) => [r.id, r]));
    const foundIds = new Set(found.map((r) => r.id));
    const stale = [...before.values()].filter((r) => r.status === 'suggested' && !foundIds.has(r.id));
    await db.relationships.bulkDelete(stale.map((r) => [workspaceId, r.id] as [string, string]));
    const fresh = found.map((r): StoredRelationship => ({ ...r, status: before.get(r.id)?.status ?? 'suggested', workspaceId, updatedAt: now }));
    await db.relationships.bulkPut(fresh);
    return listRelationships(db, workspaceId);
  });
}

export async function setRelationshipStatus(db: EdgeFuseDb, workspaceId: string, id: string, status: RelationshipStatus): Promise<void> {
  const updated = await db.relationships.update([workspaceId, id], { status, updatedAt: Date.now() });
  if (!updated) throw new AppError('not-found', 'That relationship no longer exists: run discovery again.', { id });
}

/** A relationship the user drew by hand: stored confirmed, with the evidence computed for it. */
export async function addRelationship(db: EdgeFuseDb, workspaceId: string, relationship: Relationship): Promise<void> {
  await db.relationships.put({ ...relationship, status: 'confirmed', workspaceId, updatedAt: Date.now() });
}

export async function confirmedRelationships(db: EdgeFuseDb, workspaceId: string): Promise<Relationship[]> {
  return (await listRelationships(db, workspaceId)).filter((r) => r.status === 'confirmed');
}
